#!/usr/bin/env bash
# tests/bad_input_run.sh: runs the bad-input table, tests/bad-input/*.case:
# one bad argument, file, path or environment per file, for every mapbench
# subcommand and the bench/ scripts. A case file holds lines
#
#   # what the case is about (comments)
#   setup: a bash command run first in the case's folder (any number)
#   cmd: the command under test (bash; $MB is mapbench, $ROOT the project)
#   exit: the expected exit code
#   stderr: a fragment of the one line on stderr that says what was wrong
#   stdout: (optional) a fragment of stdout
#   needs: root (skipped when not root), or nobody (cmd runs as user nobody)
#   cleanup: a bash command run at the end, also on failure (umount, ...)
#
# Each case runs in a fresh folder (its cwd, TMPDIR and HOME) under
# `timeout` (a hang fails) and fails on: another exit code, an exit >= 128
# (a signal) not expected, a sanitizer report, the fragment missing from
# stderr, a file of the folder changed (inputs are checksummed before and
# after), or anything written outside the folder (a sentinel folder and the
# project's results/ and datasets/ are listed before and after).
# tests/bad-input/pending/ holds cases of behaviour still to be made right:
# skipped, and counted.
#
#   tests/bad_input_run.sh MAPBENCH WORKDIR [CASE...]
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
[ $# -ge 2 ] || { echo "usage: $0 MAPBENCH WORKDIR [CASE...]" >&2; exit 2; }
MB=$(realpath "$1")
work=$2
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export MB ROOT
export MAPBENCH=$MB # the bench/ scripts use it instead of building
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
secs=${MB_BAD_INPUT_TIMEOUT:-30}

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
	mapfile -t cases < <(find "$ROOT/tests/bad-input" -maxdepth 1 -type f -name '*.case' | sort)
fi
pending=0 # a clean clone has no pending/ folder when no case is pending
if [ -d "$ROOT/tests/bad-input/pending" ]; then
	pending=$(find "$ROOT/tests/bad-input/pending" -type f -name '*.case' | wc -l)
fi

mkdir -p "$work"
work=$(cd "$work" && pwd)
base=$(mktemp -d "$work/bad-input.XXXXXX")
chmod 755 "$base"
sentinel=$base/sentinel
mkdir -p "$sentinel/sub"
echo keep >"$sentinel/file"
trap 'rm -rf "$base"' EXIT

# what must not change: the sentinel folder, the project's results and datasets
outside() {
	local d
	for d in "$sentinel" "$ROOT/results" "$ROOT/datasets"; do
		if [ -e "$d" ]; then find "$d" -printf '%p %s %T@\n'; fi
	done | sort
}
# every regular file of a folder, with its checksum
inputs() {
	(cd "$1" && find . -type f ! -name '.mb-case-*' -print0 | sort -z | xargs -0r md5sum)
}

field() { # field NAME FILE: the values of "NAME: ..." lines
	sed -n "s/^$1: \{0,1\}//p" "$2"
}

ran=0 failed=0 skipped=0
for c in "${cases[@]}"; do
	name=$(basename "$c" .case)
	want_exit=$(field exit "$c")
	want_err=$(field stderr "$c")
	want_out=$(field stdout "$c")
	cmd=$(field cmd "$c")
	needs=$(field needs "$c")
	if [ -z "$cmd" ] || [ -z "$want_exit" ]; then
		echo "FAIL $name: the case has no cmd: or exit: line"
		failed=$((failed + 1))
		continue
	fi
	if [[ "$needs" == *root* || "$needs" == *nobody* ]] && [ "$(id -u)" -ne 0 ]; then
		skipped=$((skipped + 1))
		continue
	fi
	dir=$base/$name
	mkdir "$dir" "$dir/.mb-case-home" "$dir/.mb-case-tmp"
	chmod 777 "$dir" "$dir/.mb-case-home" "$dir/.mb-case-tmp"
	why=""
	before_out=$(outside)
	while IFS= read -r s; do
		(cd "$dir" && HOME=$dir/.mb-case-home TMPDIR=$dir/.mb-case-tmp bash -c "$s") >/dev/null 2>&1 ||
			{ why="setup failed: $s"; break; }
	done < <(field setup "$c")
	before_in=$(inputs "$dir")
	rc=0 t0=$SECONDS
	if [ -z "$why" ]; then
		runas=()
		[[ "$needs" == *nobody* ]] && runas=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
		(cd "$dir" && HOME=$dir/.mb-case-home TMPDIR=$dir/.mb-case-tmp \
			timeout -k 5 "$secs" "${runas[@]}" bash -c "$cmd") \
			</dev/null >"$base/$name.out" 2>"$base/$name.err" || rc=$?
		err=$(cat "$base/$name.err")
		if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
			why="hung (killed after ${secs}s)"
		elif [ "$rc" != "$want_exit" ]; then
			why="exit $rc, expected $want_exit"
		elif [ $rc -ge 128 ] && [ "$want_exit" -lt 128 ]; then
			why="killed by a signal (exit $rc)"
		elif grep -q 'Sanitizer\|runtime error:' "$base/$name.err"; then
			why="sanitizer report"
		elif [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$base/$name.err"; then
			why="stderr lacks '$want_err'"
		elif [ -n "$want_out" ] && ! grep -qF -- "$want_out" "$base/$name.out"; then
			why="stdout lacks '$want_out'"
		elif [ -n "$(comm -23 <(echo "$before_in") <(inputs "$dir"))" ]; then
			why="an input file changed: $(comm -23 <(echo "$before_in") <(inputs "$dir") | head -n 1)"
		fi
	fi
	while IFS= read -r s; do
		(cd "$dir" && bash -c "$s") >/dev/null 2>&1 || true
	done < <(field cleanup "$c")
	if [ -z "$why" ] && [ "$before_out" != "$(outside)" ]; then
		why="wrote outside its folder: $(diff <(echo "$before_out") <(outside) | head -n 3 | tr '\n' ' ')"
	fi
	ran=$((ran + 1))
	[ $((SECONDS - t0)) -lt 10 ] || echo "slow: $name took $((SECONDS - t0)) s"
	if [ -n "$why" ]; then
		failed=$((failed + 1))
		echo "FAIL $name: $why"
		echo "     cmd: $cmd"
		sed 's/^/     stderr: /' "$base/$name.err" 2>/dev/null | head -n 5
	fi
	rm -rf "$dir"
done
echo "bad input: $ran cases run, $failed failed, $skipped skipped (not root), $pending pending (tests/bad-input/pending/)"
[ $failed -eq 0 ]
