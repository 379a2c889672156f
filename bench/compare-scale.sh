#!/usr/bin/env bash
# bench/compare-scale.sh: how long `mapbench compare` takes on two large
# results files (the target: 1 million rows each in at most 10 s). Makes one
# short real run, copies its rows into ROWS-row files (each copy under its
# own run_id, so no row repeats; the second file on another "kernel" label),
# then times compare on them and prints the figures with the machine's
# identity. Never compare its figures with another machine's.
#
#   bench/compare-scale.sh [--rows N] [--keep] [--work DIR]
#
# --rows N    rows per file (default 1000000)
# --work DIR  where the two files go (default: a new folder under the
#             results folder); about 0.7 KB per row per file
# --keep      keep the two files (default: deleted at the end)
# Exit: 0 done, 1 compare failed, 2 usage, 3 missing package.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

rows=1000000 keep=0 work=
while [ $# -gt 0 ]; do
	case $1 in
		-h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		--rows) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { mb_say "compare-scale.sh: --rows needs a positive whole number"; exit 2; }
			rows=$2; shift 2 ;;
		--work) [ -n "${2:-}" ] || { mb_say "compare-scale.sh: --work needs a folder"; exit 2; }
			work=$2; shift 2 ;;
		--keep) keep=1; shift ;;
		*) mb_say "compare-scale.sh: unknown argument '$1' (see --help)"; exit 2 ;;
	esac
done
mb_need_pkgs "${MB_BUILD_PKGS[@]}"
mb=$(mb_build release)
results=${MB_RESULTS:-$MB_WORK/results}
datasets=${MB_DATASETS:-$MB_WORK/datasets}
mkdir -p "$results" "$datasets"
if [ -z "$work" ]; then
	work=$(mktemp -d "$results/compare-scale.XXXXXX")
else
	mkdir -p "$work"
	work=$(mktemp -d "$work/compare-scale.XXXXXX")
fi
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

"$mb" run --quiet --method read,pread,mmap --pattern seq,rand --cache warm --size 64K,256K \
	--block 4K,64K --reps 5 --dir "$datasets" --out "$work/seed.csv"
seed_rows=$(($(wc -l <"$work/seed.csv") - 1))
copies=$(( (rows + seed_rows - 1) / seed_rows ))
rid=$(sed -n '2p' "$work/seed.csv" | cut -d, -f2)
kernel=$(sed -n '2p' "$work/seed.csv" | cut -d, -f5)
mb_say "making two files of $((copies * seed_rows)) rows ($copies copies of $seed_rows) in $work"
# copy i: the run_id gets the suffix -i; the target's kernel column another label
make() { # OUT KERNEL
	awk -v n="$copies" -v rid="$rid" -v k="$kernel" -v nk="$2" '
		NR == 1 { print; next }
		{ row[++m] = $0 }
		END {
			for (i = 1; i <= n; i++)
				for (r = 1; r <= m; r++) {
					line = row[r]
					sub(rid, rid "-" i, line)
					if (nk != k) sub("," k ",", "," nk ",", line)
					print line
				}
		}' "$work/seed.csv" >"$1"
}
make "$work/base.csv" "$kernel"
make "$work/target.csv" "$kernel-other"
bytes=$(stat -c %s "$work/base.csv")

t0=$(date +%s%N)
"$mb" compare "$work/base.csv" "$work/target.csv" >"$work/out.txt" || { mb_say "compare failed"; exit 1; }
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
echo "machine: $("$mb" env | grep -E '^(cpu_vendor|cpu_family|cpu_model_id|cpu_model|hypervisor|kernel)[ :=]' | tr '\n' ' ')"
echo "compare-scale: 2 files x $((copies * seed_rows)) rows ($((bytes / 1048576)) MiB each): mapbench compare took $ms ms (target: <= 10000 ms for 1 million rows)"
head -n 1 "$work/out.txt"
