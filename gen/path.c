#include "path.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"

char *path_join(const char *dir, const char *name)
{
    buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", dir, name);
    return buf_detach(&b);
}

const char *path_inside(const char *path, const char *dir)
{
    if (!dir)
        return path;
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    if (strncmp(path, dir, len) != 0 || path[len] != '/')
        return path;
    path += len;
    while (*path == '/')
        path++;
    return path;
}

const char *path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **path_list_sorted(const char *dir, path_filter keep, void *context, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (keep) {
            char *path = path_join(dir, e->d_name);
            bool kept = keep(path, e->d_name, context);
            free(path);
            if (!kept)
                continue;
        }
        names = xgrow(names, &cap, n + 1, sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1) /* qsort must not be given NULL, even for no element */
        qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names ? names : xcalloc(1, sizeof *names);
}

void path_list_free(char **names, size_t count)
{
    for (size_t i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
}
