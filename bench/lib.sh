# bench/lib.sh: shared set-up for mapbench's scripts (sourced, not run):
# finding the project root, installing missing Debian packages, building.
# shellcheck shell=bash

MB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# A source checkout builds mapbench; an installed copy (PREFIX/share/mapbench)
# uses PREFIX/bin/mapbench and keeps datasets and results in the current folder.
if [ -f "$MB_ROOT/CMakeLists.txt" ]; then
	MB_INSTALLED=0
	MB_WORK=$MB_ROOT
else
	MB_INSTALLED=1
	MB_WORK=$PWD
fi

# Debian packages the build and the tests need.
MB_BUILD_PKGS=(cmake gcc make libc6-dev pkg-config libcsv-dev libcmocka-dev liburing-dev)
# ... the charts (plots/render.sh) ...
MB_PLOT_PKGS=(gnuplot-nox)
# ... and the tests: xmllint checks that each SVG is well-formed XML, jq reads
# hyperfine's JSON.
MB_TEST_PKGS=(libxml2-utils jq hyperfine strace)
# ... the fault tests: tests/faults/eiofs, a FUSE filesystem that injects I/O
# errors (built when pkg-config finds fuse3; fusermount3 unmounts it).
MB_FAULT_PKGS=(libfuse3-dev fuse3)
# ... CI's robustness runs: the fuzz harnesses (tests/fuzz, clang's libFuzzer)
# and memcheck (tests/valgrind).
MB_FUZZ_PKGS=(clang)
MB_VALGRIND_PKGS=(valgrind)

mb_say() { printf 'mapbench: %s\n' "$*" >&2; }

# mb_need_pkgs PKG...: installs the missing ones when root; otherwise names
# them and exits 3.
mb_need_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		mb_say "missing Debian packages: ${missing[*]}"
		mb_say "install them with: sudo apt-get install -y ${missing[*]}"
		exit 3
	fi
	mb_say "installing missing packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || { mb_say "apt-get update failed"; exit 3; }
	apt-get install -y -qq "${missing[@]}" >/dev/null || { mb_say "apt-get install ${missing[*]} failed"; exit 3; }
}

# mb_build PRESET: configures and builds one CMake preset quietly; prints the
# path of the mapbench binary on stdout. $MAPBENCH, when set, is used instead.
mb_build() {
	local preset=$1 log="$MB_ROOT/build/$1.log"
	if [ -n "${MAPBENCH:-}" ]; then # a binary given by the caller (the tests)
		[ -x "$MAPBENCH" ] || { mb_say "MAPBENCH=$MAPBENCH is not an executable"; exit 3; }
		echo "$MAPBENCH"
		return 0
	fi
	if [ "$MB_INSTALLED" = 1 ]; then
		local bin
		bin=$(cd "$MB_ROOT/../../bin" 2>/dev/null && pwd)/mapbench
		[ -x "$bin" ] || bin=$(command -v mapbench) || { mb_say "no mapbench binary next to $MB_ROOT"; exit 3; }
		echo "$bin"
		return 0
	fi
	mkdir -p "$MB_ROOT/build"
	if ! (cd "$MB_ROOT" && cmake --preset "$preset" && cmake --build --preset "$preset") >"$log" 2>&1; then
		tail -n 30 "$log" >&2
		mb_say "build ($preset) failed; full log: $log"
		exit 1
	fi
	echo "$MB_ROOT/build/$preset/mapbench"
}

# mb_run_id: a sortable, unique run identifier.
mb_run_id() {
	printf '%s-%04x\n' "$(date -u +%Y%m%dT%H%M%SZ)" $((RANDOM))
}

# mb_env_dump FILE DIR MAPBENCH [SYSROOT]: the environment of a run, for
# results/<run_id>/env.txt (SYSROOT: where the THP files are read, "" for this
# system; bench/knobs.sh's tests give a fake tree).
mb_env_dump() {
	local out=$1 dir=$2 mb=$3 sysroot=${4:-} f
	{
		echo "# uname -a"; uname -a
		echo; echo "# mapbench env --path $dir"; "$mb" env --path "$dir" || true
		echo; echo "# findmnt -T $dir"; findmnt -T "$dir" 2>&1 || true
		echo; echo "# lsblk"; lsblk 2>&1 || true
		echo; echo "# transparent_hugepage"
		for f in enabled defrag shmem_enabled; do
			f=$sysroot/sys/kernel/mm/transparent_hugepage/$f
			[ -r "$f" ] && echo "$f: $(cat "$f")"
		done
		echo; echo "# cpu frequency governor"
		cat /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor 2>/dev/null | sort | uniq -c || true
		[ -e /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor ] || echo "none (no cpufreq: virtual machine?)"
		echo; echo "# memory"; free -b
		echo; echo "# lscpu"; lscpu 2>&1 || true
	} >"$out" 2>&1
}

# csv_json FILE: one JSON object per record of a mapbench CSV file (libcsv
# output: RFC 4180 quoting), keyed by its header, for jq.
JQ_CSV='def csv_fields: ("," + sub("\r$"; "")) | [scan(",(\"(?:[^\"]|\"\")*\"|[^,\"]*)")]
	| map(.[0] | if startswith("\"") then .[1:-1] | gsub("\"\""; "\"") else . end);
def csv_objects: (.[0] | csv_fields) as $h | .[1:][] | select(length > 0) | csv_fields
	| if length != ($h | length) then error("CSV record has \(length) fields, header \($h | length)")
	  else [$h, .] | transpose | map({key: .[0], value: .[1]}) | from_entries end;'
csv_json() { jq -R -s -c "$JQ_CSV"' split("\n") | csv_objects' "$1"; }

# The quick matrix of bench/run.sh (also run twice by bench/selfcheck.sh).
MB_QUICK_ARGS=(--method read,pread,mmap,memread --pattern seq,rand --cache warm,cold
	--size 64K,1M,16M,256M --block 4K,128K --reps 5 --warmup 1)
