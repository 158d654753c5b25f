#ifndef CARE_GIT_LIBGIT2_H
#define CARE_GIT_LIBGIT2_H

/*
 * The one door to libgit2: only the files of this folder include this
 * header, so the rest of care names no libgit2 type and a libgit2 upgrade
 * touches one floor (tests/t0005-layers.sh keeps it so).
 */
#include <git2.h>

#endif
