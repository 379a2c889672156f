# bench/claims/lib.sh: what every claim script of bench/claims.sh shares
# (sourced, not run): running mapbench into the claim's folder, its ratio
# tables, and the verdict from a ratio's 95% CI.
# shellcheck shell=bash
#
# From bench/claims.sh, in the environment: MB (the mapbench binary),
# CLAIM_DIR (this claim's results folder), CLAIM_DATASETS, CLAIM_RUN_ID,
# CLAIM_SCALE (tiny, quick or full), CLAIM_REPS. A claim writes its section
# of CLAIMS.md to $CLAIM_DIR/section.md.

claim_say() { printf 'claims: %s: %s\n' "${CLAIM_NAME:-?}" "$*" >&2; }

# claim_pick TINY QUICK FULL: the value for this run's scale.
claim_pick() {
	case $CLAIM_SCALE in
		tiny) echo "$1" ;;
		quick) echo "$2" ;;
		*) echo "$3" ;;
	esac
}

# claim_head TITLE CLAIM SOURCE MEASURED RULE: the start of the section.
claim_head() {
	{
		printf '## %s\n\n' "$1"
		printf -- '- Claim: "%s"\n' "$2"
		printf -- '- Source: %s\n' "$3"
		printf -- '- Measured: %s\n' "$4"
		printf -- '- Verdict rule: %s\n\n' "$5"
	} >"$CLAIM_DIR/section.md"
}

# claim_out TEXT...: appends lines to the section.
claim_out() { printf '%s\n' "$@" >>"$CLAIM_DIR/section.md"; }

# claim_block CMD...: the command's output into the section as a code block.
claim_block() {
	claim_out '```'
	"$@" >>"$CLAIM_DIR/section.md"
	claim_out '```' ''
}

# claim_run CSV ARGS...: mapbench run ARGS into CSV (appended to); returns
# mapbench's exit code.
claim_run() {
	local csv=$1 r=0
	shift
	printf '%q ' "$MB" run "$@" >>"$CLAIM_DIR/command.txt"
	echo >>"$CLAIM_DIR/command.txt"
	"$MB" run "$@" --reps "$CLAIM_REPS" --lat-reps 0 --dir "$CLAIM_DATASETS" \
		--run-id "$CLAIM_RUN_ID" --out "$csv" --quiet || r=$?
	return "$r"
}

# claim_ratio COLUMNS RATIO-ARGS...: `mapbench ratio` as a table of COLUMNS
# (its last three: ratio,ratio_ci_lo,ratio_ci_hi) on stdout.
claim_ratio() {
	local cols=$1
	shift
	"$MB" ratio "$@" --format table --columns "$cols"
}

# claim_size BYTES: 4096 -> 4K, 1048576 -> 1M.
claim_size() {
	local b=$1 u
	for u in '' K M G T; do
		if [ "$b" -lt 1024 ] || [ $((b % 1024)) -ne 0 ]; then
			echo "$b$u"
			return
		fi
		b=$((b / 1024))
	done
	echo "${b}P"
}

# claim_label WORD...: a row's label from its key cells (sizes shortened).
claim_label() {
	local w out=()
	for w in "$@"; do
		if [[ $w =~ ^[0-9]+$ && $w -ge 1024 ]]; then out+=("$(claim_size "$w")"); else out+=("$w"); fi
	done
	echo "${out[*]}"
}

# claim_class RULE T LO HI: yes (the CI is on the claimed side), no (on the
# other side, or for "faster" claims within ±10% of 1) or ? (neither).
# RULE: above (the claimed ratio is > T), below (< T), faster (> 1, with the
# ±10% band), slower (< 1, with the band).
claim_class() {
	awk -v rule="$1" -v t="$2" -v lo="$3" -v hi="$4" 'BEGIN {
		band = (rule == "faster" || rule == "slower") && lo >= 0.9 && hi <= 1.1
		if (rule == "faster" || rule == "above") { yes = lo > t; no = hi < t || band }
		else { yes = hi < t; no = lo > t || band }
		print yes && !band ? "yes" : no ? "no" : "?"
	}'
}

# claim_judge RULE T WHAT: reads a claim_ratio table on stdin and appends
# the verdict line: holds (every configuration yes), does not hold (none
# yes, some no), holds only when (some yes: they are named, and the others),
# undecided (no configuration decided either way). WHAT names the ratio (mmap ÷ read).
claim_judge() {
	local rule=$1 t=$2 what=$3 f n ratio lo hi label c
	local yes=() no=() und=()
	read -r _ || { claim_not_measured "no ratio (no configuration had samples on both sides; see results.csv)"; return; }
	while read -ra f; do
		n=${#f[@]}
		[ "$n" -ge 4 ] || continue
		ratio=${f[n - 3]} lo=${f[n - 2]} hi=${f[n - 1]}
		label=$(claim_label "${f[@]:0:n-3}")
		c=$(claim_class "$rule" "$t" "$lo" "$hi")
		case $c in
			yes) yes+=("$label: $ratio [$lo, $hi]") ;;
			no) no+=("$label: $ratio [$lo, $hi]") ;;
			*) und+=("$label: $ratio [$lo, $hi]") ;;
		esac
	done
	local all=$((${#yes[@]} + ${#no[@]} + ${#und[@]}))
	if [ "$all" -eq 0 ]; then
		claim_not_measured "no ratio (no configuration had samples on both sides; see results.csv)"
		return
	fi
	local y n u
	y=$(claim_join "${yes[@]}") n=$(claim_join "${no[@]}") u=$(claim_join "${und[@]}")
	if [ ${#yes[@]} -eq "$all" ]; then
		claim_out "**Verdict: holds**: $what $y"
	elif [ ${#yes[@]} -eq 0 ] && [ ${#no[@]} -gt 0 ]; then
		claim_out "**Verdict: does not hold**: $what $n; undecided $u"
	elif [ ${#yes[@]} -gt 0 ]; then
		claim_out "**Verdict: holds only when** $what is $y; not when $n; undecided $u"
	else
		claim_out "**Verdict: undecided** (the CI spans the threshold): $what $u"
	fi
	claim_out ''
}

# claim_join ITEM...: the items joined by "; ", "(none)" for none.
claim_join() {
	local joined='' i
	for i in "$@"; do joined+=${joined:+; }$i; done
	echo "${joined:-(none)}"
}

# claim_not_measured REASON: the verdict when a need is missing.
claim_not_measured() { claim_out "**Verdict: not measured here**: $*" ''; }
