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
PKGS     = libcmark-gfm libutf8proc xlsxwriter nettle librsvg-2.0 minizip
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# librsvg and cairo are not linked: gen/svg_lib.c opens them when a chart is first drawn (their
# fifty libraries cost more to load than a run that draws nothing); their headers are used.
PKG_LIBS_FOUND := $(shell pkg-config --libs $(filter-out librsvg-2.0,$(PKGS)) 2>/dev/null) -lm
# Debian's libcmark-gfm.pc names the extensions library already; once on the link line.
PKG_LIBS   = $(PKG_LIBS_FOUND) \
             $(if $(filter -lcmark-gfm-extensions,$(PKG_LIBS_FOUND)),,-lcmark-gfm-extensions) -lcsv
# gen/linefeed.c and others start threads.
ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS) -pthread -MMD -MP

BUILD_PACKAGES = gcc make pkg-config libcsv-dev libutf8proc-dev libcmark-gfm-dev \
                 libcmark-gfm-extensions-dev libxlsxwriter-dev nettle-dev gettext \
                 librsvg2-dev libminizip-dev fonts-dejavu-core
TEST_PACKAGES  = $(BUILD_PACKAGES) libcmocka-dev libjansson-dev valgrind \
                 chromium tidy poppler-utils fonts-dejavu-core strace python3 \
                 clang libclang-rt-14-dev \
                 python3-openpyxl python3-pandas python3-jsonschema gnumeric libreoffice-calc-nogui \
                 python3-docx libreoffice-writer-nogui fonts-liberation2
BENCH_PACKAGES = $(BUILD_PACKAGES) python3 python3-pandas python3-openpyxl

