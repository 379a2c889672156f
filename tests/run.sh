#!/usr/bin/env bash
# tests/run.sh: the test command. Installs what is missing (as root), then
# builds and runs every ctest test twice: under ASan+UBSan (preset dev) and as
# the optimised CI build with warnings as errors (preset ci).
#
#   tests/run.sh            both presets
#   tests/run.sh dev        one preset
set -euo pipefail
. "$(dirname "$0")/../bench/lib.sh"

presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(dev ci)
mb_need_pkgs "${MB_BUILD_PKGS[@]}" "${MB_PLOT_PKGS[@]}" "${MB_TEST_PKGS[@]}" "${MB_FAULT_PKGS[@]}"
for p in "${presets[@]}"; do
	mb_say "tests: building preset $p"
	mb_build "$p" >/dev/null
	mb_say "tests: running preset $p"
	(cd "$MB_ROOT" && ctest --preset "$p")
done
