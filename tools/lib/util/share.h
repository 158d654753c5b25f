#ifndef CARE_SHARE_H
#define CARE_SHARE_H

/*
 * Where the files care brings along are (the schemas, the hooks, the
 * templates): installed beside this care (PREFIX/bin/care ->
 * PREFIX/share/care/<name>), else under the PREFIX it was built for, else
 * in the source tree it was built from (so that tools/care works before
 * `make install`). name is "schema", "hooks" or "templates".
 *
 * Returns the folder, the caller's to free, or NULL with error_last()
 * saying where it was looked for.
 */
char *share_dir(const char *name);

#endif
