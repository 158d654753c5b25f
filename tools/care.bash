# bash completion for care: commands, their options, record kinds, and the
# ids of the records in the repository (children's for --child and
# history). Installed as PREFIX/share/bash-completion/completions/care.

# The records folder at or above the current one (care's own rule).
_care_top() {
	local d=$PWD
	while [ "$d" != / ]; do
		[ -f "$d/records/programme.yaml" ] && { printf '%s\n' "$d"; return; }
		d=$(dirname "$d")
	done
}

# Ids of one kind (children, pairings, activities), or of all.
_care_ids() {
	local top f
	top=$(_care_top) || return
	[ -n "$top" ] || return
	for f in "$top"/records/${1:-*}/*.yaml; do
		[ -e "$f" ] || continue
		f=${f##*/}
		printf '%s\n' "${f%.yaml}"
	done
}

_care() {
	local cur prev cmd i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-C) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [ -z "$cmd" ]; then
		if [ "$prev" = -C ]; then
			COMPREPLY=($(compgen -d -- "$cur"))
		else
			COMPREPLY=($(compgen -W "check export help history hooks import init new render report schema -C --version" -- "$cur"))
		fi
		return
	fi
	case $prev in
	--child) COMPREPLY=($(compgen -W "$(_care_ids children)" -- "$cur")); return ;;
	--kind) COMPREPLY=($(compgen -W "family_call letter birthday interest_group counselling lecture home_visit talk parent_contact parent_visit class_meeting other" -- "$cur")); return ;;
	--format)
		case $cmd in
		report) COMPREPLY=($(compgen -W "md html json" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
		esac
		return ;;
	--profile) COMPREPLY=($(compgen -W "staff full" -- "$cur")); return ;;
	--encoding) COMPREPLY=($(compgen -W "utf-8 gb18030" -- "$cur")); return ;;
	-o|--map) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	case $cmd in
	check) COMPREPLY=($(compgen -W "--format --staged --as-of --range --verbose" -- "$cur") $(compgen -f -- "$cur")) ;;
	render) COMPREPLY=($(compgen -W "-o --profile --keep-going --as-of" -- "$cur")) ;;
	report) COMPREPLY=($(compgen -W "--date --as-of --format --year -o" -- "$cur")) ;;
	history) COMPREPLY=($(compgen -W "--full --format --as-of --all --stale" -- "$cur") $(compgen -W "$(_care_ids)" -- "$cur")) ;;
	hooks) COMPREPLY=($(compgen -W "install uninstall status" -- "$cur")) ;;
	init) COMPREPLY=($(compgen -W "--school" -- "$cur") $(compgen -d -- "$cur")) ;;
	new)
		if [ "$prev" = new ]; then
			COMPREPLY=($(compgen -W "child pairing activity" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "--name --child --kind --date --id" -- "$cur"))
		fi ;;
	import|export)
		if [ "$prev" = "$cmd" ]; then
			COMPREPLY=($(compgen -W "children pairings activities" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "--map --dry-run --encoding --full -o" -- "$cur") $(compgen -f -- "$cur"))
		fi ;;
	schema) COMPREPLY=($(compgen -W "--json -o" -- "$cur")) ;;
	help) COMPREPLY=($(compgen -W "check export history hooks import init new render report schema" -- "$cur")) ;;
	esac
}
complete -F _care care
