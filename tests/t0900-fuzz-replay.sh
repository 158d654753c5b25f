#!/bin/sh
# The fuzz targets' corpora (tests/fuzz/corpus/TARGET), replayed through
# each target's body without libFuzzer (tests/tools/fuzz-replay.c): every
# input must keep the target's invariants, and under `make check-san` must
# do so without a bad read or a leak. Inputs in tests/fuzz/crashes/TARGET
# once crashed a target: they are replayed too, so a fixed bug stays fixed.
. "$(dirname "$0")/lib.sh"

CARE_TEST_TOOLS=${CARE_TEST_TOOLS:-$TOP/.build/obj/test-tools}
REPLAY=$CARE_TEST_TOOLS/fuzz-replay
FUZZ=$TOP/tests/fuzz

for dir in "$FUZZ"/corpus/*; do
	target=${dir##*/}
	test_expect_success "the $target corpus keeps its invariants" "
		'$REPLAY' '$target' '$dir' >out &&
		grep -q '^$target: [1-9][0-9]* inputs\$' out
	"
done

for dir in "$FUZZ"/crashes/*; do
	[ -d "$dir" ] || continue
	target=${dir##*/}
	test_expect_success "the $target inputs that once crashed no longer do" "
		'$REPLAY' '$target' '$dir' >out
	"
done

test_expect_success 'every target has a corpus' '
	for src in "$FUZZ"/fuzz-*.c; do
		target=${src##*/fuzz-} && target=${target%.c} &&
		test -d "$FUZZ/corpus/$target" || { echo "no corpus for $target"; return 1; }
	done
'

test_expect_success 'an unknown target is a usage error' '
	test_must_fail --exit=2 "$REPLAY" nosuch "$FUZZ/corpus" 2>err &&
	grep -q "no target" err
'

test_done
