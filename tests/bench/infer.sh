#!/usr/bin/env bash
# Benchmarks `verity schema infer`: one collection of N generated news documents (default
# 10,000; the goal is under 1 s on 2 cores), the schema alone and with --explain (outliers), and
# the shared corpus when present. Usage: tests/bench/infer.sh [N] (after ci/build).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
bin=$PWD/build/src/verity
work=$(mktemp -d /tmp/verity-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 tests/bench/generate_corpus.py "$work/site" "$n" --only=_news
measure() {  # label, dir, args...
  local label=$1 dir=$2; shift 2
  (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" schema infer "$@" > "$work/out") || true
  read -r secs user sys rss_kb < <(tail -n 1 "$work/time")
  cpu=$(python3 -c "import sys; print(float(sys.argv[1]) + float(sys.argv[2]))" "$user" "$sys")
  python3 -c "import sys; s,u,k=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'{sys.argv[4]}: {s:.2f} s wall, {u:.2f} s CPU, peak RSS {k/1024:.0f} MiB')" "$secs" "$cpu" "$rss_kb" "$label"
}
echo "machine: $(nproc) cores, $(uname -m)"
"$bin" schema infer --site "$work/site" news > /dev/null # warm the page cache
measure "schema infer news ($n docs, --jobs $(nproc))" "$work/site" news
grep -m1 "from .* documents" "$work/out"
measure "schema infer news ($n docs, --jobs 1)" "$work/site" news --jobs 1
measure "schema infer news --explain ($n docs)" "$work/site" news --explain --format json
if [[ -d ../shared/corpus/smartable-power-apps ]]; then
  measure "shared corpus, every collection --explain" ../shared/corpus/smartable-power-apps --explain
else
  echo "shared corpus absent: skipped"
fi
