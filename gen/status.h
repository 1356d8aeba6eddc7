/* status.h - the exit statuses of the contract. */
#ifndef GEN_STATUS_H
#define GEN_STATUS_H

enum {
    EXIT_ALL_VALID = 0,       /* outputs written; every roster province submitted a valid file */
    EXIT_USAGE = 1,           /* usage error */
    EXIT_NOTHING_WRITTEN = 2, /* fatal: earlier outputs are left exactly as they were */
    EXIT_INCOMPLETE = 3       /* outputs written; some provinces missing or rejected */
};

#endif
