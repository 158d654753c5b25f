#ifndef CARE_GIT_HEAD_H
#define CARE_GIT_HEAD_H

/*
 * Which commit the records in the working folder are: HEAD's full id,
 * and whether records/ differs from it (a change, a new or deleted file,
 * staged or not), so that a figure can say what it was computed from.
 * Returns 1 with id and *dirty set; 0 outside git or before the first
 * commit; -1 with error_last() set when git cannot be read.
 */
int git_head_state(char id[41], int *dirty);

#endif
