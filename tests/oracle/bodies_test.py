#!/usr/bin/env python3
"""Body-check ground truth for fixtures/bodies/<site> (see fixtures/bodies/README.md).

    bodies_test.py accounts SITE...            every HTMLProofer verdict in expected-htmlproofer.json
                                               is either a verity finding or a listed exception,
                                               and verity's extra findings are exactly the known
                                               ones; tool-free, runs today
    bodies_test.py verity --verity BIN SITE... `verity check --format json SITE` gives exactly
                                               expected-verity.json's findings (rule, file, line,
                                               column, target); registered DISABLED until verity
                                               has body checks
"""

import argparse
import json
import os
import subprocess
import sys

BODY_RULES = {"link/internal-missing", "link/fragment-missing", "link/missing-baseurl",
              "link/malformed", "image/missing", "image/alt-missing", "link/liquid-broken",
              "image/dimension-mismatch"}

# What verity must find that HTMLProofer 3.19 cannot, per site: (file, rule, target).
BEYOND_HTMLPROOFER = {
    # HTMLProofer never compares width/height with the image: a.png is 1x1, declared 10x10.
    "main": {("index.md", "link/internal-missing", "/about.html/"),
             ("index.md", "image/dimension-mismatch", "/assets/img/a.png")},
    "base": {("index.md", "link/missing-baseurl", "/about.html"),
             ("index.md", "link/missing-baseurl", "/2020/01/02/hello.html")},
    "broken": set(),
    "broken-post-url": set(),
    "broken-unpublished": set(),
    "templates": set(),
}


def load(site, name):
    with open(os.path.join(site, name), encoding="utf-8") as handle:
        return json.load(handle)


def reported_on(finding, source):
    """A finding in a layout or include stands for the same defect on every page built with it
    (its `pages`): HTMLProofer sees it there, verity at the template's own line."""
    return finding["file"] == source or source in finding.get("pages", [])


def names_same(verity_target, proofer_target):
    """HTMLProofer names a failing fragment by its hash alone (`#nope` of `/about.html#nope`)."""
    return verity_target == proofer_target or (
        proofer_target.startswith("#") and verity_target.endswith(proofer_target))


# The verity rule each HTMLProofer failure kind corresponds to (a fragment of a missing page is
# a missing page first; `build-error` is Jekyll's own stop).
KIND_RULES = {
    "alt": {"image/alt-missing"},
    "build-error": {"link/liquid-broken"},
    "hash-href": {"link/fragment-missing"},
    "mailto": {"link/malformed"},
    "script": {"link/internal-missing"},
    "missing-hash": {"link/fragment-missing", "link/internal-missing"},
    "missing-image": {"image/missing"},
    "missing-page": {"link/internal-missing", "link/missing-baseurl"},
}


def accounts(site):
    """Problems with the site's two expectations, as lines of text; none when they agree."""
    proofer = load(site, "expected-htmlproofer.json")
    expected = load(site, "expected-verity.json")
    findings, exceptions = expected["findings"], expected["exceptions"]
    problems = []
    for finding in findings:
        if finding["rule"] not in BODY_RULES:
            problems.append(f"unknown rule {finding['rule']}")
        if not (isinstance(finding["line"], int) and finding["line"] >= 1
                and isinstance(finding["column"], int) and finding["column"] >= 1):
            problems.append(f"bad position in {finding}")
    for finding in findings:
        for page in finding.get("pages", []):
            if not any(e["source"] == page and names_same(finding["target"], e["target"])
                       for e in proofer):
                problems.append(f"HTMLProofer does not report {finding['target']} on {page}")
    matched = set()
    for entry in proofer:
        hits = [i for i, f in enumerate(findings)
                if reported_on(f, entry["source"]) and names_same(f["target"], entry["target"])
                and f["rule"] in KIND_RULES[entry["kind"]]]
        excused = [e for e in exceptions
                   if e["file"] == entry["source"] and names_same(e["target"], entry["target"])]
        if hits and excused:
            problems.append(f"both a finding and an exception: {entry}")
        elif not hits and not excused:
            problems.append(f"HTMLProofer's {entry} is neither a finding nor an exception")
        matched.update(hits)
    for exception in exceptions:
        if not exception.get("why"):
            problems.append(f"exception without a reason: {exception}")
        if not any(e["source"] == exception["file"] and names_same(exception["target"], e["target"])
                   for e in proofer):
            problems.append(f"exception for something HTMLProofer does not report: {exception}")
    extra = {(f["file"], f["rule"], f["target"]) for i, f in enumerate(findings) if i not in matched}
    known = BEYOND_HTMLPROOFER[os.path.basename(os.path.normpath(site))]
    if extra != known:
        problems.append(f"findings beyond HTMLProofer {sorted(extra)} != known {sorted(known)}")
    return problems


def verity_findings(verity, site):
    run = subprocess.run([verity, "check", "--format", "json", site], capture_output=True,
                         text=True, check=False)
    if run.returncode not in (0, 1):
        raise SystemExit(f"verity check exited {run.returncode}: {run.stderr}")
    found = []
    for finding in json.loads(run.stdout)["findings"]:
        if finding["rule"] in BODY_RULES:
            # Every body finding names its destination in `url`.
            target = finding["url"]
            # A template's link relative to the page names the pages it fails on.
            pages = tuple(sorted(finding["pages"])) if "pages" in finding else None
            found.append((finding["rule"], finding["file"], finding["line"], finding["column"],
                          target, pages))
    return found


def compare_verity(verity, site):
    expected = load(site, "expected-verity.json")["findings"]
    found = verity_findings(verity, site)
    problems = []
    unmatched = list(found)
    for want in expected:
        key = (want["rule"], want["file"], want["line"], want["column"])
        hit = next((f for f in unmatched if f[:4] == key
                    and (f[4] == want["target"] or want["target"] in f[4])), None)
        if hit is None:
            problems.append(f"missing: {want}")
            continue
        unmatched.remove(hit)
        if hit[5] is not None and hit[5] != tuple(sorted(want.get("pages", []))):
            problems.append(f"pages {list(hit[5])} != expected {want.get('pages')} for {want}")
    problems.extend(f"unexpected: {f}" for f in unmatched)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("accounts", "verity"))
    parser.add_argument("--verity", help="path of the verity binary (mode verity)")
    parser.add_argument("sites", nargs="+")
    args = parser.parse_args()
    if args.mode == "verity" and not args.verity:
        parser.error("mode verity needs --verity")
    failed = 0
    for site in args.sites:
        problems = accounts(site) if args.mode == "accounts" else compare_verity(args.verity, site)
        for problem in problems:
            print(f"{site}: {problem}")
        print(f"{site}: {'FAIL' if problems else 'ok'} ({args.mode})")
        failed += bool(problems)
    print(f"{len(args.sites) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
