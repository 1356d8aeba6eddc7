/* path.h - file paths and sorted folder listings. */
#ifndef GEN_PATH_H
#define GEN_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* "dir/name", allocated: the caller frees it. */
char *path_join(const char *dir, const char *name);

/* `path` named inside the folder `dir` ("input/2024-09/x.csv" inside "input" is
 * "2024-09/x.csv"), pointing into `path`; `path` itself when it does not lie in `dir`. What
 * published files name, so that the same inputs under another path publish the same bytes. */
const char *path_inside(const char *path, const char *dir);

/* The last component of `path`, pointing into it. */
const char *path_base(const char *path);

/* Whether a folder listing keeps the entry `name`, whose path is `path`. */
typedef bool (*path_filter)(const char *path, const char *name, void *context);

/* The names of the entries of folder `dir` but . and .. that `keep` accepts (every one when
 * `keep` is NULL), sorted in byte order (strcmp), so that every run sees them in the same
 * order. Returns `*count` allocated names (an array even when there are none), or NULL when
 * the folder cannot be opened, with errno saying why. Free with path_list_free. */
char **path_list_sorted(const char *dir, path_filter keep, void *context, size_t *count);
void path_list_free(char **names, size_t count);

#endif
