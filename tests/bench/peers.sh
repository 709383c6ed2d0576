#!/usr/bin/env bash
# verity side by side with the tools its users would otherwise pick, on the same input, in one run:
#   links:   linkinator 6, markdown-link-check 3 and LinkChecker 10 against the same URL set on
#            loopback servers (verity_link_bench --serve) with 50 ms latency, 80 transfers at once
#            where the tool lets us say so; then ten times the URLs at 5 ms against the fastest
#            peer, where the tools' own cost per link shows;
#   schema:  remark-lint-frontmatter-schema 3 (remark-cli 12) with the same JSON Schema over the
#            same generated documents.
# (Image probing against probe-image-size is in tests/bench/images.sh.)
# Peers are installed here only: npm packages into a temporary directory, LinkChecker from Debian.
# Usage: tests/bench/peers.sh   (after ci/build; URLS=2000 DOCS=5000 to change the sizes)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
urls=${URLS:-2000}
docs=${DOCS:-5000}
verity=$root/build/src/verity
work=$(mktemp -d /tmp/verity-peers-XXXXXX)
cleanup() { touch "$work/urls.txt.stop"; sleep 0.3; [[ -n ${KEEP:-} ]] || rm -rf "$work"; }
trap cleanup EXIT

ci/install-deps --bench >/dev/null
if ! command -v linkchecker >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linkchecker >/dev/null
fi
(cd "$work" && npm install --silent --no-audit --no-fund linkinator@6 markdown-link-check@3 \
  remark-cli@12 remark-frontmatter@5 remark-lint-frontmatter-schema@3 >/dev/null 2>&1)
bin=$work/node_modules/.bin

# measure LABEL COMMAND...: wall seconds, peak RSS and requests the servers saw.
count() { curl -sf "$(head -1 "$work/urls.txt" | sed -E 's|(http://[^/]+).*|\1|')/__count" || echo 0; }
measure() {
  local label=$1
  shift
  local before after
  before=$(count)
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/$label.out" 2>&1 || true
  after=$(count)
  read -r wall rss < <(tail -1 "$work/time")
  printf '%-32s wall %7.2f s   peak RSS %7.1f MiB   requests %6d\n' "$label" "$wall" \
    "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$((after - before))"
}

# links N LATENCY_MS ALL: N unique URLs over 10 loopback hosts; ALL=0 runs only verity and the
# fastest peer (linkinator).
links() {
  local n=$1 latency=$2 all=$3
  echo "== links: $n unique URLs over 10 loopback hosts, $latency ms latency"
  rm -rf "$work/site" "$work/urls.txt" "$work/urls.txt.stop"
  build/tests/verity_link_bench --serve "$n" 10 "$latency" 1800 "$work/urls.txt" >/dev/null &
  for _ in $(seq 100); do [[ -f $work/urls.txt ]] && break; sleep 0.1; done
  python3 - "$work" <<'PY'
import pathlib, sys
work = pathlib.Path(sys.argv[1])
urls = (work / "urls.txt").read_text().split()
site = work / "site"
(site / "docs").mkdir(parents=True)
(site / "verity.yaml").write_text(
    'version: 1\ncollections:\n  pages:\n    paths: ["docs/*.md"]\n'
    'links:\n  cache: false\n  interval_ms: 0\n  per_host: 8\n  concurrency: 80\n')
for d in range(0, len(urls), 10):
    chunk = urls[d:d + 10]
    fm = "".join(f'  - "{u}"\n' for u in chunk)
    body = "".join(f"- [link {i}]({u})\n" for i, u in enumerate(chunk))
    (site / "docs" / f"p{d // 10}.md").write_text(f"---\ntitle: page {d}\nlinks:\n{fm}---\n\n{body}")
(work / "links.html").write_text(
    "<!DOCTYPE html><html><body>" + "".join(f'<a href="{u}">{u}</a>\n' for u in urls) +
    "</body></html>")
(work / "linkcheckerrc").write_text(
    "[checking]\nthreads=80\nmaxrequestspersecond=10000\nrobotstxt=0\n[filtering]\ncheckextern=1\n")
PY
  measure "verity (80 at once)" "$verity" check --online --allow-address 127.0.0.1 --no-progress \
    --trusted-config "$work/site/verity.yaml" "$work/site"
  measure "linkinator (80 at once)" env -C "$work/site" "$bin/linkinator" "docs/*.md" --markdown \
    --concurrency 80
  if [[ $all == 1 ]]; then
    chmod -R a+rX "$work" # LinkChecker run as root drops to `nobody` before reading its input
    measure "LinkChecker (80 threads)" linkchecker -f "$work/linkcheckerrc" --no-status -o none \
      "$work/links.html"
    measure "markdown-link-check (own)" "$bin/markdown-link-check" -q "$work/site/docs"
  fi
  touch "$work/urls.txt.stop"
  sleep 0.3
}

links "$urls" 50 1          # latency-bound: every tool near the bound is as fast as the bound
links $((urls * 10)) 5 0    # client-bound: what each tool itself costs per link

echo "== schema: $docs documents, one JSON Schema (draft-07)"
python3 - "$work" "$docs" <<'PY'
import json, pathlib, random, sys
work, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
site = work / "schema-site"
(site / "docs").mkdir(parents=True)
schema = {
  "$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
  "required": ["title", "publishedDateTime", "webUrl", "tags", "provider"],
  "properties": {
    "title": {"type": "string", "minLength": 1},
    "publishedDateTime": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}T"},
    "webUrl": {"type": "string", "pattern": "^https?://"},
    "quality": {"type": "integer", "minimum": 0, "maximum": 100},
    "tags": {"type": "array", "items": {"type": "string"}},
    "provider": {"type": "object", "required": ["name"],
                 "properties": {"name": {"type": "string"}, "domain": {"type": "string"}}},
    "images": {"type": "array", "items": {"type": "object", "required": ["url"],
               "properties": {"url": {"type": "string"}, "width": {"type": "integer"},
                              "height": {"type": "integer"}}}}}}
(site / "schema.json").write_text(json.dumps(schema, indent=2))
(site / "verity.yaml").write_text(
    'version: 1\ncollections:\n  news:\n    paths: ["docs/*.md"]\n    schema: schema.json\n')
(site / ".remarkrc.json").write_text(json.dumps({"plugins": ["remark-frontmatter", [
    "remark-lint-frontmatter-schema", {"schemas": {"./schema.json": ["docs/*.md"]}}]]}))
random.seed(7)
for i in range(n):
    quality = '"82"' if i % 50 == 0 else str(random.randint(0, 100))  # 2% wrong type
    (site / "docs" / f"n{i}.md").write_text(
        f"---\ntitle: Article {i}\npublishedDateTime: 2024-03-{i % 28 + 1:02d}T10:00:00Z\n"
        f"webUrl: https://news.example.org/{i}\nquality: {quality}\ntags: [power-apps, news]\n"
        f"provider:\n  name: Example News\n  domain: example.org\nimages:\n"
        f"  - url: https://img.example.org/{i}.png\n    width: 640\n    height: 480\n---\n\n"
        f"Body of article {i}.\n")
PY
cd "$work/schema-site"
measure "verity" "$verity" check --format json --output "$work/verity-schema.json" .
measure "remark-lint-frontmatter-schema" "$bin/remark" docs --quiet --no-stdout --frail
echo "verity findings: $(python3 -c "import json;print(json.load(open('$work/verity-schema.json'))['summary']['errors'])")," \
  "remark warnings: $(grep -c 'frontmatter-schema' "$work/remark-lint-frontmatter-schema.out" || true)"
