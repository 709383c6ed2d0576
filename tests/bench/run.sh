#!/usr/bin/env bash
# Benchmarks `verity check`: docs/s and peak RSS on a generated corpus (default 100,000 documents)
# and on the shared corpus when present. Usage: tests/bench/run.sh [N] (after ci/build).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
bin=build/src/verity
work=$(mktemp -d /tmp/verity-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 tests/bench/generate_corpus.py "$work/site" "$n"
measure() {  # label, args...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check -q --format json --output "$work/report.json" "$@" || true
  read -r secs rss_kb < <(tail -n 1 "$work/time")
  docs=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['documents'])" "$work/report.json")
  python3 -c "import sys; s,k,d=float(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]); print(f'{sys.argv[4]}: {d} documents in {s:.2f} s = {d/max(s,1e-9):,.0f} docs/s, peak RSS {k/1024:.0f} MiB')" "$secs" "$rss_kb" "$docs" "$label"
}
echo "machine: $(nproc) cores, $(uname -m)"
"$bin" check -q "$work/site" > /dev/null || true   # warm the page cache
measure "generated corpus ($n docs, --jobs $(nproc))" "$work/site"
measure "generated corpus ($n docs, --jobs 1)" --jobs 1 "$work/site"
if [[ -d ../shared/corpus/smartable-power-apps ]]; then
  measure "shared corpus" ../shared/corpus/smartable-power-apps
else
  echo "shared corpus absent: skipped"
fi
