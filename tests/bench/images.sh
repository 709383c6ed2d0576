#!/usr/bin/env bash
# Local image probing: median time per file over the generated image set, and, when npm can
# install it, probe-image-size on the same files for comparison (installed in a temporary
# directory, never by the tests). Usage: tests/bench/images.sh (after ci/build).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/verity-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
bash tests/images/make-image-set.sh "$work/images" >/dev/null
build/tests/verity_image_bench "$work/images" 300 | tail -1
build/tests/verity_remote_image_bench "$work/images"
build/tests/verity_remote_image_bench "$work/images" --no-range
if command -v npm >/dev/null && (cd "$work" && npm install --silent --no-audit --no-fund probe-image-size@7 >/dev/null 2>&1); then
  cat > "$work/peer.js" <<'JS'
const probe = require('probe-image-size');
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const medians = [];
for (const f of fs.readdirSync(dir)) {
  if (/\.(tsv|txt|ppm)$/.test(f)) continue;
  const times = [];
  for (let i = 0; i < 100; i++) {
    const t = process.hrtime.bigint();
    const fd = fs.openSync(path.join(dir, f), 'r');
    const buf = Buffer.alloc(65536);
    const n = fs.readSync(fd, buf, 0, 65536, 0);
    fs.closeSync(fd);
    probe.sync(buf.subarray(0, n));
    times.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  times.sort((a, b) => a - b);
  medians.push(times[times.length >> 1]);
}
medians.sort((a, b) => a - b);
console.log(`probe-image-size (sync on one 64 KiB read): median of per-file medians ${medians[medians.length >> 1].toFixed(2)} us over ${medians.length} files`);
JS
  (cd "$work" && node peer.js "$work/images")
  # Remote: probe-image-size on a stream of each file served over loopback (it reads until it has
  # the size, then the request is dropped), bytes counted as they arrive, as verity counts them.
  cat > "$work/peer-remote.js" <<'JS'
const probe = require('probe-image-size');
const http = require('http');
const fs = require('fs');
const path = require('path');
const { PassThrough } = require('stream');
const dir = process.argv[2];
const files = fs.readdirSync(dir).filter(f => !/\.(tsv|txt|ppm)$/.test(f));
const server = http.createServer((req, res) => {
  const data = fs.readFileSync(path.join(dir, decodeURIComponent(req.url.slice(1))));
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
  let off = 0;
  const pump = () => {
    while (off < data.length) {
      const more = res.write(data.subarray(off, off + 4096));
      off += 4096;
      if (!more) return res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const bytes = [];
  let sized = 0;
  for (const f of files) {
    bytes.push(await new Promise(resolve => {
      const req = http.get(`http://127.0.0.1:${port}/${encodeURIComponent(f)}`, res => {
        let n = 0;
        const s = new PassThrough();
        res.on('data', c => { n += c.length; });
        res.pipe(s);
        probe(s).then(() => { sized++; req.destroy(); resolve(n); })
                .catch(() => { req.destroy(); resolve(n); });
      });
      req.on('error', () => {});
    }));
  }
  bytes.sort((a, b) => a - b);
  const total = bytes.reduce((a, b) => a + b, 0);
  console.log(`probe-image-size (stream over loopback): ${sized}/${files.length} images sized; bytes per image: median ${bytes[bytes.length >> 1]}, max ${bytes[bytes.length - 1]}, total ${total}`);
  server.close();
});
JS
  (cd "$work" && node peer-remote.js "$work/images")
else
  echo "probe-image-size: npm install failed or npm absent: comparison skipped"
fi
