#ifndef CARE_RECORDS_SCAFFOLD_H
#define CARE_RECORDS_SCAFFOLD_H

/*
 * The files of a new records repository (care init), written into dir
 * (made when missing): records/programme.yaml with the text given,
 * records/schema/ copied from schema_dir, the empty record folders,
 * hooks/pre-commit and hooks/pre-merge-commit copied from hooks_dir, and
 * a .gitignore for the site and care's files beside it. No demo records.
 *
 * Nothing is ever replaced: a dir that already has records/ is refused,
 * and every file is created exclusively. Returns 0 with *paths, the files
 * written relative to dir (NULL-terminated, the caller's, freed with
 * scaffold_paths_free()), or -1 with error_last() set; then what was
 * already written stays, for the teacher to look at.
 */
int records_scaffold(char ***paths, const char *dir, const char *programme,
		     const char *schema_dir, const char *hooks_dir);
void scaffold_paths_free(char **paths);

#endif
