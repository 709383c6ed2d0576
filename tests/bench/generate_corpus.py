#!/usr/bin/env python3
"""Writes a synthetic Jekyll site of N documents shaped like the Smartable collections
(news, learning videos, samples, people, organizations with local logo images), for
benchmarking `verity check`. Deterministic for a given N and seed."""
import os
import random
import struct
import sys
import zlib


def png(w, h):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + b"\0\0\0" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    root, n = sys.argv[1], int(sys.argv[2])
    with_secured = "--no-secured" not in sys.argv[3:]
    rnd = random.Random(42)
    os.makedirs(os.path.join(root, "assets/images/organizations"), exist_ok=True)
    with open(os.path.join(root, "_config.yml"), "w") as f:
        # Three collections declared, as a real Smartable site does, so that the bench pays for
        # the site model: Jekyll's view (URL, defaults) of 60% of the documents.
        f.write("url: https://bench.example\nbaseurl: \"/site\"\n"
                "collections:\n  news:\n    output: true\n    permalink: /news/:year/:month/:day/:title/\n"
                "  samples:\n    output: true\n  people:\n    output: true\n"
                "defaults:\n  - scope:\n      path: assets\n    values:\n      sitemap: false\n")
    orgs = [f"org{i}.example" for i in range(50)]
    for o in orgs:
        with open(os.path.join(root, f"assets/images/organizations/{o}-50x50.png"), "wb") as f:
            f.write(png(50, 50))
    kinds = ["_news", "_learning/videos", "_samples", "_people", "_data/organizations"]
    only = [a.split("=", 1)[1] for a in sys.argv[3:] if a.startswith("--only=")]
    if only:  # one collection of N documents (tests/bench/infer.sh)
        kinds = only
    for k in kinds:
        os.makedirs(os.path.join(root, k), exist_ok=True)
    blob = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(384))
    for i in range(n):
        kind = kinds[i % len(kinds)]
        org = orgs[i % len(orgs)]
        day = 1 + i % 28
        date = f"2020-0{1 + i % 9}-{day:02d}"
        logo = f"  images:\n    - url: \"https://bench.example/site/assets/images/organizations/{org}-50x50.png\"\n      width: 50\n      height: 50\n"
        common = (f"provider:\n  name: \"Org {org}\"\n  domain: {org}\n{logo}\n"
                  f"topics:\n  - Power Apps\n  - AI\n\n"
                  f"images:\n  - url: \"https://img.example/{i}.jpg\"\n    width: 1280\n    height: 720\n    isCached: true\n\n"
                  + (f"secured: \"{blob};SJHY1XvWGNOZY+LIh9PsSQ==\"\n" if with_secured else ""))
        if kind == "_news":
            name = f"{date}-item-{i}.md"
            body = (f"category: news\ntitle: \"News item {i}\"\nexcerpt: \"An excerpt of news item {i} with some words.\"\n"
                    f"publishedDateTime: {date}T12:00:00Z\nwebUrl: \"https://news.example/{i}/\"\ntype: article\n"
                    f"quality: {rnd.randint(1, 200)}\nheat: {rnd.randint(-1, 300)}\npublished: true\n\n" + common)
        elif kind == "_learning/videos":
            name = f"video-{i}.md"
            body = (f"title: \"Video {i}\"\nexcerpt: \"Learn thing {i}.\"\noriginalUrl: https://youtube.example/watch?v={i}\n"
                    f"type: video\nprice: Free\nlength: PT13M34S\npublishedDateTime: {date}T03:56:40Z\nheat: 51\n\n" + common)
        elif kind == "_samples":
            name = f"sample-{i}.md"
            body = (f"title: \"Sample {i}\"\nexcerpt: \"A sample.\"\noriginalUrl: https://samples.example/{i}\ntype: download\n"
                    f"publishedDateTime: {date}T14:13:00Z\nheat: 50\n\nactions:\n  - url: \"https://samples.example/{i}.zip\"\n"
                    f"    type: \"download\"\n    title: \"Download\"\n    attribution: \"Community\"\n\n" + common)
        elif kind == "_people":
            name = f"person-{i}.md"
            body = (f"name: \"Person {i}\"\nbio: \"Builds apps.\"\nlocation: Somewhere\ntype: \"profile\"\nheat: 106\n"
                    f"twitter:\n  username: p{i % 100000}\n  url: https://twitter.example/p{i}\n  followers: 6475\n"
                    f"topics:\n  - Power Apps\n")
        else:
            name = f"org-{i}.example.md"
            body = (f"taxonomy: organization\n_id: org-{i}.example\nname: Org {i}\ndomain: org-{i}.example\n"
                    f"images:\n  - url: /assets/images/organizations/{org}-50x50.png\n    width: 50\n    height: 50\n")
        with open(os.path.join(root, kind, name), "w") as f:
            f.write("---\n" + body + "---\n\nBody text of the document.\n")


if __name__ == "__main__":
    main()
