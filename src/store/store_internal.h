/* store_internal.h — what the store's own files share: the SQLite handle and error reporting. */
#ifndef DYAD_STORE_INTERNAL_H
#define DYAD_STORE_INTERNAL_H
#include <sqlite3.h>
#include "store/store.h"

/* Record SQLite's last error message as the store's error; returns -1. */
int store_fail(store *st);

/* Run SQL with no rows (several statements allowed); 0, or -1 with the store's error set. */
int store_exec(store *st, const char *sql);

#endif
