#!/usr/bin/env python3
"""Runs the final stage of ci/Dockerfile without a container engine: reads the stage's
instructions from the Dockerfile itself and prints a shell script that replays them in a fresh
Debian 12 root made by mmdebstrap (given as $1): COPY --from=build of the package (taken from
the .deb ci/build-deb made, argv[1]), each RUN with the stage's ENV, then the image's ENTRYPOINT
and CMD as its USER in its WORKDIR on the example site copied there (argv[2]).
Only the instructions that stage uses are understood; any other one is an error, so the
Dockerfile cannot grow a step this replay silently skips."""
import json
import shlex
import sys

deb, site = sys.argv[1], sys.argv[2]
lines, logical = [], ""
for raw in open("ci/Dockerfile", encoding="utf-8").read().splitlines():
    if not logical and (not raw.strip() or raw.lstrip().startswith("#")):
        continue
    if raw.endswith("\\"):
        logical += raw[:-1] + " "
        continue
    lines.append((logical + raw).strip())
    logical = ""
stages = []
for line in lines:
    keyword, _, args = line.partition(" ")
    if keyword.upper() == "FROM":
        stages.append({"from": args, "steps": []})
    elif stages:
        stages[-1]["steps"].append((keyword.upper(), args.strip()))
final = stages[-1]
if final["from"] != "debian:12-slim":
    sys.exit(f"ci/container: the final stage is FROM {final['from']}, not debian:12-slim")

out = ["set -eu", 'root="$1"']
env, user, workdir, entry, cmd = {}, "root", "/", None, []
for keyword, args in final["steps"]:
    if keyword == "COPY":
        words = shlex.split(args)
        if words[0] != "--from=build" or len(words) != 3:
            sys.exit(f"ci/container: cannot replay COPY {args}")
        out.append(f'cp {shlex.quote(deb)} "$root"{shlex.quote(words[2])}')
    elif keyword == "RUN":
        prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        script = (f"export {prefix}; " if prefix else "") + f"cd {shlex.quote(workdir)} && {args}"
        out.append(f'chroot "$root" sh -ec {shlex.quote(script)}')
    elif keyword == "ENV":
        name, _, value = args.partition("=")
        env[name] = value
    elif keyword == "USER":
        user = args
    elif keyword == "WORKDIR":
        workdir = args
    elif keyword == "ENTRYPOINT":
        entry = json.loads(args)
    elif keyword == "CMD":
        cmd = json.loads(args)
    else:
        sys.exit(f"ci/container: cannot replay {keyword} {args}")
if entry is None or user in ("root", "0"):
    sys.exit("ci/container: the final stage needs an ENTRYPOINT and a USER other than root")
# The site, read-only for the image's user, as `docker run -v "$PWD:/site:ro"` would give it.
out.append(f'cp -r {shlex.quote(site)}/. "$root"{shlex.quote(workdir)}/')
out.append(f'chmod -R a+rX,go-w "$root"{shlex.quote(workdir)}')
home = f"/home/{user}"
out.append("echo '=== the image runs ==='")
run = " ".join(shlex.quote(w) for w in entry + cmd)
out.append(f'chroot --userspec={shlex.quote(user)}:{shlex.quote(user)} "$root" '
           f'env -i HOME={home} PATH=/usr/local/bin:/usr/bin:/bin '
           f'sh -c {shlex.quote(f"cd {workdir} && id -u && {run}")}')
print("\n".join(out))
