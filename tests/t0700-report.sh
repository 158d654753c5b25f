#!/bin/sh
# care report: programme figures at a date, checked against answers worked
# out by hand from the definitions (not from the program). Each case is a
# small records repository under tests/fixtures/report/<case>/records; its
# expected JSON is tests/fixtures/report/<case>-<date>.json, and the working
# is in the comments below. Only the keys the definitions name are compared
# (care may print more), after jq -S normalisation of both sides.
. "$(dirname "$0")/lib.sh"

REPORT=$FIXTURES/report

# The keys the definitions name, and nothing else; numbers are put through
# arithmetic so that 1, 1.0 and 1.0000 compare equal (the value matters,
# not its spelling).
KEYS='{date, school_year, commit,
	children: (.children | {enrolled, by_grade, by_gender, by_away, left}),
	dossier: (.dossier | {complete, rate}),
	retention: (.retention | {start, dropped_out, rate}),
	pairing: (.pairing | {covered, rate, overdue_reviews}),
	contact: [.contact[] | {kind, every, from, to, reached, of, rate}
		+ (if has("with") then {with} else {} end)],
	activities: (.activities | {by_month, participations, children_without})}
	| walk(if type == "number" then . + 0 else . end)'

# report_repo CASE: the case's records, with the real schemas, checked.
report_repo() {
	cp -R "$REPORT/$1/records" . &&
	mkdir -p records/schema &&
	cp "$TOP"/records/schema/*.yaml records/schema/ &&
	{ "$CARE" check >check.out 2>&1 || { cat check.out; false; }; }
}

# report_is EXPECTED [ARGS...]: care report --format json ARGS exits 0 and
# its figures are those of $REPORT/EXPECTED.json.
report_is() {
	want=$1; shift
	"$CARE" report --format json "$@" >raw.json 2>err ||
		{ echo "care report $* exited $?"; cat err; return 1; }
	jq -S "$KEYS" raw.json >got.json || { cat raw.json; return 1; }
	jq -S "$KEYS" "$REPORT/$want.json" >want.json &&
	test_cmp want.json got.json
}

# ---------------------------------------------------------------------------
# movement, D = 2025-11-15 (a Saturday). school_year_starts 09-01, so the
# school year is 2025-2026 and F = 2025-09-01.
#
# child           sex cohort status       status_date away    dossier
# zhao-lei-2014   m   2020   enrolled     -           both    no parent phone
# qian-li-2016    f   2022   transferred  2025-10-20  single  complete
# sun-mei-2017    f   2023   enrolled     2025-10-08  father  father no phone, mother phone: complete
# li-qiang-2015   m   2021   dropped_out  2025-11-03  mother  complete
# zhou-jie-2018   m   2024   enrolled     2025-12-01  both    complete  (arrives after D)
# wu-fang-2016    f   2022   transferred  2025-06-30  mother  complete  (left last year)
# zheng-hao-2015  m   2021   dropped_out  2025-11-15  father  complete  (left on D)
# wang-yu-2019    f   2025   enrolled     -           mother  no guardian address
#
# Enrolled on D: zhao-lei (no status_date), sun-mei (10-08 <= D),
#   wang-yu (cohort 2025 starts 2025-09-01 <= D). Not: qian-li (D >= 10-20),
#   li-qiang, zhou-jie (D < 12-01), wu-fang, zheng-hao (D < S is false when
#   S = D). enrolled = 3.
# by_grade: zhao-lei 2025-2020+1 = 6, sun-mei 2025-2023+1 = 3, wang-yu 1.
# by_gender: male 1 (zhao-lei), female 2. by_away: both 1, father 1,
#   mother 1, single_parent 0 (qian-li is not enrolled).
# left in [09-01, 11-15]: transferred qian-li (10-20) = 1 (wu-fang 06-30 is
#   before F); dropped_out li-qiang (11-03) + zheng-hao (11-15, on D) = 2.
# dossier: zhao-lei no (no parent has a phone), sun-mei yes (one parent
#   suffices), wang-yu no (no address): 1/3 = 0.3333.
# retention: enrolled on F: zhao-lei, qian-li (F < 10-20), li-qiang,
#   zheng-hao, wang-yu (F = her cohort's first day); not sun-mei (arrived
#   10-08), zhou-jie (12-01), wu-fang (06-30). start 5; of them dropped out
#   in [F, D]: li-qiang, zheng-hao = 2; rate 1 - 2/5 = 0.6.
# pairings: zhao-lei from 09-01, review 10-20 (26 days: not overdue) active;
#   qian-li's has no end but she left: not active; wang-yu's ended 11-10.
#   covered 1/3 = 0.3333, overdue 0.
# contact: family_call/week: D's week starts Mon 11-10, so the week before
#   is 2025-11-03 .. 2025-11-09: 11-03 [zhao-lei, qian-li], 11-09 [wang-yu]
#   (11-10 is outside) -> zhao-lei, wang-yu: 2/3 = 0.6667.
#   letter/month: October 2025; the only letter is 09-30: 0/3 = 0.
# activities in [09-01, 11-15] (08-29 call and 11-20 lecture are outside):
#   09-05 birthday (4), 09-19 interest_group (2), 09-30 letter (1),
#   11-03 family_call (2), 11-09 family_call (1), 11-10 family_call (1),
#   11-15 class_meeting (2, on D). October has none: {}.
#   participations 4+2+1+2+1+1+2 = 13. children_without: sun-mei (her
#   only activity is 11-20, after D) = 1.
test_expect_success 'movement: transfers out and in, drop-outs, dossier, activities' '
	report_repo movement &&
	report_is movement-2025-11-15 --date 2025-11-15
'

# Arrival and leaving days: on 2025-10-08 sun-mei arrives (D >= status_date
# counts her) and qian-li (leaves 10-20), li-qiang (11-03) and zheng-hao
# (11-15) are still there: zhao-lei, qian-li, sun-mei, li-qiang, zheng-hao,
# wang-yu = 6. The day before, sun-mei is not there yet: 5.
test_expect_success 'movement: a transfer in counts from its status_date on' '
	report_repo movement &&
	"$CARE" report --date 2025-10-08 --format json >raw.json &&
	test "$(jq .children.enrolled raw.json)" = 6 &&
	"$CARE" report --date 2025-10-07 --format json >raw.json &&
	test "$(jq .children.enrolled raw.json)" = 5
'

test_expect_success 'outside a git repository the commit is null' '
	report_repo movement &&
	"$CARE" report --date 2025-11-15 --format json >raw.json &&
	test "$(jq -c .commit raw.json)" = null
'

test_expect_success '-o FILE writes the same report' '
	report_repo movement &&
	"$CARE" report --date 2025-11-15 --format json >stdout.json &&
	"$CARE" report --date 2025-11-15 --format json -o file.json &&
	jq -S . stdout.json >a && jq -S . file.json >b && test_cmp a b
'

test_expect_success 'md and html formats are produced' '
	report_repo movement &&
	"$CARE" report --date 2025-11-15 --format md >r.md && test -s r.md &&
	"$CARE" report --date 2025-11-15 --format html >r.html && test -s r.html
'

# ---------------------------------------------------------------------------
# boundary: the same records at D = 2026-08-31 (Mon), 2026-09-01 (Tue) and
# 2026-09-10 (Thu); school_year_starts 09-01.
#
# child          sex cohort status       status_date away
# gao-peng-2014  m   2020   graduated    2026-07-01  both      (within 2025-2026)
# he-jing-2014   f   2020   graduated    2026-09-05  father    (after the year's end)
# lin-tao-2015   m   2021   enrolled     -           mother
# ma-xin-2020    f   2026   enrolled     -           single    (starts 2026-09-01)
# luo-bin-2017   m   2023   transferred  2026-03-10  both
# xu-lan-2018    f   2024   dropped_out  2026-05-20  mother
# All dossiers complete.
# pairings: lin-tao from 2025-09-01, review 2026-07-15; he-jing 2025-09-01 ..
#   2026-07-10; ma-xin from 2026-09-01, no review.
# activities: 2025-08-30 family_call [lin-tao]; 2025-09-01 lecture [he-jing,
#   gao-peng, lin-tao, luo-bin, xu-lan]; 2026-01-20 parent_visit [he-jing,
#   lin-tao]; 2026-07-20 letter [he-jing]; 2026-08-24 family_call [lin-tao];
#   2026-08-28 family_call [he-jing]; 2026-08-31 birthday [he-jing,
#   lin-tao]; 2026-09-01 parent_visit [ma-xin]; 2026-09-04 family_call
#   [he-jing, lin-tao, ma-xin]; 2026-09-08 letter [ma-xin].
# rules: family_call/week, letter/month, parent_visit/year.
#
# D = 2026-08-31: year 2025-2026, F = 2025-09-01.
#   enrolled: he-jing (D < 09-05), lin-tao = 2 (gao-peng left 07-01, ma-xin
#   not yet, luo-bin and xu-lan left). grades 2025-2020+1 = 6, 2025-2021+1 = 5.
#   female 1 male 1; father 1 mother 1. left in [F, D]: transferred luo-bin,
#   graduated gao-peng (he-jing's 09-05 is after D), dropped_out xu-lan.
#   dossier 2/2. retention: on F gao-peng, he-jing, lin-tao, luo-bin,
#   xu-lan = 5 (ma-xin not yet), dropped out xu-lan: 1 - 1/5 = 0.8.
#   pairings: lin-tao active (47 days since 07-15), he-jing's ended,
#   ma-xin's starts later: covered 1/2 = 0.5, overdue 0.
#   week before Mon 08-31: 08-24 .. 08-30: lin-tao, he-jing: 2/2.
#   month: July 2026: letter 07-20 he-jing: 1/2 = 0.5.
#   year: 2025-09-01 .. 2026-08-31: parent_visit 01-20 both: 2/2.
#   activities in [2025-09-01, 2026-08-31]: 12 months 2025-09 .. 2026-08;
#   lecture (5) in 2025-09, parent_visit (2) in 2026-01, letter (1) in
#   2026-07, 2 family_calls (1+1) and birthday (2) in 2026-08;
#   participations 5+2+1+1+1+2 = 12; children_without 0.
test_expect_success 'boundary: the last day of the school year' '
	report_repo boundary &&
	report_is boundary-2026-08-31 --date 2026-08-31
'

# D = 2026-09-01: year 2026-2027, F = 2026-09-01.
#   enrolled: he-jing (D < 09-05; grade 2026-2020+1 = 7), lin-tao (6),
#   ma-xin (1) = 3; by_grade gets a "7". female 2 male 1; father 1,
#   mother 1, single_parent 1. left in [09-01, 09-01]: none (counts reset).
#   dossier 3/3. retention: on F the same 3, none dropped: 1.
#   pairings: lin-tao (48 days) and ma-xin (0 days) active; he-jing's
#   ended: covered 2/3 = 0.6667, overdue 0.
#   week before Mon 08-31 is still 08-24 .. 08-30 (in last school year,
#   which does not matter): lin-tao, he-jing: 2/3.
#   month: August 2026: no letters: 0/3. year: 09-01 .. 09-01: parent_visit
#   ma-xin: 1/3 = 0.3333.
#   activities in [09-01, 09-01]: parent_visit (1); children_without:
#   he-jing, lin-tao = 2.
test_expect_success 'boundary: the first day of the next school year; grade 7 is counted and warned about' '
	report_repo boundary &&
	report_is boundary-2026-09-01 --date 2026-09-01 &&
	{ grep -E "he-jing-2014.*(grade|年级)" err ||
	  { echo "no warning naming he-jing-2014 and her grade; stderr was:"; cat err; false; }; }
'

# D = 2026-09-10: year 2026-2027, F = 2026-09-01.
#   enrolled: lin-tao (6), ma-xin (1) = 2 (he-jing left 09-05).
#   male 1 female 1; mother 1 single_parent 1. left: graduated he-jing
#   (09-05 in [09-01, 09-10]). retention: start 3 (he-jing, lin-tao, ma-xin
#   on 09-01), a graduation is no loss: 1.
#   pairings: covered 2/2, overdue 0 (57 and 9 days).
#   week before Mon 09-07: 08-31 .. 09-06: family_call 09-04 reaches lin-tao
#   and ma-xin (he-jing has left): 2/2. month: August: 0/2.
#   year: 09-01 .. 09-10: ma-xin: 1/2 = 0.5.
#   activities: 09-01 parent_visit (1), 09-04 family_call (3), 09-08 letter
#   (1): participations 5, children_without 0.
test_expect_success 'boundary: a graduation dated after the year ended counts in the new year' '
	report_repo boundary &&
	report_is boundary-2026-09-10 --date 2026-09-10
'

# D = 2020-08-31 (Mon): year 2019-2020, F = 2019-09-01. The oldest cohort
#   (2020) starts on 2020-09-01, so nobody is enrolled, on D or on F: every
#   count is 0 and every rate (0 of 0) is null. Week 2020-08-24 .. 08-30,
#   month July 2020, year 2019-09-01 .. 2020-08-31; twelve empty months.
test_expect_success 'boundary: before anyone is enrolled, rates are null' '
	report_repo boundary &&
	report_is boundary-2020-08-31 --date 2020-08-31
'

# An enrolled child whose grade on D is 7: wang-yu of the movement records
# with cohort 2019 is in grade 2025-2019+1 = 7 on 2025-11-15, so "1" drops
# to 0 and "7" appears; nothing else changes (she was enrolled on F too).
test_expect_success 'grade 7: an enrolled child is counted under "7" and warned about' '
	report_repo movement &&
	sed -i "s/^cohort: .*/cohort: 2019/" records/children/wang-yu-2019.yaml &&
	"$CARE" report --date 2025-11-15 --format json >raw.json 2>err &&
	test "$(jq -c -S .children.by_grade raw.json)" = "{\"1\":0,\"2\":0,\"3\":1,\"4\":0,\"5\":0,\"6\":1,\"7\":1}" &&
	grep -E "wang-yu-2019.*(grade|年级)" err
'

# ---------------------------------------------------------------------------
# pairing, D = 2025-11-15; programme.yaml has no review_every_days (60).
# Eight children of cohort 2022 (grade 4), complete dossiers; shen-liu was
# transferred on 2025-11-01, the others are enrolled.
#
# pairing            start       end         reviews               on D
# feng-yi            2025-09-01  -           09-15                 active, 61 days: overdue
# chen-er            2025-09-01  -           09-16                 active, 60 days: not
# chu-san            2025-09-16  -           -                     active, 60 days since start: not
# chu-san (-a)       2025-09-01  2025-10-31  -                     ended
# wei-si             2025-09-01  2025-11-14  -                     ended the day before D
# jiang-wu           2025-09-14  2025-11-15  -                     active (ends on D), 62 days: overdue
# shen-liu           2025-09-01  -           -                     child left: not active
# han-qi             2025-09-01  -           09-10, 11-20          active; last review <= D is 09-10, 66 days: overdue
# yang-ba            2025-11-20  -           -                     not started
#
# enrolled 7 (all but shen-liu); covered: feng-yi, chen-er, chu-san,
# jiang-wu, han-qi = 5/7 = 0.7143; overdue 3.
# sexes (enrolled): m feng-yi, chu-san, jiang-wu, han-qi = 4; f chen-er,
# wei-si, yang-ba = 3. away: both feng-yi, jiang-wu, han-qi = 3; father
# chen-er; mother chu-san, yang-ba; single_parent wei-si.
# left: transferred 1. retention: all 8 enrolled on 09-01, none dropped: 1.
# contact: family_call/week 11-03 .. 11-09: no calls: 0/7.
# activities: the only one (2025-08-25) is before F: three empty months,
# participations 0, children_without 7.
test_expect_success 'pairing: active pairings, and overdue reviews at 61 days but not 60' '
	report_repo pairing &&
	report_is pairing-2025-11-15 --date 2025-11-15
'

# With review_every_days: 45, chen-er (60) and chu-san (60) are overdue too:
# 5; the inactive pairings still do not count.
test_expect_success 'pairing: review_every_days from programme.yaml' '
	report_repo pairing &&
	sed -i "s/^stale_after_days: .*/&\nreview_every_days: 45/" records/programme.yaml &&
	"$CARE" check >/dev/null 2>&1 &&
	"$CARE" report --date 2025-11-15 --format json >raw.json &&
	test "$(jq .pairing.overdue_reviews raw.json)" = 5
'

# ---------------------------------------------------------------------------
# contact: five enrolled children of cohort 2023 (grade 3 in 2025-2026) and
# hu-die, transferred on 2025-10-01. Terms are the default [09-01, 02-15].
#   bai-xue f both, cao-yang m both, deng-hui f father, fan-rui m mother,
#   guo-tong m single_parent, hu-die f father. All dossiers complete.
#   enrolled 5; left.transferred 1 (10-01 is in [F, D] for every D below);
#   retention start 6 (hu-die was there on 09-01), 0 dropped: 1.
#   One pairing, bai-xue's, from 09-01 with reviews 10-01, 12-01, 02-01:
#   never overdue (7, 37, 19 days): covered 1/5 = 0.2.
# rules, in order: family_call/week; letter/month; parent_contact with
# head_teacher/month; parent_contact/month (any with); home_visit/term;
# parent_visit/year.
# activities (the child's first name only):
#   08-20 home_visit bai          08-31 letter bai
#   09-01 home_visit guo          09-05 parent_visit bai
#   09-10 parent_contact head [bai cao deng]
#   09-20 parent_contact subject [fan]      09-25 parent_contact (no with) [guo]
#   09-28 family_call bai         09-29 family_call [cao hu-die]
#   09-30 letter [bai cao]        10-01 letter deng
#   10-05 family_call deng        10-06 family_call fan
#   10-07 parent_visit [cao hu-die]         10-08 home_visit fan
#   11-30 parent_contact subject bai        12-15 letter [fan guo]
#   12-20 parent_contact head guo           12-28 family_call fan
#   12-29 family_call bai         2026-01-04 family_call cao
#   01-05 family_call deng        01-06 home_visit cao
#   01-31 letter cao              02-09 family_call guo
#   02-14 home_visit bai          02-15 home_visit deng
#   02-16 family_call fan
#
# D = 2025-10-08 (Wed; its week starts Mon 10-06):
#   week 09-29 .. 10-05 (spans the month end): cao (09-29), deng (10-05);
#     hu-die has left; 09-28 and 10-06 are outside: 2/5.
#   letter, September: 09-30 bai, cao (08-31 and 10-01 outside): 2/5.
#   parent_contact with head_teacher, September: bai, cao, deng: 3/5 = 0.6.
#   parent_contact, September, any: + fan (subject) + guo (none): 5/5.
#   home_visit, term 09-01 .. 10-08: guo (09-01), fan (10-08); not bai
#     (08-20): 2/5.
#   parent_visit, year 09-01 .. 10-08: bai, cao: 2/5.
#   activities 09-01 .. 10-08: September home_visit 1, parent_visit 1,
#   parent_contact 3, family_call 2, letter 1; October letter 1,
#   family_call 2, parent_visit 1, home_visit 1. participations
#   1+1+3+1+1+1+2+2 + 1+1+1+2+1 = 18; everyone took part: 0 without.
test_expect_success 'contact: a week across a month end, month, with head_teacher, term, year' '
	report_repo contact &&
	report_is contact-2025-10-08 --date 2025-10-08
'

# D = 2025-10-05, a Sunday: its own week is Mon 09-29 .. Sun 10-05, so the
#   week before is 09-22 .. 09-28: bai (09-28). Enrolled: the five (hu-die
#   left 10-01): 1/5 = 0.2.
test_expect_success 'contact: on a Sunday the week before is the one ending 6 days ago' '
	report_repo contact &&
	"$CARE" report --date 2025-10-05 --format json >raw.json &&
	test "$(jq -c "$KEYS | .contact[0]" raw.json)" = \
		"{\"kind\":\"family_call\",\"every\":\"week\",\"from\":\"2025-09-22\",\"to\":\"2025-09-28\",\"reached\":1,\"of\":5,\"rate\":0.2}"
'

# D = 2026-01-07 (Wed; its week starts Mon 01-05):
#   week 2025-12-29 .. 2026-01-04 (spans the year end): bai, cao; not fan
#     (12-28) or deng (01-05): 2/5.
#   letter, December 2025 (the month before January): fan, guo: 2/5.
#   parent_contact head_teacher, December: guo: 1/5. any: guo (11-30 is
#     November): 1/5.
#   home_visit, term 2025-09-01 .. 2026-01-07: guo, fan, cao: 3/5.
#   parent_visit, year: bai, cao: 2/5.
#   activities: as above plus November parent_contact 1; December letter
#   1, parent_contact 1, family_call 2; January family_call 2, home_visit 1.
#   participations 18 + 1 + 2+1+1+1 + 1+1+1 = 27.
test_expect_success 'contact: the week and the month before, across a year end' '
	report_repo contact &&
	report_is contact-2026-01-07 --date 2026-01-07
'

# D = 2026-02-20 (Fri; its week starts Mon 02-16):
#   week 02-09 .. 02-15: guo (not fan, 02-16): 1/5.
#   letter, January 2026: cao (01-31): 1/5. parent_contact in January:
#   none: 0/5 for both rules.
#   home_visit, term 2026-02-15 .. 02-20: deng (02-15), not bai (02-14): 1/5.
#   parent_visit, year 2025-09-01 .. 2026-02-20: bai, cao: 2/5.
#   activities: January gains a letter; February family_call 2,
#   home_visit 2. participations 27 + 1 + 4 = 32.
test_expect_success 'contact: the second term starts on its first day' '
	report_repo contact &&
	report_is contact-2026-02-20 --date 2026-02-20
'

# ---------------------------------------------------------------------------
# leap: CARE_TODAY 2028-03-01. school_year_starts 08-25, terms
# [08-25, 03-01], review_every_days 60. So for both dates below the school
# year is 2027-2028 and F = 2027-08-25.
#   song-jia f 2023 enrolled both; tang-kai m 2023 enrolled father;
#   xie-ning f 2027 enrolled mother (first day 2027-08-25);
#   yuan-hao m 2025 transferred 2028-03-01 single_parent. Dossiers complete.
# pairings: song-jia from 2027-09-01, review 2027-12-31; tang-kai from
#   2027-12-30, no review; yuan-hao from 2027-09-01, review 2028-02-01.
# activities: 2027-08-24 letter song (before F); 2027-08-25 lecture
#   [song tang xie]; 2028-01-31 letter tang; 02-01 parent_visit xie;
#   02-20 family_call xie; 02-21 family_call [tang song]; 02-27 family_call
#   yuan; 02-28 home_visit song; 02-29 letter [xie yuan]; 03-01 home_visit
#   tang; 03-01 letter song.
#
# D = 2028-03-01 (today, no --date; Wed, its week starts Mon 02-28):
#   enrolled: song-jia (2027-2023+1 = 5), tang-kai (5), xie-ning (1) = 3;
#   yuan-hao left on D. female 2 male 1. left.transferred 1.
#   retention: on 2027-08-25 all 4: 4, 0 dropped: 1.
#   pairings: song-jia 2027-12-31 -> 2028-03-01 is 31 + 29 + 1 = 61 days:
#   overdue; tang-kai from 2027-12-30: 62: overdue; yuan-hao's child has
#   left. covered 2/3, overdue 2.
#   week 02-21 .. 02-27: tang, song (xie's 02-20 is outside, yuan has
#   left): 2/3. letter, February 2028 (02-01 .. 02-29): 02-29 xie: 1/3.
#   home_visit, term from 03-01 (a term starting on D) to 03-01: tang: 1/3.
#   parent_visit, year 2027-08-25 .. 2028-03-01: xie: 1/3.
#   activities from 2027-08: lecture; 09..12 empty; 2028-01 letter;
#   2028-02 parent_visit 1, family_call 3, home_visit 1, letter 1;
#   2028-03 home_visit 1, letter 1. participations 3+1+1+1+2+1+1+2+1+1 = 14.
test_expect_success 'leap: D defaults to today; February 2028 has 29 days' '
	CARE_TODAY=2028-03-01 && export CARE_TODAY && report_repo leap &&
	report_is leap-2028-03-01
'

# D = 2028-02-29 (Tue, the same week):
#   enrolled 4: yuan-hao too (D < 03-01; 2027-2025+1 = 3). male 2 female 2;
#   one of each away value. left: none.
#   pairings: song-jia 60 days: not overdue; tang-kai 61: overdue;
#   yuan-hao active, 28 days: covered 3/4 = 0.75, overdue 1.
#   week 02-21 .. 02-27: tang, song, yuan: 3/4. letter, January 2028:
#   tang: 1/4. home_visit, term 2027-08-25 .. 2028-02-29 (the 03-01 term
#   has not begun): song (02-28): 1/4. parent_visit: xie: 1/4.
#   activities through 02-29: participations 3+1+1+1+2+1+1+2 = 12.
test_expect_success 'leap: D = 29 February' '
	CARE_TODAY=2028-03-01 && export CARE_TODAY && report_repo leap &&
	report_is leap-2028-02-29 --date 2028-02-29
'

# ---------------------------------------------------------------------------
# The commit key, in a real git repository (the movement records; at
# D = 2025-11-15 three children are enrolled: zhao-lei, sun-mei, wang-yu).
# The second commit records sun-mei's transfer out on 2025-11-10, leaving 2.
commit_repo() {
	git init -q repo && cd repo && report_repo movement &&
	git add -A && git commit -q -m "建档" &&
	git rev-parse HEAD >../first
}

sun_mei_leaves() {
	sed -i "s/^status: enrolled$/status: transferred/; s/^status_date: .*/status_date: 2025-11-10/" \
		records/children/sun-mei-2017.yaml
}

test_expect_success 'commit: HEAD, not dirty' '
	commit_repo &&
	"$CARE" report --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$(git rev-parse HEAD)" &&
	test "$(jq -c .dirty raw.json)" = false &&
	test "$(jq .children.enrolled raw.json)" = 3
'

test_expect_success 'commit: an edited record makes it dirty; the figures are the folder'"'"'s' '
	commit_repo && sun_mei_leaves &&
	"$CARE" report --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$(git rev-parse HEAD)" &&
	test "$(jq -c .dirty raw.json)" = true &&
	test "$(jq .children.enrolled raw.json)" = 2
'

test_expect_success 'commit: a new, untracked record under records/ makes it dirty' '
	commit_repo &&
	sed "s/^name: .*/name: 赵雷/" records/children/zhao-lei-2014.yaml >records/children/zhao-lei-2015.yaml &&
	"$CARE" report --date 2025-11-15 --format json >raw.json &&
	test "$(jq -c .dirty raw.json)" = true &&
	test "$(jq .children.enrolled raw.json)" = 4
'

test_expect_success 'commit: a change outside records/ does not make it dirty' '
	commit_repo && echo 笔记 >notes.txt && git add notes.txt && git commit -q -m notes &&
	echo 改了 >>notes.txt && echo x >untracked.txt &&
	"$CARE" report --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$(git rev-parse HEAD)" &&
	test "$(jq -c .dirty raw.json)" = false
'

test_expect_success 'commit: --as-of a commit id or a date gives that commit and its records' '
	commit_repo && sun_mei_leaves &&
	GIT_AUTHOR_DATE=2026-10-15T08:00:00+08:00 GIT_COMMITTER_DATE=2026-10-15T08:00:00+08:00 \
		git commit -q -am "孙梅转出" &&
	first=$(cat ../first) && second=$(git rev-parse HEAD) &&
	"$CARE" report --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$second" && test "$(jq -c .dirty raw.json)" = false &&
	test "$(jq .children.enrolled raw.json)" = 2 &&
	"$CARE" report --as-of "$first" --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$first" &&
	test "$(jq .children.enrolled raw.json)" = 3 &&
	"$CARE" report --as-of "$(git rev-parse --short HEAD~1)" --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$first" &&
	"$CARE" report --as-of HEAD --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$second" &&
	"$CARE" report --as-of 2026-09-30 --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$first" &&
	test "$(jq .children.enrolled raw.json)" = 3
'

test_expect_success 'commit: --as-of reads the commit, not the edited folder' '
	commit_repo && sun_mei_leaves &&
	"$CARE" report --as-of HEAD --date 2025-11-15 --format json >raw.json &&
	test "$(jq -r .commit raw.json)" = "$(cat ../first)" &&
	test "$(jq .children.enrolled raw.json)" = 3
'

# ---------------------------------------------------------------------------
# usage_error ARGS: care report ARGS exits 2, says why on stderr and
# prints no report.
usage_error() {
	test_must_fail --exit=2 "$CARE" report "$@" >out 2>err ||
		{ echo "care report $*:"; cat err; return 1; }
	test ! -s out && test -s err && ! grep "not a care command" err ||
		{ echo "care report $*: output or message wrong"; cat out err; return 1; }
}

test_expect_success 'usage errors exit 2 and print no report' '
	report_repo movement &&
	usage_error --date 2025-13-01 --format json &&
	usage_error --date 2027-02-29 --format json &&
	usage_error --date 2025-11-15 --format xml
'

test_expect_success 'records with errors: exit 1, no report written' '
	report_repo movement &&
	sed -i "/^name: /d" records/children/wang-yu-2019.yaml &&
	test_must_fail --exit=1 "$CARE" report --date 2025-11-15 --format json >out 2>err &&
	test ! -s out && grep "wang-yu-2019.yaml" err &&
	test_must_fail --exit=1 "$CARE" report --date 2025-11-15 --format json -o r.json 2>err &&
	test ! -e r.json
'

test_expect_success '--as-of a date without --date counts on that date' '
	commit_repo &&
	"$CARE" report --as-of 2026-09-30 --format json >raw.json &&
	test "$(jq -r .date raw.json)" = 2026-09-30 &&
	test "$(jq -r .commit raw.json)" = "$(cat ../first)"
'

# ---------------------------------------------------------------------------
# The yearly work report, on the demo school.

test_expect_success 'the yearly report: its sections, the school'"'"'s words, counts only' '
	cp -R "$TOP/records" . &&
	"$CARE" report --year 2025-2026 >year.md 2>err &&
	grep "^# 青山镇中心小学 2025-2026 学年留守儿童关爱工作报告" year.md &&
	for h in "一、基本情况" "二、建档与动态管理" "三、结对帮扶" "四、“五个一”亲情联系" "五、关爱活动" "六、存在问题与下一步" "统计口径"; do
		grep "^## $h" year.md || { echo "no section $h"; exit 1; }
	done &&
	grep "^统计至 2026-08-31。" year.md &&
	grep -F "$(sed -n 3p records/report/2025-2026.md)" year.md &&
	grep "| \*\*一至三年级\*\* |" year.md && grep "| \*\*四至六年级\*\* |" year.md &&
	# No child is named in a report that leaves the school.
	for f in records/children/*.yaml; do
		name=$(sed -n "s/^name: //p" $f)
		if grep -F "$name" year.md; then echo "names $name"; exit 1; fi
	done &&
	"$CARE" report --year 2025-2026 --format html -o year.html 2>err &&
	test "$(grep -o "<svg" year.html | wc -l)" = 2 &&
	! grep "图见 HTML 版" year.html &&
	grep "<html lang=\"zh-CN\">" year.html && ! grep -i "https\?://[a-z]" year.html | grep -v "www.w3.org/2000/svg"
'

test_expect_success 'the yearly report names its commit; a later --date is refused' '
	cp -R "$TOP/records" . && git init -q && git add records && git commit -qm demo &&
	"$CARE" report --year 2025-2026 >year.md &&
	grep "git 提交 $(git rev-parse HEAD)" year.md &&
	test_must_fail --exit=2 "$CARE" report --year 2025-2026 --date 2026-09-01 2>err &&
	grep "2025-2026" err &&
	test_must_fail --exit=2 "$CARE" report --year 2025-2027 2>err &&
	test_must_fail --exit=2 "$CARE" report --year 2025-2026 --format json 2>err
'

test_expect_success 'the school'"'"'s words are checked: a phone number or GBK stops check, render and report' '
	cp -R "$TOP/records" "$TOP/templates" . &&
	"$CARE" render >out && cp site/report-2025-2026.html before.html &&
	printf "\n如有问题请打 139 1234 5678。\n" >>records/report/2025-2026.md &&
	test_must_fail --exit=1 "$CARE" check >out &&
	grep "records/report/2025-2026.md:[0-9]*:[0-9]*: error: .*phone number (139...).*\[pii-in-text\]" out &&
	test_must_fail --exit=1 "$CARE" render 2>err &&
	test_cmp before.html site/report-2025-2026.html &&
	! grep -r "1234 5678" site &&
	test_must_fail --exit=1 "$CARE" report --year 2025-2026 >out 2>err && test ! -s out &&
	cp "$TOP/records/report/2025-2026.md" records/report/ &&
	iconv -f UTF-8 -t GBK records/report/2025-2026.md >x && mv x records/report/2025-2026.md &&
	test_must_fail --exit=1 "$CARE" check >out &&
	grep "records/report/2025-2026.md:1:[0-9]*: error: .*UTF-8.*\[encoding\]" out
'

test_expect_success 'the site links this year'"'"'s and last year'"'"'s report, with charts' '
	cp -R "$TOP/records" "$TOP/templates" . && "$CARE" render >out &&
	grep -F "(report-2025-2026.md)" site/md/index.md && grep -F "(report-2026-2027.md)" site/md/index.md &&
	test "$(grep -o "<svg" site/report-2025-2026.html | wc -l)" = 2 &&
	"$CARE" report --year 2025-2026 >year.md &&
	# The same Markdown, in the page of the site.
	sed -n "/^## 一、基本情况/,/^## 统计口径/p" year.md >want &&
	sed -n "/^## 一、基本情况/,/^## 统计口径/p" site/md/report-2025-2026.md >got &&
	test_cmp want got
'

test_done
