// The kramdown pre-pass: turns a Jekyll Markdown body into text md4c parses as kramdown-GFM
// would, WITHOUT moving a byte, so every offset md4c hands back is the file's own (design note
// site-model.md §4.1, §6). What it masks it replaces by a run of the same length:
//  - Liquid: `{{ … }}` and `{% … %}` become filler without spaces (a destination stays one
//    destination; the reference's raw text is read back from the file); `{% comment %}` and
//    `{% highlight %}` blocks become blank (no links in a comment or in code);
//  - kramdown block HTML: a block-level tag at a line start runs to its matching close tag, even
//    across blank lines; it is blanked for md4c and handed to the HTML scanner whole, except the
//    content of `markdown="1"` (Markdown, whose headers get kramdown's other ids);
//  - IAL and ALD lines `{: …}` and header ids ` {#id}` (an Explicit anchor);
//  - span IALs `![a](x.png){: width="4"}` right after a span element, blanked (kramdown drops
//    them from the text) and kept as regions the scanner applies to the element before;
//  - footnote definitions' labels `[^n]:` (not link reference definitions), giving fn:/fnref: ids;
//  - spaces inside a destination with no title (`[a](my file.html)`, which kramdown takes);
//  - doubled parentheses `[t]((https://x))`, a malformed destination, reported and not followed;
//  - NUL bytes, as k_nul_stand_in (md4c's NUL handling copies text kramdown reads in place).
#pragma once

#include "body/body_scan.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace verity::body {

// What a NUL byte of the body is in `text`: SUB, a control character md4c and kramdown treat as
// NUL is treated everywhere but in md4c's text callbacks (no mark, no copy of a destination).
inline constexpr char k_nul_stand_in = '\x1A';

struct Region {
  std::size_t begin = 0, end = 0; // body offsets, [begin, end)
};

// A span IAL `{: …}` blanked in the text, [begin, end) with its braces. `after_markup`: its chain
// follows the end of an emphasis, a code span or an HTML tag or autolink (`*`, `_`, `` ` ``, `>`),
// an element kramdown gives it to; after `)` or `]` it is a link's or image's when the scanner
// finds one ending there, and text otherwise (`(see){: #x}` stays text in kramdown).
struct SpanIal {
  std::size_t begin = 0, end = 0;
  bool after_markup = false;
};

struct Prepass {
  std::string text;                  // the body, same length, masked for md4c
  std::vector<Region> html_blocks;   // kramdown block HTML blanked in `text` (whole, tags too)
  std::vector<Region> markdown_html; // content of markdown="1" blocks (headers: kramdown ids)
  std::vector<Region> liquid;        // Liquid masked in `text` (sorted)
  std::vector<SpanIal> span_ials;    // sorted
  std::vector<Anchor> anchors;       // explicit {#id}, IAL #id, footnote ids (body offsets)
  std::vector<std::size_t> explicit_header_lines; // line starts of headers with a {#id}
  std::vector<MalformedLink> malformed;
  std::vector<LiquidError> liquid_errors; // body offsets; positions filled by the scanner
};

Prepass kramdown_prepass(std::string_view body);

} // namespace verity::body
