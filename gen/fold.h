/* fold.h - the one way names are compared.
 *
 * Header names, province names and aliases, sources and content names match when their folded
 * forms are equal. Folding follows the contract: case, Vietnamese diacritics (with đ read as d)
 * and Unicode normalisation form are ignored, surrounding spaces are dropped, and space, '_'
 * and '-' are one separator (runs of them count once): "Nguồn kinh phí", "NGUON_KINH_PHI" and
 * "nguon kinh phi" all fold to "nguon kinh phi"; "Bà Rịa - Vũng Tàu" to "ba ria vung tau". */
#ifndef GEN_FOLD_H
#define GEN_FOLD_H

#include <stdbool.h>
#include <stddef.h>

/* Returns the folded form of `len` bytes of UTF-8 as a malloc'd string (caller frees).
 * Invalid UTF-8 folds to "" (it can match nothing but the empty name). */
char *fold_name(const char *s, size_t len);

/* Returns `len` bytes of UTF-8 in Unicode normalisation form C, malloc'd (caller frees). Text
 * shown to readers (titles, notes) is stored in NFC whatever form the file used. */
char *fold_nfc(const char *s, size_t len);

/* True when `len` bytes are valid UTF-8 already in NFC by a quick test that passes
 * Vietnamese as Excel saves it (precomposed letters, ASCII, Latin-1 punctuation); false means
 * only that fold_nfc must decide. */
bool fold_is_nfc(const char *s, size_t len);

#endif
