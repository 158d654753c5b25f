#!/bin/sh
# Golden diagnostics: each folder under fixtures/diag/ is one teacher's
# mistake. Its files are laid over the small valid repository in
# fixtures/base; an optional `setup` script (run in the copy) makes what a
# text file cannot hold (GBK, UTF-16, NUL bytes, symlinks, deletions);
# optional `args` replaces the default "check". `expected` pins the output
# and exit code exactly, and `expected.zh`, when present, the same run
# under a Chinese locale. UPDATE_GOLDEN=1 rewrites them for review.
. "$(dirname "$0")/lib.sh"

run_case() {
	case_dir=$1 lang=$2 out=$3
	args=check
	[ -f "$case_dir/args" ] && args=$(cat "$case_dir/args")
	make_base_repo &&
	if [ -d "$case_dir/records" ]; then cp -R "$case_dir/records" . ; fi &&
	if [ -f "$case_dir/setup" ]; then sh "$case_dir/setup"; fi &&
	{ LANG=$lang LC_ALL=$lang "$CARE" $args >"$out" 2>&1; echo "exit $?" >>"$out"; }
}

for case_dir in "$FIXTURES"/diag/*/; do
	case_dir=${case_dir%/}
	name=${case_dir##*/}
	for lang in C zh_CN.UTF-8; do
		golden=$case_dir/expected
		[ "$lang" = C ] || golden=$case_dir/expected.zh
		[ "$lang" = C ] || [ -f "$golden" ] || continue
		test_expect_success "$name ($lang)" '
			run_case "$case_dir" "$lang" actual &&
			if [ -n "${UPDATE_GOLDEN:-}" ]; then cp actual "$golden"; fi &&
			test_cmp "$golden" actual
		'
	done
done

test_done
