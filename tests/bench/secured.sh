#!/usr/bin/env bash
# secured benchmarks: primitive throughput on one core next to `openssl speed ed25519`, and the
# share of `verity check` time the secured checks take on a generated corpus (with and without
# the secured field). Usage: tests/bench/secured.sh [N documents] (after ci/build).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-20000}
build/tests/verity_secured_bench 2
echo "openssl speed ed25519 (verify/s, 1 core):"
openssl speed -seconds 2 ed25519 2>/dev/null | awk '/Ed25519/ && /\(/ {print "  " $0}' | tail -1
work=$(mktemp -d /tmp/verity-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 tests/bench/generate_corpus.py "$work/with" "$n"
python3 tests/bench/generate_corpus.py "$work/without" "$n" --no-secured
best() {  # best of 5 wall times
  local best=999
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e" -o "$work/t" build/src/verity check -q -j 1 "$1" >/dev/null || true
    best=$(python3 -c "import sys; print(min(float(sys.argv[1]), float(open(sys.argv[2]).read().split()[-1])))" "$best" "$work/t")
  done
  echo "$best"
}
with=$(best "$work/with")
without=$(best "$work/without")
python3 -c "import sys; w,o=float(sys.argv[1]),float(sys.argv[2]); print(f'verity check -j 1 on {sys.argv[3]} docs: {w:.2f} s with secured blobs, {o:.2f} s without: secured checks add {100*(w-o)/o:.1f}%')" "$with" "$without" "$n"
