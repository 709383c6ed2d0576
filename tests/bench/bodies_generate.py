#!/usr/bin/env python3
"""Writes a synthetic Jekyll site of N pages with realistic bodies for timing body-link checks:
each page has headings, 20 links (other pages, their headings, posts, static files, a few broken
ones) and 5 images (a few missing or without alt), over pages in folders, posts and a collection,
all rendered with one layout and its navigation include (a skip link relative to the page, checked
on every page). --defects R: the share of links and images that are broken (default 0.08, a
defect-heavy site: 5% missing pages, 3% missing anchors, 4% missing images, 4% empty alts; 0.01
is closer to a maintained site). Deterministic for a given N, R and seed.
Usage: bodies_generate.py SITE N [--defects R] [--seed S]"""

import argparse
import os
import random
import struct
import zlib

WORDS = ("site build page link image anchor header jekyll garden river stone cloud paper lamp "
         "window orbit signal harbor meadow copper").split()


def png(width, height):
    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    raw = b"".join(b"\0" + b"\0\0\0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


class Site:
    """Which pages exist, where Jekyll serves them, and the ids their headings get."""

    def __init__(self, n, rnd, defects):
        self.rnd = rnd
        # Of the broken links, 5 in 8 reach no page and 3 in 8 no anchor (the old fixed 5% + 3%).
        self.broken_link, self.bad_anchor = defects * 5 / 8, defects * 3 / 8
        self.missing_image, self.empty_alt = defects / 2, defects / 2
        self.defects = {"broken link": 0, "bad anchor": 0, "missing image": 0, "empty alt": 0}
        self.pages = []  # (source, url, heading ids)
        for i in range(n):
            kind = i % 10
            if kind < 6:
                source, url = f"section{i % 20}/page{i}.md", f"/section{i % 20}/page{i}.html"
            elif kind < 9:
                day = 1 + i % 28
                source = f"_posts/2023-01-{day:02d}-post{i}.md"
                url = f"/2023/01/{day:02d}/post{i}.html"
            else:
                source, url = f"_guides/guide{i}.md", f"/guides/guide{i}/"
            headings = [f"part-{j}-{rnd.choice(WORDS)}" for j in range(4)]
            self.pages.append((source, url, headings))

    def sentence(self):
        return " ".join(self.rnd.choice(WORDS) for _ in range(self.rnd.randint(6, 14)))

    def link(self, own_headings):
        roll = self.rnd.random()
        if roll < self.broken_link:
            self.defects["broken link"] += 1
            return f"[broken](/missing/{self.rnd.randint(0, 999)}.html)"
        if roll < self.broken_link + self.bad_anchor:
            self.defects["bad anchor"] += 1
            return f"[bad anchor](#nowhere-{self.rnd.randint(0, 99)})"
        if roll < 0.20:
            return f"[here](#{self.rnd.choice(own_headings)})"
        if roll < 0.30:
            return f"[pdf](/assets/files/doc{self.rnd.randint(0, 9)}.pdf)"
        if roll < 0.35:
            return "[external](https://example.com/x)"
        _, url, headings = self.rnd.choice(self.pages)
        if roll < 0.60:
            return f"[there]({url}#{self.rnd.choice(headings)})"
        return f"[{self.rnd.choice(WORDS)}]({url})"

    def image(self):
        roll = self.rnd.random()
        name = f"/assets/img/i{self.rnd.randint(0, 19)}.png"
        if roll < self.missing_image:
            self.defects["missing image"] += 1
            return f"![gone](/assets/img/missing{self.rnd.randint(0, 99)}.png)"
        if roll < self.missing_image + self.empty_alt:
            self.defects["empty alt"] += 1
            return f"![]({name})"
        if roll < 0.30:
            return f'<img src="{name}" alt="sized" width="4" height="3">'
        return f"![{self.rnd.choice(WORDS)}]({name})"

    def body(self, headings):
        links = [self.link(headings) for _ in range(20)]
        images = [self.image() for _ in range(5)]
        out = []
        for j, heading in enumerate(headings):
            words = heading.split("-", 2)[2]
            out.append(f"## Part {j} {words}\n")
            chunk = links[j * 5:(j + 1) * 5]
            out.append(f"{self.sentence()} {chunk[0]} {self.sentence()} {chunk[1]}.\n")
            out.append(f"- {chunk[2]}\n- {self.sentence()} {chunk[3]}\n")
            out.append(f"> {self.sentence()} {chunk[4]}\n")
            if j < len(images):
                out.append(f"{images[j]}\n")
        out.append(f"{images[-1]}\n")
        return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("n", type=int)
    parser.add_argument("--defects", type=float, default=0.08)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    site = Site(args.n, rnd, args.defects)
    write(args.site, "_config.yml", "title: Bench\nbaseurl: \"\"\ncollections:\n  guides:\n"
          "    output: true\n    permalink: /guides/:name/\n"
          "defaults:\n  - scope: {path: \"\"}\n    values: {layout: default}\n")
    write(args.site, "_layouts/default.html",
          "<!DOCTYPE html>\n<html>\n<head>\n<title>{{ page.title }}</title>\n"
          "<link rel=\"stylesheet\" href=\"{{ '/assets/main.css' | relative_url }}\">\n</head>\n"
          "<body>\n<a href=\"#main\">Skip to content</a>\n{% include nav.html %}\n"
          "<main id=\"main\">\n{{ content }}\n</main>\n</body>\n</html>\n")
    write(args.site, "_includes/nav.html",
          "<nav><a href=\"{{ '/' | relative_url }}\">Home</a> "
          "<a href=\"{{ '/guides/' | relative_url }}\">Guides</a></nav>\n")
    write(args.site, "assets/main.css", "body { margin: 0 }\n")
    write(args.site, "guides.md", "---\ntitle: Guides\npermalink: /guides/\n---\nAll guides.\n")
    image = png(4, 3)
    os.makedirs(os.path.join(args.site, "assets/img"), exist_ok=True)
    for i in range(20):
        with open(os.path.join(args.site, f"assets/img/i{i}.png"), "wb") as handle:
            handle.write(image)
    for i in range(10):
        write(args.site, f"assets/files/doc{i}.pdf", "%PDF-1.4\n")
    for source, _, headings in site.pages:
        front = f"---\ntitle: {site.sentence()[:40]}\n---\n"
        write(args.site, source, front + site.body(headings))
    write(args.site, "index.md", "---\ntitle: Home\n---\n" + "\n".join(
        f"- [{source}]({url})" for source, url, _ in site.pages[:50]) + "\n")
    print(", ".join(f"{count} {what}" for what, count in site.defects.items()), "written")


if __name__ == "__main__":
    main()
