#include "linefeed.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"

/* Lines per batch, and batches read ahead at most: enough to keep the writer busy while the
 * reader moves to the next file, a few megabytes in all. */
enum { BATCH_LINES = 4096, QUEUE_BATCHES = 4 };

typedef struct batch {
    project_line lines[BATCH_LINES];
    const submission *of[BATCH_LINES];
    size_t count;
    arena strings; /* the lines' titles and notes */
    struct batch *next;
} batch;

struct linefeed {
    const region *r;
    pthread_t reader;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch *first, *last; /* the queue */
    size_t queued;
    bool done;   /* the reader has queued its last batch */
    bool stop;   /* the writer wants no more */
    bool failed; /* a file could not be read again */
    batch *being_filled;
    batch *being_read;
    size_t next_line; /* in being_read */
    diag_list diags;  /* the reader's */
};

static void free_batch(batch *b)
{
    if (b) {
        arena_free(&b->strings);
        free(b);
    }
}

/* Queues the batch being filled, waiting while the queue is full. False when the writer has
 * stopped. */
static bool queue_batch(linefeed *f)
{
    pthread_mutex_lock(&f->lock);
    while (f->queued == QUEUE_BATCHES && !f->stop)
        pthread_cond_wait(&f->changed, &f->lock);
    bool stop = f->stop;
    if (!stop) {
        batch *b = f->being_filled;
        if (f->last)
            f->last->next = b;
        else
            f->first = b;
        f->last = b;
        f->queued++;
        f->being_filled = NULL;
        pthread_cond_broadcast(&f->changed);
    }
    pthread_mutex_unlock(&f->lock);
    return !stop;
}

static int add_line(void *context, const submission *s, const project_line *line)
{
    linefeed *f = context;
    if (!f->being_filled)
        f->being_filled = xcalloc(1, sizeof *f->being_filled);
    batch *b = f->being_filled;
    project_line *copy = &b->lines[b->count];
    *copy = *line;
    copy->title = arena_strndup(&b->strings, line->title, strlen(line->title));
    copy->note = arena_strndup(&b->strings, line->note, strlen(line->note));
    b->of[b->count++] = s;
    return b->count == BATCH_LINES && !queue_batch(f);
}

static void *read_lines(void *context)
{
    linefeed *f = context;
    const region *r = f->r;
    bool ok = true;
    for (size_t p = 0; ok && p < r->n_provinces; p++) {
        const submission *s = r->current->accepted[p];
        if (s && submission_each_line(s, r->roster, r->contents, add_line, f, &f->diags) != 0)
            ok = false;
    }
    if (ok && f->being_filled)
        queue_batch(f);
    pthread_mutex_lock(&f->lock);
    f->failed = f->diags.errors > 0;
    f->done = true;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

linefeed *linefeed_start(const region *r)
{
    linefeed *f = xcalloc(1, sizeof *f);
    f->r = r;
    f->diags = (diag_list)DIAG_LIST_INIT;
    pthread_mutex_init(&f->lock, NULL);
    pthread_cond_init(&f->changed, NULL);
    if (pthread_create(&f->reader, NULL, read_lines, f) != 0) {
        pthread_cond_destroy(&f->changed);
        pthread_mutex_destroy(&f->lock);
        free(f);
        return NULL;
    }
    return f;
}

/* Takes the next batch off the queue, waiting for the reader; NULL after the last one. */
static batch *next_batch(linefeed *f)
{
    pthread_mutex_lock(&f->lock);
    while (!f->first && !f->done)
        pthread_cond_wait(&f->changed, &f->lock);
    batch *b = f->first;
    if (b) {
        f->first = b->next;
        if (!f->first)
            f->last = NULL;
        f->queued--;
        pthread_cond_broadcast(&f->changed);
    }
    bool failed = f->failed;
    pthread_mutex_unlock(&f->lock);
    if (failed) {
        free_batch(b);
        return NULL;
    }
    return b;
}

const project_line *linefeed_next(linefeed *f, const submission **s)
{
    while (!f->being_read || f->next_line == f->being_read->count) {
        free_batch(f->being_read);
        f->next_line = 0;
        if (!(f->being_read = next_batch(f)))
            return NULL;
    }
    *s = f->being_read->of[f->next_line];
    return &f->being_read->lines[f->next_line++];
}

int linefeed_finish(linefeed *f, diag_list *diags)
{
    pthread_mutex_lock(&f->lock);
    f->stop = true;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->reader, NULL);
    int rc = f->failed ? -1 : 0;
    diag_list_append(diags, &f->diags);
    free_batch(f->being_read);
    free_batch(f->being_filled);
    while (f->first) {
        batch *b = f->first;
        f->first = b->next;
        free_batch(b);
    }
    pthread_cond_destroy(&f->changed);
    pthread_mutex_destroy(&f->lock);
    free(f);
    return rc;
}
