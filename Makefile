# gen - the southern-region khuyến công conference briefing generator.
#
#   make          build gen/gen
#   make run      install missing Debian packages, build, run on the demo data (input/ -> out/)
#   make check    install missing Debian packages, build, run every test (also under
#                 AddressSanitizer and UndefinedBehaviorSanitizer, and each fuzz target briefly)
#   make fuzz     run each libFuzzer target for FUZZ_SECONDS (600) seconds
#   make bench    gen beside a pandas/openpyxl reference and a libxlsxwriter floor at three
#                 scales (tests/bench/; generates about 500 MB of submissions once)
#
# Every package comes from Debian; nothing is downloaded at build or run time.

CC      ?= cc
SHARED  ?= ../shared
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wvla -Wpointer-arith
PKGS     = libcmark-gfm libutf8proc xlsxwriter nettle
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lcsv
ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP

BUILD_PACKAGES = gcc make pkg-config libcsv-dev libutf8proc-dev libcmark-gfm-dev \
                 libcmark-gfm-extensions-dev libxlsxwriter-dev nettle-dev
TEST_PACKAGES  = $(BUILD_PACKAGES) libcmocka-dev libjansson-dev valgrind \
                 chromium tidy poppler-utils fonts-dejavu-core strace python3 \
                 clang libclang-rt-14-dev \
                 python3-openpyxl python3-pandas gnumeric libreoffice-calc-nogui
BENCH_PACKAGES = $(BUILD_PACKAGES) python3 python3-pandas python3-openpyxl

LIB_SRC  = $(filter-out gen/main.c,$(sort $(wildcard gen/*.c)))
LIB_OBJ  = $(LIB_SRC:gen/%.c=build/%.o)
TEST_SRC = $(sort $(wildcard tests/test_*.c))
TEST_BIN = $(TEST_SRC:tests/%.c=tests/bin/%)
TEST_LIBS = $(shell pkg-config --libs cmocka jansson 2>/dev/null)

PREFIX  ?= /usr/local
DESTDIR ?=
DATADIR  = $(PREFIX)/share/gen

.PHONY: all run check check-asan check-fuzz fuzz deps-build deps-test clean format install \
        uninstall bench deps-bench FORCE

all: gen/gen

build/%.o: gen/%.c | build
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build:
	mkdir -p build

build/libgen.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# The installed program finds its templates in $(DATADIR); main.o is rebuilt when PREFIX changes.
build/prefix: FORCE | build
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@

build/main.o: build/prefix
build/main.o: ALL_CFLAGS += -DGEN_DATADIR='"$(DATADIR)"'

gen/gen: build/main.o build/libgen.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

tests/bin/%: tests/%.c tests/testutil.h build/libgen.a
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) -Igen $(shell pkg-config --cflags cmocka jansson) -o $@ $< build/libgen.a \
		$(PKG_LIBS) $(TEST_LIBS)

# The whole test suite again with AddressSanitizer and UndefinedBehaviorSanitizer (gcc's, as the
# main build), gen included for the golden runs: any report fails the test that caused it. Not
# the valgrind test, which runs the plain gen/gen: valgrind cannot run a sanitized program.
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_OBJ   = $(LIB_SRC:gen/%.c=build-asan/%.o)
SAN_BIN   = $(filter-out tests/bin-asan/test_memcheck,$(TEST_SRC:tests/%.c=tests/bin-asan/%))
SAN_ENV   = ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            GEN_MAX_RSS_MB=0 # test_hostile: shadow memory is no measure of gen's

build-asan/%.o: gen/%.c
	@mkdir -p build-asan
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@

build-asan/libgen.a: $(SAN_OBJ)
	rm -f $@ && ar rcs $@ $^

build-asan/gen: build-asan/main.o build-asan/libgen.a
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

tests/bin-asan/%: tests/%.c tests/testutil.h build-asan/libgen.a
	@mkdir -p tests/bin-asan
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Igen $(shell pkg-config --cflags cmocka jansson) -o $@ $< \
		build-asan/libgen.a $(PKG_LIBS) $(TEST_LIBS)

check-asan:
	$(MAKE) build-asan/gen $(SAN_BIN)
	SHARED=$(SHARED) GEN=build-asan/gen $(SAN_ENV) tests/run-all.sh $(SAN_BIN)

# libFuzzer targets (clang) on every reader of untrusted text: tests/fuzz/README.md.
FUZZ_CC      = clang
FUZZ_FLAGS   = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=all
FUZZ_TARGETS = submission number fold mustache
FUZZ_LIB     = alloc arena buf diag text csvread csvfile number fold catalog submission mustache
FUZZ_OBJ     = $(FUZZ_LIB:%=build-fuzz/%.o)
FUZZ_BIN     = $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
FUZZ_SECONDS ?= 600
FUZZ_CHECK_SECONDS ?= 30

build-fuzz/%.o: gen/%.c
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer -Igen -o $@ $< $(FUZZ_OBJ) \
		$(PKG_LIBS)

check-fuzz:
	$(MAKE) $(FUZZ_BIN)
	tests/fuzz/run.sh $(FUZZ_CHECK_SECONDS) $(FUZZ_TARGETS)

fuzz: deps-test
	$(MAKE) $(FUZZ_BIN)
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Installs the Debian packages in $(1) that are missing (needs root, as on CI and a fresh machine).
define ensure_packages
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make: need root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps-build:
	$(call ensure_packages,$(BUILD_PACKAGES))

deps-test:
	$(call ensure_packages,$(TEST_PACKAGES))

deps-bench:
	$(call ensure_packages,$(BENCH_PACKAGES))

# The floor of the benchmark (the annex's cells written with libxlsxwriter alone) and its
# stopwatch.
build/bench-floor: tests/bench/floor.c | build
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

build/bench-measure: tests/bench/measure.c | build
	$(CC) $(WARN) $(CFLAGS) -o $@ $<

bench: deps-bench
	$(MAKE) gen/gen build/bench-floor build/bench-measure
	/usr/bin/python3 tests/bench/bench.py

run: deps-build
	$(MAKE) gen/gen
	gen/gen --input input --out out --templates templates

# The plain suite runs last, so that its "N passed, N failed" closes the output.
check: deps-test
	$(MAKE) check-fuzz
	$(MAKE) check-asan
	$(MAKE) gen/gen $(TEST_BIN)
	SHARED=$(SHARED) GEN=gen/gen tests/run-all.sh $(TEST_BIN)

install: gen/gen
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/templates \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 gen/gen $(DESTDIR)$(PREFIX)/bin/gen
	install -m 644 templates/briefing.md templates/briefing.html templates/index.html \
		templates/README.md $(DESTDIR)$(DATADIR)/templates/
	install -m 644 man/gen.1 $(DESTDIR)$(PREFIX)/share/man/man1/gen.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gen $(DESTDIR)$(PREFIX)/share/man/man1/gen.1
	rm -rf $(DESTDIR)$(DATADIR)

format:
	clang-format -i gen/*.c gen/*.h tests/*.c tests/*.h

clean:
	rm -rf build tests/bin tests/artifacts gen/gen build-asan tests/bin-asan build-fuzz

-include $(LIB_OBJ:.o=.d) build/main.d $(SAN_OBJ:.o=.d) build-asan/main.d $(FUZZ_OBJ:.o=.d)

# Mutation testing (not part of make check): see tests/mutants/run.sh.
mutants: gen/gen
	tests/mutants/run.sh
