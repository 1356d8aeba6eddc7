/* xml.h - text into XML 1.0 (the Word briefing's parts): the one place where text is escaped
 * for XML.
 *
 * Whatever the text holds, what is appended is well-formed character data, also inside an
 * attribute value in double quotes: & < > " are written as entities; characters XML 1.0
 * forbids (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) are
 * dropped, and bytes that are not UTF-8 become U+FFFD, as a last defence for text that
 * should never hold them. */
#ifndef GEN_XML_H
#define GEN_XML_H

#include <stddef.h>

#include "buf.h"

/* Appends `len` bytes of `s` (UTF-8) to `out` as XML character data. */
void xml_text(buf *out, const char *s, size_t len);

/* xml_text of a C string. */
void xml_puts(buf *out, const char *s);

#endif
