/*
 * measure_child: run a command and report its wall time, CPU time and peak RSS.
 *
 *   measure_child RESULT_FILE COMMAND [ARG...]
 *
 * Forks, execs COMMAND (stdin, stdout and stderr inherited), waits for it with
 * wait4() and writes one line to RESULT_FILE:
 *
 *   wall_s=<s> user_s=<s> sys_s=<s> maxrss_kb=<KB> status=<exit code or 128+signal>
 *
 * then exits with the command's status. Why not os.wait4 in Python directly: a
 * child forked (or vforked) from the benchmark's Python process starts with that
 * process's pages, and Linux carries the pre-exec high-water mark into
 * ru_maxrss, so every command would show at least the harness's own ~40 MB.
 * Forked from this small program, the floor is about one megabyte.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv) { return (double)tv.tv_sec + (double)tv.tv_usec / 1e6; }

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: measure_child RESULT_FILE COMMAND [ARG...]\n");
        return 125;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 125;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) {
        perror("wait4");
        return 125;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) {
        perror(argv[1]);
        return 125;
    }
    fprintf(out, "wall_s=%.6f user_s=%.6f sys_s=%.6f maxrss_kb=%ld status=%d\n", wall,
            seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss, code);
    fclose(out);
    return code;
}
