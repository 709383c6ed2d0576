#!/usr/bin/env python3
"""HTMLProofer 3.19 as ground truth for verity's body checks (site-model.md §7).

Builds SITE with Debian's jekyll into a temporary folder outside the fixture, runs
`htmlproofer --disable-external` on it, and prints its verdict normalized: a sorted, de-duplicated
list of {source, target, kind}, where source is the fixture file the failing HTML page was built
from (mapped through `verity site --format json`), target the URL or fragment as HTMLProofer names
it, and kind one of missing-page, missing-hash, missing-image, alt, hash-href, invalid-url, mailto,
script; a build that Jekyll aborts gives one build-error entry instead (case 12).

    htmlproofer.py --verity BIN SITE                  print the verdict
    htmlproofer.py --verity BIN SITE --expect FILE    exit 0 if it equals FILE, else 1 with a diff

Exit 77 (CTest's skip) only when jekyll or htmlproofer is missing and CI is unset: in CI a missing
tool is a failure, so the oracle can never silently stop running.
"""

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
FILE_LINE = re.compile(r"^- (.+)$")
FAILURE_LINE = re.compile(r"^  \*  (.+?) \(line (\d+)\)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# HTMLProofer 3.19's messages (check/links.rb, images.rb, scripts.rb), each to a kind and the
# group that holds the target. Order matters only where patterns overlap (none do today).
MESSAGES = [
    (re.compile(r"^internally linking to (.*), which does not exist$"), "missing-page"),
    (re.compile(r"^linking to internal hash #(.*) that does not exist$"), "missing-hash"),
    (re.compile(r"^internal image (.*) does not exist$"), "missing-image"),
    (re.compile(r"^image (.*) does not have an alt attribute$"), "alt"),
    (re.compile(r"^image has no src or srcset attribute()$"), "missing-image"),
    (re.compile(r"^internal script (.*) does not exist$"), "script"),
    (re.compile(r"^(.*) is an invalid URL$"), "invalid-url"),
    (re.compile(r"^(mailto:) contains no email address$"), "mailto"),
]


class OracleError(Exception):
    """Something the oracle cannot interpret: the test must fail, not guess."""


def classify(message):
    for pattern, kind in MESSAGES:
        match = pattern.match(message)
        if not match:
            continue
        target = match.group(1)
        if kind == "missing-hash":
            # `href="#"` is its own failure in 3.x (allow_hash_href: false), not a missing id.
            return ("hash-href", "#") if target == "" else (kind, "#" + target)
        return kind, target
    raise OracleError(f"unknown HTMLProofer message: {message!r}")


def parse_proofer(text):
    """(html file, target, kind) for every failure line, de-duplicated (3.19 repeats them)."""
    failures = set()
    current = None
    for line in text.splitlines():
        file_match = FILE_LINE.match(line)
        if file_match:
            current = file_match.group(1)
            continue
        failure = FAILURE_LINE.match(line)
        if failure:
            if current is None:
                raise OracleError(f"failure before any file: {line!r}")
            kind, target = classify(failure.group(1))
            failures.add((current, target, kind))
    return failures


def output_to_source(verity, site):
    """Maps each output path (relative to _site) to its source file, from `verity site`."""
    run = subprocess.run([verity, "site", "--format", "json", site], capture_output=True,
                         text=True, check=False)
    if run.returncode != 0:
        raise OracleError(f"verity site failed ({run.returncode}): {run.stderr.strip()}")
    table = {}
    for item in json.loads(run.stdout)["items"]:
        if item.get("output"):
            table[item["output"]] = item["source"]
    return table


def build_error(stderr):
    """Jekyll's abort as one entry: the file and the name it could not find."""
    clean = ANSI.sub("", stderr)
    match = re.search(r"Liquid Exception: (.*?) in (\S+)\s*$", clean, re.MULTILINE)
    if not match:
        raise OracleError(f"jekyll failed without a Liquid Exception:\n{clean}")
    message, source = match.groups()
    name = re.search(r"(?:document|post) ['\"]([^'\"]+)['\"]", message)
    return [{"source": source, "target": name.group(1) if name else message,
             "kind": "build-error"}]


def verdict(verity, site):
    with tempfile.TemporaryDirectory(prefix="verity-oracle-") as tmp:
        out = os.path.join(tmp, "_site")
        build = subprocess.run(["jekyll", "build", "-q", "--disable-disk-cache", "-s", site,
                                "-d", out], capture_output=True, text=True, check=False)
        if build.returncode != 0:
            return build_error(build.stderr + build.stdout)
        proof = subprocess.run(["htmlproofer", "--disable-external", out], capture_output=True,
                               text=True, check=False)
        if proof.returncode not in (0, 1):
            raise OracleError(f"htmlproofer exited {proof.returncode}:\n{proof.stderr}")
        # 3.19 prints the failures on stderr; read both so a version that moves them still parses.
        failures = parse_proofer(proof.stdout + "\n" + proof.stderr)
        if proof.returncode == 1 and not failures:
            raise OracleError(f"htmlproofer failed but no failure was parsed:\n{proof.stderr}")
        table = output_to_source(verity, site)
        result = []
        for html, target, kind in failures:
            relative = os.path.relpath(html, out).replace(os.sep, "/")
            if relative not in table:
                raise OracleError(f"no source for output {relative!r}")
            result.append({"source": table[relative], "target": target, "kind": kind})
        return result


def render(entries):
    """Sorted, one entry a line: stable for diffs and for `expected-htmlproofer.json`."""
    unique = {(e["source"], e["target"], e["kind"]) for e in entries}
    lines = [json.dumps({"source": s, "target": t, "kind": k}, ensure_ascii=False)
             for s, t, k in sorted(unique)]
    return "[\n" + ",\n".join("  " + line for line in lines) + "\n]\n" if lines else "[]\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verity", required=True, help="path of the verity binary")
    parser.add_argument("--expect", help="expected-htmlproofer.json to compare with")
    parser.add_argument("site")
    args = parser.parse_args()

    missing = [tool for tool in ("jekyll", "htmlproofer") if shutil.which(tool) is None]
    if missing:
        print(f"missing tool(s): {', '.join(missing)}", file=sys.stderr)
        return 1 if os.environ.get("CI") else SKIP

    try:
        text = render(verdict(args.verity, os.path.abspath(args.site)))
    except OracleError as error:
        print(f"oracle error: {error}", file=sys.stderr)
        return 1
    if not args.expect:
        sys.stdout.write(text)
        return 0
    with open(args.expect, encoding="utf-8") as handle:
        expected_entries = json.load(handle)
    if expected_entries == json.loads(text):
        print(f"{args.site}: HTMLProofer's verdict matches {args.expect}")
        return 0
    # Diff the rendered forms, so the report shows the entries that differ, not the layout.
    expected = render(expected_entries)
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                               args.expect, "htmlproofer now"))
    return 1


if __name__ == "__main__":
    sys.exit(main())
