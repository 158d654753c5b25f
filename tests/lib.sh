# Shared helpers for the TAP tests, in the manner of git's t/test-lib.sh.
# Source it from a test script; each test_expect_success runs its commands
# in a fresh scratch folder and prints one TAP line.

set -u
LANG=C
LC_ALL=C
LC_MESSAGES=C
TZ=UTC
export LANG LC_ALL LC_MESSAGES TZ
# Dates in records are judged against this day, so results never depend on
# when the tests run.
CARE_TODAY=2026-11-28
export CARE_TODAY
# The pages a render of the demo school writes (each as .md and .html):
# one place to change when the demo or the site grows.
DEMO_PAGES=315
# Thread counts come from the test, never from the user's environment;
# `make tsan` sets CARE_TEST_THREADS to run every command with that many.
if [ -n "${CARE_TEST_THREADS:-}" ]; then
	CARE_THREADS=$CARE_TEST_THREADS
	export CARE_THREADS
else
	unset CARE_THREADS
fi

TEST_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$TEST_DIR/.." && pwd)
CARE=${CARE:-$TOP/tools/care}
FIXTURES=$TEST_DIR/fixtures
SCRATCH_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/care-test.XXXXXX")
trap 'rm -rf "$SCRATCH_ROOT"' EXIT
test_count=0
test_failed=0

# Git with fixed identities and dates, never the user's configuration.
GIT_AUTHOR_NAME="张伟"
GIT_AUTHOR_EMAIL=zhangwei@school.example
GIT_COMMITTER_NAME="张伟"
GIT_COMMITTER_EMAIL=zhangwei@school.example
GIT_AUTHOR_DATE="2026-09-01T08:00:00+08:00"
GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
GIT_CONFIG_NOSYSTEM=1
HOME=$SCRATCH_ROOT
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE GIT_CONFIG_NOSYSTEM HOME

test_tick() {
	test_tick_n=$(( ${test_tick_n:-0} + 1 ))
	GIT_AUTHOR_DATE="2026-09-01T08:$(printf %02d $((test_tick_n % 60))):00+08:00"
	GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
}

# test_expect_success 'description' 'commands'
test_expect_success() {
	test_count=$((test_count + 1))
	scratch=$SCRATCH_ROOT/t$test_count
	mkdir -p "$scratch"
	if (cd "$scratch" && eval "$2") >"$SCRATCH_ROOT/out.$test_count" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		# On stderr too, so that prove shows it without -v (CI logs).
		sed 's/^/# /' "$SCRATCH_ROOT/out.$test_count" | tee /dev/stderr
		test_failed=$((test_failed + 1))
	fi
}

# test_skip 'description' 'reason': a test that cannot run here, counted
# as passed by prove but shown as skipped.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

# Runs a command that must fail with the given exit code (default: any
# code from 1 to 125, so a crash still counts as a failure of the test).
test_must_fail() {
	want=
	case "$1" in
	--exit=*) want=${1#--exit=}; shift ;;
	esac
	"$@" && { echo "test_must_fail: '$*' succeeded" >&2; return 1; }
	code=$?
	if [ -n "$want" ]; then
		[ "$code" = "$want" ] || { echo "test_must_fail: '$*' exited $code, wanted $want" >&2; return 1; }
	elif [ "$code" -gt 125 ]; then
		echo "test_must_fail: '$*' died with $code" >&2
		return 1
	fi
	return 0
}

# test_line_count FILE N: FILE has exactly N lines.
test_line_count() {
	[ "$(wc -l <"$1")" -eq "$2" ] || { echo "test_line_count: $1 has $(wc -l <"$1") lines, wanted $2" >&2; cat "$1" >&2; return 1; }
}

test_cmp() {
	diff -u "$1" "$2"
}

# A small valid records repository in the current folder.
make_base_repo() {
	cp -R "$FIXTURES/base/records" . &&
	mkdir -p records/schema &&
	cp "$TOP"/records/schema/*.yaml records/schema/
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" = 0 ]
}
