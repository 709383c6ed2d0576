// Reference: one URL or path a document cites, as data. Every extractor (front matter now, the
// body next) produces references, and every consumer (local images, remote images, links, and
// later internal-link resolution and fixes) reads them, so nothing walks a document for URLs on
// its own.
#pragma once

#include "verity/source_map.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace verity::refs {

enum class ReferenceKind {
  Link,       // a page or resource the reader follows (front-matter URL, <a href>, [text](url))
  Image,      // an image shown on the page (front-matter image object, <img src>, ![alt](url))
  Script,     // <script src> (body extractors)
  Stylesheet, // <link rel=stylesheet href> (body extractors)
  Anchor,     // a same-page #fragment (body extractors)
};

// Where the raw text of a reference was written.
struct Origin {
  enum class Source { FrontMatter, Body };
  Source source = Source::FrontMatter;
  std::string pointer;    // front matter: the JSON Pointer of the raw value; "" in the body
  std::size_t offset = 0; // body: the byte offset of the raw text in Document::bytes
  Position position;      // file line:col of the raw text, from the source map (or line table)
};

// A size the document declares for what it cites (front-matter width/height, <img width>).
struct DeclaredSize {
  std::optional<std::int64_t> width, height; // only integer values count as declared
  Origin width_origin, height_origin;        // where each is written (the element's when absent)
};

struct Reference {
  ReferenceKind kind = ReferenceKind::Link;
  std::string file; // the citing document, relative to the site root
  std::string raw;  // exactly as written
  // The target once resolved: a site-relative path (#fragment kept) for internal references, the
  // absolute URL for external ones; "" until a resolver fills it (internal-link resolution).
  std::string resolved;
  Origin origin;
  // The element the reference belongs to: an image object's pointer in the front matter, the
  // tag's offset in the body. Sizes and attributes are read from it.
  Origin element;
  DeclaredSize declared;
  std::optional<std::string> alt;                // alt text, when the element has one
  std::map<std::string, std::string> attributes; // the element's other scalar attributes
};

std::string_view to_string(ReferenceKind kind);

// True when `url` may be written into a page as it is: only characters that mean the same in a
// Markdown link, a quoted HTML attribute and Liquid (no quotes, brackets, braces, backslashes,
// spaces, controls or non-ASCII). A fix refuses any other URL (one from a server's Location).
bool safe_to_write(std::string_view url);

} // namespace verity::refs
