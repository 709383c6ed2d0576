#!/usr/bin/env python3
"""The harness reads HTMLProofer 3.19's output right: tool-free, on text captured from it."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import htmlproofer  # noqa: E402  (the harness beside this file)

# Shape of a real 3.19.2 run: a Ruby warning, the failures on stderr, each printed twice, with
# the element's HTML on the line below.
CAPTURED = """\
/usr/lib/ruby/vendor_ruby/typhoeus.rb:2: warning: something deprecated
Running ["LinkCheck", "ImageCheck", "ScriptCheck"] on ["_site"] on *.html...
- _site/index.html
  *  internally linking to /about, which does not exist (line 6)
     <a href="/about">no extension</a>
  *  linking to internal hash # that does not exist (line 19)
     <a href="#">hash</a>
  *  linking to internal hash #nope that does not exist (line 8)
  *  image /assets/img/a.png does not have an alt attribute (line 15)
  *  mailto: contains no email address (line 19)
- _site/docs/guide/index.html
  *  internal image ../assets/img/a.png does not exist (line 1)
- _site/index.html
  *  internally linking to /about, which does not exist (line 6)
  *  x y is an invalid URL (line 3)
  *  internal script /js/gone.js does not exist (line 4)
HTML-Proofer found 9 failures!
"""


class ParseProofer(unittest.TestCase):
    def test_every_kind_once_and_duplicates_dropped(self):
        got = htmlproofer.parse_proofer(CAPTURED)
        self.assertEqual(got, {
            ("_site/index.html", "/about", "missing-page"),
            ("_site/index.html", "#", "hash-href"),
            ("_site/index.html", "#nope", "missing-hash"),
            ("_site/index.html", "/assets/img/a.png", "alt"),
            ("_site/index.html", "mailto:", "mailto"),
            ("_site/docs/guide/index.html", "../assets/img/a.png", "missing-image"),
            ("_site/index.html", "x y", "invalid-url"),
            ("_site/index.html", "/js/gone.js", "script"),
        })

    def test_unknown_message_is_an_error_not_a_guess(self):
        with self.assertRaises(htmlproofer.OracleError):
            htmlproofer.parse_proofer("- _site/a.html\n  *  something new happened (line 1)\n")

    def test_failure_without_file_is_an_error(self):
        with self.assertRaises(htmlproofer.OracleError):
            htmlproofer.parse_proofer("  *  mailto: contains no email address (line 1)\n")

    def test_lines_that_only_look_alike_are_ignored(self):
        self.assertEqual(htmlproofer.parse_proofer("-no space\n * one space (line 1)\n"), set())


class BuildError(unittest.TestCase):
    def test_liquid_exception_names_file_and_document(self):
        stderr = ("\x1b[31m  Liquid Exception: Could not find document 'missing.md' in tag 'link'."
                  " Make sure the document exists and the path is correct. in index.md\x1b[0m\n")
        self.assertEqual(htmlproofer.build_error(stderr),
                         [{"source": "index.md", "target": "missing.md", "kind": "build-error"}])

    def test_other_failures_are_errors(self):
        with self.assertRaises(htmlproofer.OracleError):
            htmlproofer.build_error("Dependency Error: jemoji\n")


class Render(unittest.TestCase):
    def test_sorted_and_unique(self):
        entries = [{"source": "b.md", "target": "/x", "kind": "missing-page"},
                   {"source": "a.md", "target": "/y", "kind": "alt"},
                   {"source": "b.md", "target": "/x", "kind": "missing-page"}]
        self.assertEqual(htmlproofer.render(entries),
                         '[\n  {"source": "a.md", "target": "/y", "kind": "alt"},\n'
                         '  {"source": "b.md", "target": "/x", "kind": "missing-page"}\n]\n')

    def test_empty(self):
        self.assertEqual(htmlproofer.render([]), "[]\n")


if __name__ == "__main__":
    unittest.main()
