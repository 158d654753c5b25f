#!/bin/sh
# kill -9 at a random moment of a render, an import, a new record and a
# history cache update, in a loop: what a killed command leaves is the
# state before it or the state after it, never half of one; records are
# absent or whole; and the next normal run succeeds, cleans up after the
# killed one and gives what a run without the kill gives. The delays are
# random (CARE_TEST_SEED repeats a run's; it is printed).
. "$(dirname "$0")/lib.sh"

SEED=${CARE_TEST_SEED:-$$}
echo "# seed $SEED"

# delay N MAX: the Nth random delay in seconds, from 0 to MAX.
delay() {
	awk -v s="$((SEED + $1))" -v max="$2" 'BEGIN { srand(s); printf "%.3f\n", rand() * max }'
}

# kill_after SECONDS CMD...: runs CMD and kills it with SIGKILL then (if
# it has not finished already).
kill_after() {
	d=$1
	shift
	"$@" >killed.out 2>killed.err &
	pid=$!
	sleep "$d"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	return 0
}

# What a killed command may leave behind, beside the site and in records/.
leftovers() {
	ls -a . records records/children 2>/dev/null |
		grep -E '^\.(site\.tmp-|site\.care-(cache|key)\.tmp-|care-import-|new-)' >left
	! test -s left || { echo "left behind:"; cat left; return 1; }
}

# The first child's name, with or without a character more: two states of
# the records whose sites differ.
flip() {
	f=records/children/$(ls records/children | head -n 1)
	if grep -q "^name: .*甲\$" "$f"; then
		sed -i 's/^\(name: .*\)甲$/\1/' "$f"
	else
		sed -i 's/^\(name: .*\)$/\1甲/' "$f"
	fi
}

# Every file of site/ is whole: the one of $1 or the one of $2 (a mix of
# the two), and there is no manifest, so the next render is whole.
pages_whole() {
	test ! -e .site.care-cache || { echo "a mixed site with a manifest"; return 1; }
	(cd site && find . -type f) >files &&
	while read -r f; do
		cmp -s "site/$f" "$1/$f" || cmp -s "site/$f" "$2/$f" || { echo "partial: $f"; return 1; }
	done <files
}

test_expect_success 'render: killed at any moment, the site is the old one or the new one, whole' '
	cp -R "$TOP/records" "$TOP/templates" . &&
	"$CARE" render >/dev/null &&
	cp .site.care-key .refA.care-key && cp .site.care-key .refB.care-key &&
	"$CARE" render -o refA >/dev/null && flip && "$CARE" render -o refB >/dev/null && flip &&
	diff -r site refA >/dev/null && ! diff -r refA refB >/dev/null &&
	state=A i=0 mixed=0 old=0 new=0 &&
	while test $i -lt 10; do
		i=$((i + 1))
		if test $state = A; then state=B; else state=A; fi
		flip
		# Every other time without the manifest: a whole render, swapped in.
		whole=$((i % 2))
		test $whole = 0 || rm -f .site.care-cache
		kill_after "$(delay $i 0.6)" "$CARE" render
		if test $state = A; then prev=refB; else prev=refA; fi
		if diff -r site $prev >/dev/null; then
			old=$((old + 1))
		elif diff -r site ref$state >/dev/null; then
			new=$((new + 1))
		elif test $whole = 0 && pages_whole $prev ref$state; then
			# Killed while an update moved its pages in (SIGKILL
			# cannot be held): each page whole, the next render whole.
			mixed=$((mixed + 1))
		else
			echo "iteration $i: the site is neither the old one nor the new one"
			diff -r site $prev | head -n 5
			exit 1
		fi
		"$CARE" render >render.out 2>render.err || { cat render.err; exit 1; }
		diff -r site ref$state >/dev/null || { echo "iteration $i: not repaired"; exit 1; }
		leftovers || exit 1
	done &&
	echo "# render: $old old, $new new, $mixed a mix of whole pages of both (updates only)"
'

# A school made by care init, and the demo's children as a sheet for it.
make_school() {
	"$CARE" init school --school 希望小学 >/dev/null &&
	mkdir demo && cp -R "$TOP/records" demo/ &&
	"$CARE" -C demo export children --full -o "$PWD/kids.csv" &&
	cp -R school ref && (cd ref && "$CARE" import children ../kids.csv >/dev/null) &&
	test "$(ls ref/records/children | wc -l)" -gt 40
}

# Every record in $1 is one of the reference's, byte for byte.
whole_records() {
	for f in "$1"/records/children/*.yaml; do
		test -e "$f" || continue
		cmp "$f" "ref/records/children/${f##*/}" || { echo "partial: $f"; return 1; }
	done
}

test_expect_success 'import: killed at any moment, records are absent or whole; the next import ends it' '
	make_school && i=0 some=0 &&
	while test $i -lt 25; do
		i=$((i + 1))
		rm -rf work && cp -R school work && cd work &&
		kill_after "$(delay $i 0.25)" "$CARE" import children ../kids.csv &&
		cd .. && whole_records work || exit 1
		n=$(ls work/records/children | wc -l)
		test $n = 0 || some=$((some + 1))
		(cd work && "$CARE" import children ../kids.csv >import.out 2>import.err) ||
			{ cat work/import.err; exit 1; }
		(cd work && leftovers && "$CARE" check >check.out) || { cat work/check.out; exit 1; }
		diff -r work/records ref/records || exit 1
	done &&
	echo "# import: $some of $i killed imports left some records"
'

test_expect_success 'new: killed at any moment, the record is absent or whole; the next one cleans up' '
	"$CARE" init school --school 希望小学 >/dev/null &&
	cp -R school ref && (cd ref && "$CARE" new child --name 王小明 >/dev/null) &&
	i=0 &&
	while test $i -lt 25; do
		i=$((i + 1))
		rm -rf work && cp -R school work && cd work &&
		kill_after "$(delay $i 0.25)" "$CARE" new child --name 王小明 &&
		"$CARE" new child --name 王小明 >new.out 2>new.err || { cat new.err; exit 1; }
		leftovers || exit 1
		for f in records/children/*; do
			cmp "$f" ../ref/records/children/wang-xiaoming.yaml || exit 1
		done
		cd ..
	done
'

test_expect_success 'history: killed while the cache is written, the next run gives what a fresh one does' '
	git init -q h && cp -R "$TOP/records" h/ && cd h &&
	git add records && git commit -q -m 建档 && i=0 &&
	while test $i -lt 25; do
		i=$((i + 1))
		f=records/children/$(ls records/children | sed -n "$((i % 40 + 1))p") &&
		echo "# edit $i" >>"$f" && test_tick && git commit -q -am "edit $i" &&
		# Every third time from nothing: a whole walk, a whole cache.
		{ test $((i % 3)) != 0 || rm -rf .git/care; } &&
		kill_after "$(delay $i 0.08)" "$CARE" history --all &&
		"$CARE" history --all >cached 2>cached.err || { cat cached.err; exit 1; }
		ls .git/care >left && ! grep "tmp" left || { echo "left behind:"; cat left; exit 1; }
		mv .git/care care.keep &&
		"$CARE" history --all >fresh && test_cmp fresh cached &&
		rm -rf .git/care && mv care.keep .git/care || exit 1
	done
'

test_done
