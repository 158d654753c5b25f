#ifndef CARE_RECORDS_STALE_H
#define CARE_RECORDS_STALE_H

/*
 * Temporary files and folders that care import and care new make in the
 * records' folders, and what a killed one (kill -9, a power cut) leaves.
 * The command that makes one holds an flock() on it for as long as it
 * runs, so one nobody holds belongs to a command that is no more, and
 * the next one removes it. The kernel drops the lock of a dead process,
 * so there is no age to guess.
 */

/*
 * Makes a temporary folder (dir) or file (!dir) from templ ("...XXXXXX",
 * changed in place) and locks it. Returns the locked descriptor, open
 * for writing when a file; -1 with errno on failure. Closing it lets the
 * lock go: remove the temporary first.
 */
int stale_make(char *templ, int dir);

/*
 * Removes the entries of folder dir whose names are prefix and six more
 * characters and that no running command holds: a file, or a folder
 * with the regular files in it. Never follows a link. Best effort.
 */
void stale_remove(const char *dir, const char *prefix);

/*
 * 0 when dir (records/<kind>) is a folder itself, not a link to one,
 * which would take the new records out of the repository; else -1 with
 * error_last() saying so.
 */
int stale_real_folder(const char *dir);

#endif
