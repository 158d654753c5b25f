#!/bin/sh
# Hazards placed in a generated corpus: each is reported in its own file at
# the right line, and nothing else is reported. The corpus comes from the
# shared generator when it is beside the project (as in CI), else from the
# project's own.
. "$(dirname "$0")/lib.sh"

gen=$TOP/../shared/tools/gen-corpus
gen_args="--children 200 --activities 80"
# The project's own generator also wants the number of pairings.
[ -x "$gen" ] || { gen=$TOP/tests/bench/gen-corpus; gen_args="$gen_args --pairings 200"; }

# nth_file DIR N: the Nth record file of a folder, by name.
nth_file() {
	ls "$1" | sed -n "${2}p"
}

# line_of FILE PATTERN: the number of the first line matching PATTERN.
line_of() {
	grep -n "$2" "$1" | head -n 1 | cut -d: -f1
}

test_expect_success 'hazards in a generated corpus are each found at their line' '
	"$gen" corpus $gen_args >/dev/null &&
	mkdir -p corpus/records/schema && cp "$TOP"/records/schema/*.yaml corpus/records/schema/ &&
	cd corpus &&
	C=records/children P=records/pairings A=records/activities &&
	c1=$C/$(nth_file $C 1) c2=$C/$(nth_file $C 2) c3=$C/$(nth_file $C 3) &&
	c4=$C/$(nth_file $C 4) c5=$C/$(nth_file $C 5) c6=$C/$(nth_file $C 6) &&
	c7=$C/$(nth_file $C 7) c8=$C/$(nth_file $C 8) c9=$C/$(nth_file $C 9) &&

	# a full-width colon typed by a Chinese input method
	l=$(line_of $c1 "^head_teacher:") && sed -i "s/^head_teacher: /head_teacher：/" $c1 &&
	echo "$c1:$l:13: error: full-width colon" >>want &&
	# GBK: the file re-saved in the Windows code page
	iconv -f UTF-8 -t GBK $c2 >x && mv x $c2 &&
	echo "$c2:1:7: error: this file looks like it was saved as GBK" >>want &&
	# tab indentation
	l=$(line_of $c3 "^  relation:") && sed -i "${l}s/^  /\t/" $c3 &&
	echo "$c3:$l:1: error: tab used for indentation" >>want &&
	# a misspelt key
	l=$(line_of $c4 "^gender:") && sed -i "s/^gender:/gendre:/" $c4 &&
	echo "$c4:$l:1: error: unknown field '"'"'gendre'"'"'; did you mean '"'"'gender'"'"'" >>want &&
	# CRLF line ends from Notepad, and an enum error after them
	sed -i "s/$/\r/; s/^status: enrolled/status: enroled/" $c5 &&
	l=$(line_of $c5 "^status:") &&
	echo "$c5:$l:9: error: '"'"'status'"'"' cannot be '"'"'enroled'"'"'; did you mean '"'"'enrolled'"'"'" >>want &&
	# a conflict marker left by a merge
	l=$(line_of $c6 "^guardian:") && sed -i "${l}i <<<<<<< HEAD" $c6 &&
	echo "$c6:$l:1: error: git conflict marker" >>want &&
	# UTF-16 from "Save as Unicode"
	iconv -f UTF-8 -t UTF-16 $c7 >x && mv x $c7 &&
	echo "$c7:1:1: error: the file is saved as UTF-16" >>want &&
	# a phone number in free text (in a child that has no notes yet)
	c8=$(grep -L "^notes:" $C/*.yaml | tail -n 1) &&
	printf "notes: |\n  妈妈的新电话 13812345678\n" >>$c8 &&
	l=$(line_of $c8 "妈妈的新电话") &&
	echo "$c8:$l:10: error: '"'"'notes'"'"' contains a phone number" >>want &&
	# a deleted child still named by a pairing and activities
	victim=$(nth_file $C 20) && victim=${victim%.yaml} && rm $C/$victim.yaml &&
	grep -rl "^child: $victim\$" $P | sort | while read f; do
		echo "$f:1:8: error: there is no child record '"'"'$victim'"'"'" ; done >>want &&
	grep -rn "^  - $victim\$" $A | sort | while IFS=: read f n rest; do
		echo "$f:$n:5: error: there is no child record '"'"'$victim'"'"'" ; done >>want &&
	# (or in a [ ] list on one line: the column is where the id starts)
	grep -rn "^participants: \[.*\b$victim\b" $A | sort | while IFS=: read f n rest; do
		echo "$f:$n:$(( $(echo "$rest" | awk -v v="$victim" "{ print index(\$0, v) }") )): error: there is no child record '"'"'$victim'"'"'" ; done >>want &&
	# a duplicate key
	l=$(line_of $c9 "^class:") && sed -i "${l}a class: 3" $c9 &&
	echo "$c9:$((l + 1)):1: error: key '"'"'class'"'"' appears twice, on line $l and line $((l + 1))" >>want &&

	test_must_fail --exit=1 "$CARE" check >out &&
	# Warnings about the data the generator made (a child in grade 8 it calls
	# enrolled, an activity after a child left) are not the hazards placed.
	grep -v "files checked" out | grep -v "no-active-pairing\|\[grade-range\]\|\[not-enrolled\]\|\[pairing-open\]" | sort -t: -k1,1 -k2,2n -k3,3n >got &&
	sort -t: -k1,1 -k2,2n -k3,3n want >want.sorted &&
	echo "$(wc -l <want.sorted) hazards wanted, $(wc -l <got) diagnostics got" &&
	test "$(wc -l <want.sorted)" = "$(wc -l <got)" &&
	paste -d "\n" want.sorted got | while IFS= read -r w && IFS= read -r g; do
		case $g in "$w"*) ;; *) echo "want: $w"; echo "got:  $g"; exit 1 ;; esac
	done
'

test_done
