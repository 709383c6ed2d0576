#!/usr/bin/env bash
# Body-link checking time: Jekyll build + HTMLProofer 3.19 (--disable-external) against verity
# check (whatever checks it runs today), on fixtures/bodies/main and on a generated site of N pages
# (default 2,000; tests/bench/bodies_generate.py: 20 links and 5 images a page). Prints wall time
# and peak RSS of each step. Usage: tests/bench/bodies.sh [N] (after ci/build)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-2000}
verity=$PWD/build/src/verity
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache

step() { # label, command...: one line "label  wall s  peak RSS MiB  exit"
  local label=$1
  shift
  local rc=0
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>&1 || rc=$?
  # GNU time writes "Command exited with non-zero status N" first when the command fails.
  read -r wall rss < <(tail -n 1 "$tmp/time")
  awk -v l="$label" -v w="$wall" -v r="$rss" -v c="$rc" \
    'BEGIN { printf "%-34s %8.2f s %8.1f MiB  exit %d\n", l, w, r / 1024, c }'
}

bench_site() { # name, site
  local name=$1 site=$2
  rm -rf "$tmp/_site"
  step "$name: jekyll build" jekyll build -q --disable-disk-cache -s "$site" -d "$tmp/_site"
  step "$name: htmlproofer" htmlproofer --disable-external "$tmp/_site"
  # 3.19 repeats failures: count them once per file (and per line, as it prints them).
  echo "$name: htmlproofer failures: $(grep -c '^  \*  ' "$tmp/out") lines," \
    "$(awk '/^- /{f=$0} /^  \*  /{print f $0}' "$tmp/out" | sort -u | wc -l) unique"
  step "$name: verity check" "$verity" check --format json "$site"
}

bench_site "fixture main" fixtures/bodies/main
python3 tests/bench/bodies_generate.py "$tmp/gen" "$n"
echo "generated $n pages: $(find "$tmp/gen" -name '*.md' | wc -l) Markdown files," \
  "$(du -sh "$tmp/gen" | cut -f1)"
bench_site "generated $n" "$tmp/gen"