LIB_SRC  = $(filter-out gen/main.c,$(sort $(wildcard gen/*.c)))
TEST_SRC = $(sort $(wildcard tests/test_*.c))
TEST_BIN = $(TEST_SRC:tests/%.c=tests/bin/%)
TEST_CFLAGS = $(shell pkg-config --cflags cmocka jansson 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs cmocka jansson 2>/dev/null)

PREFIX  ?= /usr/local
DESTDIR ?=
DATADIR  = $(PREFIX)/share/gen
LOCALEDIR = $(PREFIX)/share/locale

# Messages: English in the source, Vietnamese in po/vi.po (see gen/i18n.h). `make pot` extracts
# po/gen.pot; the catalogue is compiled into the build tree, where gen/gen finds it, and
# installed under $(LOCALEDIR).
MO = build/locale/vi/LC_MESSAGES/gen.mo
POT ?= po/gen.pot
XGETTEXT_KEYWORDS = --keyword=_ --keyword=N_ --keyword=F_ --keyword=diag_add:6 \
    --keyword=diag_addv:6 --keyword=report:5 --keyword=submission_reject:3 \
    --keyword=text_set_message:2 --keyword=text_append_message:2 --keyword=set_error:4 \
    --keyword=mustache_set_error:4 --keyword=i18n_format:3 --keyword=i18n_format_to:4 \
    --keyword=fatal:3 --keyword=refuse:3 --flag=diag_add:6:c-format --flag=diag_addv:6:c-format \
    --flag=report:5:c-format --flag=submission_reject:3:c-format \
    --flag=text_set_message:2:c-format --flag=text_append_message:2:c-format \
    --flag=set_error:4:c-format --flag=mustache_set_error:4:c-format \
    --flag=i18n_format:3:c-format --flag=i18n_format_to:4:c-format --flag=fatal:3:c-format --flag=refuse:3:c-format


.PHONY: mutants all run check check-asan check-fuzz fuzz deps-build deps-test clean format install \
        uninstall bench deps-bench pot FORCE

all: gen/gen $(MO)

# ------------------------------------------------------------------------------ missing packages
# A build without its Debian packages says which are missing, rather than failing in the
# compiler. Not for the targets that install them first (check, run, bench, fuzz) or need none.
#   $(call missing,MODULE:PACKAGE ...,HEADER:PACKAGE ...,COMMAND:PACKAGE ...)
HASH := \#
missing = $(strip $(shell \
  command -v pkg-config >/dev/null || echo pkg-config; \
  for m in $(1); do pkg-config --exists $${m%%:*} 2>/dev/null || echo $${m$(HASH)*:}; done; \
  command -v $(firstword $(CC)) >/dev/null && \
  for h in $(2); do printf '\043include <%s>\n' $${h%%:*} | $(CC) $(PKG_CFLAGS) -E -x c - \
    >/dev/null 2>&1 || echo $${h$(HASH)*:}; done; \
  for c in $(3); do command -v $${c%%:*} >/dev/null || echo $${c$(HASH)*:}; done))

NEEDS_NO_BUILD = clean format uninstall deps-build deps-test deps-bench check run bench fuzz
ifneq ($(filter-out $(NEEDS_NO_BUILD),$(or $(MAKECMDGOALS),all)),)
MISSING_BUILD := $(call missing,libcmark-gfm:libcmark-gfm-dev libutf8proc:libutf8proc-dev \
  xlsxwriter:libxlsxwriter-dev nettle:nettle-dev librsvg-2.0:librsvg2-dev minizip:libminizip-dev,csv.h:libcsv-dev \
  cmark-gfm-core-extensions.h:libcmark-gfm-extensions-dev,$(CC):gcc msgfmt:gettext)
ifneq ($(MISSING_BUILD),)
$(error missing Debian packages for building: $(sort $(MISSING_BUILD)); run `make deps-build` (as root))
endif
endif
ifneq ($(filter check-asan check-fuzz tests/bin/% tests/bin-asan/% build-fuzz/%,$(MAKECMDGOALS)),)
MISSING_TEST := $(call missing,cmocka:libcmocka-dev jansson:libjansson-dev,,\
  $(if $(filter check-fuzz build-fuzz/%,$(MAKECMDGOALS)),clang:clang))
ifneq ($(MISSING_TEST),)
$(error missing Debian packages for testing: $(sort $(MISSING_TEST)); run `make deps-test` (as root))
endif
endif

# ------------------------------------------------------------------------------ builds
# One rule set for every build of gen's sources, instantiated per flavour:
#   build/       the program (make, make install): $(CC) $(CFLAGS)
#   build-asan/  the program and the tests under AddressSanitizer and UndefinedBehaviorSanitizer
#   build-fuzz/  the libFuzzer targets' objects (clang)
# $(1) the folder, $(2) the compiler, $(3) the flavour's flags.
define objects
$(1)/%.o: gen/%.c
	@mkdir -p $(1)
	$(2) $$(ALL_CFLAGS) $(3) -c $$< -o $$@

$(1)/libgen.a: $$(LIB_SRC:gen/%.c=$(1)/%.o)
	rm -f $$@ && ar rcs $$@ $$^
endef

# The program of a flavour: $(1) the objects' folder, $(2) the program, $(3) the flags.
define program
$(2): $(1)/main.o $(1)/libgen.a $(MO)
	$(CC) $$(CFLAGS) $(3) -pthread -o $$@ $$(filter-out %.mo,$$^) $$(PKG_LIBS)
endef

# The test programs of a flavour: $(1) their folder, $(2) the objects' folder, $(3) the flags.
# Each links the support library (tests/support.c) built for the same flavour. The dependency
# files are hidden (.test_x.d), so that tests/bin/test_* names the programs only.
define tests
$(1)/support.o: tests/support.c
	@mkdir -p $(1)
	$(CC) $$(ALL_CFLAGS) $(3) -Igen $$(TEST_CFLAGS) -c $$< -o $$@

$(1)/%: tests/%.c $(1)/support.o $(2)/libgen.a
	@mkdir -p $(1)
	$(CC) $$(ALL_CFLAGS) $(3) -MF $(1)/.$$*.d -Igen $$(TEST_CFLAGS) -o $$@ $$< $(1)/support.o \
		$(2)/libgen.a $$(PKG_LIBS) $$(TEST_LIBS)
endef

# The whole test suite again with AddressSanitizer and UndefinedBehaviorSanitizer (gcc's, as the
# main build), gen included for the golden runs: any report fails the test that caused it. Not
# the valgrind test, which runs the plain gen/gen: valgrind cannot run a sanitized program.
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_BIN   = $(filter-out tests/bin-asan/test_memcheck,$(TEST_SRC:tests/%.c=tests/bin-asan/%))
SAN_ENV   = ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 \
            LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            GEN_MAX_RSS_MB=0 # test_hostile: shadow memory is no measure of gen's

# libFuzzer targets (clang) on every reader of untrusted text: tests/fuzz/README.md.
FUZZ_CC      = clang
FUZZ_FLAGS   = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
               -fno-sanitize-recover=all
FUZZ_TARGETS = submission number fold mustache
# Every object of the library: a list by hand broke whenever a reader gained a dependency.
FUZZ_LIB     = $(LIB_SRC:gen/%.c=%)
FUZZ_OBJ     = $(FUZZ_LIB:%=build-fuzz/%.o)
FUZZ_BIN     = $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
FUZZ_SECONDS ?= 600
FUZZ_CHECK_SECONDS ?= 30

$(eval $(call objects,build,$(CC),))
$(eval $(call objects,build-asan,$(CC),$(SAN_FLAGS)))
$(eval $(call objects,build-fuzz,$(FUZZ_CC),$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link))
$(eval $(call program,build,gen/gen,))
$(eval $(call program,build-asan,build-asan/gen,$(SAN_FLAGS)))
$(eval $(call tests,tests/bin,build,))
$(eval $(call tests,tests/bin-asan,build-asan,$(SAN_FLAGS)))

# The installed program finds its templates in $(DATADIR); main.o is rebuilt when PREFIX changes.
build/prefix: FORCE
	@mkdir -p build
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@

build/main.o: build/prefix
build/main.o: ALL_CFLAGS += -DGEN_DATADIR='"$(DATADIR)"'
build/i18n.o: build/prefix
build/i18n.o: ALL_CFLAGS += -DGEN_LOCALEDIR='"$(LOCALEDIR)"'

# The Vietnamese catalogue, compiled from po/vi.po; `make pot` extracts po/gen.pot.
$(MO): po/vi.po
	@mkdir -p $(@D)
	msgfmt --check --output-file=$@ $<

pot:
	xgettext --from-code=UTF-8 --language=C $(XGETTEXT_KEYWORDS) --package-name=gen \
		--msgid-bugs-address=gen --sort-by-file --add-comments=TRANSLATORS: \
		--output=$(POT) $(sort $(wildcard gen/*.c))

check-asan:
	$(MAKE) build-asan/gen $(SAN_BIN)
	SHARED=$(SHARED) GEN=build-asan/gen $(SAN_ENV) tests/run-all.sh $(SAN_BIN)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) $(PKG_CFLAGS) -pthread -fsanitize=fuzzer -Igen -o $@ $< \
		$(FUZZ_OBJ) $(PKG_LIBS)

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
build/bench-floor: tests/bench/floor.c
	@mkdir -p build
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

build/bench-measure: tests/bench/measure.c
	@mkdir -p build
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

install: gen/gen $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/templates \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 gen/gen $(DESTDIR)$(PREFIX)/bin/gen
	install -m 644 templates/briefing.md templates/briefing.html templates/index.html templates/docx-styles.xml \
		templates/province.md templates/province.html templates/page-style.html \
		templates/programme.md templates/programme.html \
		templates/README.md $(DESTDIR)$(DATADIR)/templates/
	install -m 644 man/gen.1 $(DESTDIR)$(PREFIX)/share/man/man1/gen.1
	install -d $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/gen.mo

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gen $(DESTDIR)$(PREFIX)/share/man/man1/gen.1 \
		$(DESTDIR)$(LOCALEDIR)/vi/LC_MESSAGES/gen.mo
	rm -rf $(DESTDIR)$(DATADIR)

format:
	clang-format -i gen/*.c gen/*.h tests/*.c tests/*.h

clean:
	rm -rf build tests/bin tests/artifacts gen/gen build-asan tests/bin-asan build-fuzz

-include $(foreach b,build build-asan build-fuzz,$(LIB_SRC:gen/%.c=$(b)/%.d) $(b)/main.d) \
         $(foreach b,tests/bin tests/bin-asan,$(TEST_SRC:tests/%.c=$(b)/.%.d) $(b)/support.d)

# Mutation testing (not part of make check): see tests/mutants/run.sh.
mutants: gen/gen
	tests/mutants/run.sh
