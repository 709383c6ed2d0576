#!/usr/bin/env bash
# The offline gate's throughput with bodies: `verity check` on a generated site of N pages
# (default 20,000; tests/bench/bodies_generate.py: 20 links and 5 images a page, one layout and
# its include judged on every page), with every core and with one, on a maintained site (1% of
# links and images broken) and on a defect-heavy one (8%: every finding costs a message, a
# suggestion and report space). Prints documents, wall time, documents per second and peak RSS.
# The goal (issue 14): at least 10,000 documents/s on 2 cores. `verity check -v` prints where the
# time goes, phase by phase.
# Usage: tests/bench/bodies_rate.sh [N] (after ci/build)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-20000}
verity=$PWD/build/src/verity
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache
python3 tests/bench/bodies_generate.py "$tmp/site" "$n" --defects 0.01 >/dev/null
python3 tests/bench/bodies_generate.py "$tmp/heavy" "$n" --defects 0.08 >/dev/null
echo "machine: $(nproc) cores, $(uname -m); site: $n pages, $(du -sh "$tmp/site" | cut -f1)"
for site in site heavy; do # warm the page cache
  "$verity" check -q "$tmp/$site" >/dev/null 2>&1 || true
done

measure() { # label, site folder, verity arguments...
  local label=$1 site=$2
  shift 2
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$verity" check --format json --output "$tmp/r.json" \
    "$@" "$tmp/$site" >/dev/null 2>&1 || true
  read -r wall rss < <(tail -n 1 "$tmp/time")
  python3 - "$label" "$wall" "$rss" "$tmp/r.json" <<'EOF'
import json, sys
label, wall, rss, report = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
r = json.load(open(report))
docs = r["summary"]["documents"]
body = sum(1 for f in r["findings"] if f["rule"].startswith(("link/", "image/")))
print(f"{label}: {docs} documents, {body} body findings in {wall:.2f} s = "
      f"{docs / max(wall, 1e-9):,.0f} documents/s, peak RSS {rss / 1024:.0f} MiB")
EOF
}
measure "1% broken, --jobs $(nproc)" site
measure "1% broken, --jobs 1" site --jobs 1
measure "8% broken, --jobs $(nproc)" heavy
