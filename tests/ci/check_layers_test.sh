#!/usr/bin/env bash
# ci/check-layers against a made-up tree: it must pass a tree whose includes go down the table,
# and fail, naming file:line, on an upward include, on a folder missing from the table and on a
# table row that uses a later row. Usage: check_layers_test.sh REPO_ROOT
set -euo pipefail
checker="$1/ci/check-layers"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/util" "$work/src/net" "$work/src/cli" "$work/include/verity"
table() {
  cat > "$work/ARCHITECTURE.md" <<MD
# x
## Layers as they are
| folder | includes from | what it is |
|---|---|---|
| \`util/\` | — | u |
| \`net/\` | $1 | n |
| \`cli/\` | everything above | c |
## Next
MD
}
table util
echo '#include "util/a.hpp"' > "$work/src/net/fetch.cpp"
echo '#include "net/fetch.hpp"' > "$work/src/cli/cli.cpp"
echo '#include <string>' > "$work/src/util/a.hpp"
echo '#include "cli/cli.hpp"' > "$work/src/main.cpp"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Positive control: a tree that keeps the table passes.
"$checker" "$work" > "$work/out" 2>&1 || { cat "$work/out"; fail "a clean tree was refused"; }

# An upward include is refused with its file and line.
printf '#include <string>\n#include "net/fetch.hpp"\n' > "$work/src/util/a.hpp"
if "$checker" "$work" > "$work/out" 2>&1; then fail "util -> net was accepted"; fi
grep -q '^src/util/a.hpp:2: util/ includes from net/' "$work/out" || { cat "$work/out"; fail "no file:line"; }
echo '#include <string>' > "$work/src/util/a.hpp"

# main.cpp may include only cli/.
echo '#include "net/fetch.hpp"' > "$work/src/main.cpp"
if "$checker" "$work" > "$work/out" 2>&1; then fail "main.cpp -> net was accepted"; fi
echo '#include "cli/cli.hpp"' > "$work/src/main.cpp"

# A folder that is not in the table is refused.
mkdir -p "$work/src/extra" && echo '' > "$work/src/extra/x.cpp"
if "$checker" "$work" > "$work/out" 2>&1; then fail "a folder missing from the table was accepted"; fi
grep -q 'src/extra/ is not in' "$work/out" || { cat "$work/out"; fail "missing folder not named"; }
rm -r "$work/src/extra"

# A public header may not include src/.
echo '#include "util/a.hpp"' > "$work/include/verity/p.hpp"
if "$checker" "$work" > "$work/out" 2>&1; then fail "include/ -> src/ was accepted"; fi
rm "$work/include/verity/p.hpp"

# A row that uses a later row is refused (the table must have no cycle).
table "util, cli"
if "$checker" "$work" > "$work/out" 2>&1; then fail "a row using a later row was accepted"; fi
grep -q "uses 'cli', which is not on an earlier row" "$work/out" || { cat "$work/out"; fail "cycle not named"; }
echo "check_layers_test: 6 cases passed"
