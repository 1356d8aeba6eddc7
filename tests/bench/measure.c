/* measure.c - runs a program once and writes what it cost: the benchmark's stopwatch.
 *
 *     measure RESULT PROGRAM [ARGUMENT...]
 *
 * Runs PROGRAM (standard input from /dev/null, output and errors as given) and writes to the
 * file RESULT one line: its exit status (or 128 + the signal), wall seconds (CLOCK_MONOTONIC from
 * just before the fork to just after wait4), user + system CPU seconds and peak RSS in
 * kilobytes, both from wait4. A program forked from this small process has a peak RSS of its
 * own: one started from the Python harness would inherit the interpreter's in its count (Linux
 * keeps the largest resident size of the memory a process had before exec). */
#define _DEFAULT_SOURCE /* wait4, for the rusage of the one child waited for */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double seconds(struct timeval t)
{
    return (double)t.tv_sec + (double)t.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: measure RESULT PROGRAM [ARGUMENT...]\n", stderr);
        return 1;
    }
    double start = now();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        if (in < 0 || dup2(in, 0) < 0)
            _exit(126);
        execv(argv[2], argv + 2);
        perror("measure: exec");
        _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) != pid) {
        perror("measure: wait4");
        return 2;
    }
    double wall = now() - start;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 2;
    }
    fprintf(out, "%d %.6f %.6f %ld\n", code, wall,
            seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_maxrss);
    return fclose(out) == 0 ? 0 : 2;
}
