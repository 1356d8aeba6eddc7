/* i18n.h - messages in English and Vietnamese (gettext catalogues: po/vi.po, compiled to gen.mo).
 *
 * Every message gen prints or publishes is written in English in the source, as gettext's msgid,
 * and has a Vietnamese translation in po/vi.po. Two readers, two rules:
 *
 *   - standard error follows the locale as gettext does: the first of LANGUAGE, LC_ALL,
 *     LC_MESSAGES and LANG that is set and not empty decides; Vietnamese when it names `vi`
 *     (`vi`, `vi_VN.UTF-8`, `vi:en`), English otherwise. The choice is made from the variables
 *     themselves, so it works on a machine where no Vietnamese locale is installed;
 *   - documents (briefing, annex, pages, index) are always Vietnamese.
 *
 * So a message is formatted once per language (diag.h keeps both): i18n_format() translates the
 * format into the language asked for, then the fragments marked with F_() inside the formatted
 * text (a column's name, what was expected, a system error), so that a sentence built from
 * parts is Vietnamese throughout, or English throughout.
 *
 * The catalogue is read once, before any thread starts (i18n_init), with our own reader of the
 * .mo format (GNU gettext's binary catalogue, as msgfmt writes it): glibc's gettext() reads a
 * catalogue only for a locale that is installed, and would let the documents' language depend on
 * the environment. Without i18n_init (the unit tests), every text is the English msgid. */
#ifndef GEN_I18N_H
#define GEN_I18N_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef enum i18n_lang { I18N_EN, I18N_VI } i18n_lang;
enum { I18N_LANGS = 2 };

/* The language of documents. */
#define I18N_DOCUMENTS I18N_VI

/* Marks a message for xgettext (make pot); translated where it is formatted. */
#define N_(s) s
/* The message in the language of standard error. */
#define _(s) i18n_text(i18n_stderr_lang(), s)
/* A fragment of a message (a string literal), translated when the message that holds it is
 * formatted by i18n_format() or diag_add(): "\x1F" and "\x1E" around it mark where it starts
 * and ends. */
#define F_(s) "\x1F" s "\x1E"

/* Chooses the language of standard error from the environment and loads the Vietnamese
 * catalogue, from `path` when not NULL, else from where gen is built or installed (see
 * i18n.c). Returns 0, or -1 when no catalogue could be read (every text is then English). */
int i18n_init(const char *path);
/* Where the catalogue was read from; NULL when none was. */
const char *i18n_catalogue_path(void);
/* The bytes of the catalogue read (for the fingerprint of a publication); NULL, 0 if none. */
const unsigned char *i18n_catalogue_bytes(size_t *len);
/* Frees the catalogue. */
void i18n_release(void);

/* The language the environment variables select: `language`, `lc_all`, `lc_messages`, `lang`
 * are their values (NULL when unset). */
i18n_lang i18n_choose(const char *language, const char *lc_all, const char *lc_messages,
                      const char *lang);
i18n_lang i18n_stderr_lang(void);
void i18n_set_stderr_lang(i18n_lang lang);

/* The translation of `msgid` into `lang`, or `msgid` itself. */
const char *i18n_text(i18n_lang lang, const char *msgid) __attribute__((format_arg(2)));

/* Appends `fmt` translated into `lang` and formatted, its F_() fragments translated too. */
void i18n_format(buf *out, i18n_lang lang, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void i18n_vformat(buf *out, i18n_lang lang, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/* The same into `out` (`size` > 0 bytes), cut at a character's boundary if it does not fit. */
void i18n_vformat_to(char *out, size_t size, i18n_lang lang, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
void i18n_format_to(char *out, size_t size, i18n_lang lang, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Translates the F_() fragments of `text` into `lang` (a text already formatted). */
void i18n_fragments(buf *out, i18n_lang lang, const char *text);

/* The text of a system error (errno) as a fragment: the C library's English text, translated
 * for the documents. */
const char *i18n_strerror(int errnum);

#endif
