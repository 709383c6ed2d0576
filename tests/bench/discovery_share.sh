#!/usr/bin/env bash
# The share of `verity check`'s CPU that the Jekyll site model takes (issue 13's goal: discovery
# and URL computation add less than 10%), measured inside one binary with perf's call stacks:
# the inventory (take_inventory), matching candidates to collections (Discoverer::take), and
# each document's URL and defaults (JekyllViews::of). Usage: tests/bench/discovery_share.sh [N]
# (after ci/build; needs perf). Default N = 100,000 generated documents, --jobs 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}
work=$(mktemp -d /tmp/verity-share-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 tests/bench/generate_corpus.py "$work/site" "$n" >/dev/null
export XDG_CACHE_HOME="$work/cache"
build/src/verity check -q "$work/site" >/dev/null || true # warm the page cache
perf record -q -F 250 --call-graph dwarf,32768 -o "$work/perf.data" \
  build/src/verity check -q -j 1 "$work/site" >/dev/null 2>&1 || true
perf script -i "$work/perf.data" 2>/dev/null | c++filt >"$work/stacks.txt"
python3 - "$work/stacks.txt" <<'PY'
import sys
stacks = [s for s in open(sys.argv[1], errors="replace").read().split("\n\n") if s.strip()]
parts = {
    "inventory (take_inventory)": "site::take_inventory",
    "collection matching (Discoverer::take)": "Discoverer::take",
    "URLs and defaults (JekyllViews::of)": "JekyllViews::of",
}
total = len(stacks)
model = 0
for label, needle in parts.items():
    n = sum(1 for s in stacks if needle in s)
    print(f"{label}: {100 * n / total:.2f}% of {total} samples")
model = sum(1 for s in stacks if any(needle in s for needle in parts.values()))
print(f"site model, together: {100 * model / total:.2f}% of the run, "
      f"+{100 * model / max(total - model, 1):.1f}% over the rest")
PY
