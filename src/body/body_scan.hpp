// BodyScan: what one document's body cites and defines, as data. The Markdown scanner (md4c
// behind a kramdown pre-pass) and the HTML scanner (gumbo) both fill it; the engine resolves its
// references against the site's URL table and its anchors answer other pages' #fragments.
// Every offset is a byte offset into the whole file (Document::bytes), never into a copy.
#pragma once

#include "body/line_index.hpp"
#include "body/spliced_text.hpp"
#include "refs/reference.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verity::body {

// An id the built page will carry, so a #fragment can land on it.
struct Anchor {
  enum class Kind {
    Heading,  // a header's automatic id (kramdown-GFM's algorithm, or kramdown's own in HTML)
    Explicit, // `## Text {#id}`, a `{: #id}` IAL
    Html,     // an element's id= or name= attribute in raw HTML
    Footnote, // fn:NAME / fnref:NAME (fnref:NAME:N for a repeated reference)
  };
  std::string id;
  Kind kind = Kind::Heading;
  std::size_t offset = 0; // where the element (header text, attribute value) starts
  Position position;
};

// A destination the author wrote that kramdown would not take as they meant it.
struct MalformedLink {
  std::size_t offset = 0;
  Position position;
  std::string written;    // the destination as written, e.g. "(https://x)"
  std::string suggestion; // what was probably meant, e.g. "https://x"; "" when unknown
};

// Liquid that stops `jekyll build` (Liquid renders the whole file first, code blocks included):
// a block tag never closed, markup never terminated. verity reads nothing after it either.
struct LiquidError {
  std::size_t offset = 0;
  Position position;
  std::string message;
};

struct BodyScan {
  // Links and images, in document order. Origin::Source::Body, with offset and position of the
  // raw destination; `element` is the tag / `[` / `![`; `declared`, `alt`, `attributes` as the
  // element says (attributes: width and height only, what checks read; each srcset candidate
  // is a reference of its own, attributes["from"] = "srcset").
  // `raw` is exactly as written, Liquid included (`{{ site.baseurl }}/x`); resolution is the
  // engine's job.
  std::vector<refs::Reference> references;
  std::vector<Anchor> anchors;
  std::vector<MalformedLink> malformed;
  std::vector<LiquidError> liquid_errors;
  // What its Liquid includes (`{% include footer.html %}`: "footer.html"), body/include_tags.hpp.
  std::vector<std::string> includes;
  std::string base_href; // a <base href> in the body, which every relative link resolves against
  // The body was over a scanner's bounds (size, element count) and was not scanned, or not whole.
  bool truncated = false;
};

// A width or height as a declared size: a whole number written as digits only ("40", not
// "40px" or "50%"), as both scanners read `<img width>` and kramdown's `{: width="40"}`.
std::optional<std::int64_t> declared_dimension(std::string_view text);

// How kramdown is configured (_config.yml `kramdown:`), as far as ids are concerned.
struct MarkdownOptions {
  bool auto_ids = true;
  std::string auto_id_prefix;
};

// Scans a Markdown document (kramdown-GFM as Jekyll renders it) from `body_offset` to the end of
// `file`. Bounded: a body is parsed once, in time linear in its size; nesting is capped.
BodyScan scan_markdown(std::string_view file, std::size_t body_offset,
                       const MarkdownOptions& options = {});

// Scans an HTML document (a `.html` page) from `body_offset` to the end of `file`.
BodyScan scan_html(std::string_view file, std::size_t body_offset);

// Scans raw HTML cut out of a Markdown body (an HTML block, or one inline tag such as `<a
// href="x">`), appending its references and anchors (id=, name=) to `out`, with positions mapped
// through `html` to the file and `lines`.
void scan_html_fragment(const SplicedText& html, const LineIndex& lines, BodyScan& out);

} // namespace verity::body
