// The HTML body scanner: gumbo parses the page (or a fragment cut out of Markdown) and an
// iterative walk collects what HTMLProofer 3.19 would check: <a href>, <img src/srcset>,
// <source src/srcset>, <link href>, <script src>, <base href>, and every id= / name= anchor.
//
// `raw` holds the DECODED attribute value (gumbo's `value`, entities resolved), because that is
// the URL HTMLProofer (Nokogiri's gumbo-based HTML5 parser) checks: `a&amp;b.html` names the file
// `a&b.html`. The origin offset is the first byte of the value as written (after the opening
// quote), taken from `original_value`, so a finding still points at the author's text.
// Elements inside a `data-proofer-ignore` subtree are skipped, as HTMLProofer does.
// `javascript:` hrefs are kept; the engine decides to skip them.
#include "body/body_scan.hpp"
#include "body/include_tags.hpp"
#include "body/liquid_tags.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <gumbo.h>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace verity::body {
namespace {

// Gumbo's parser is fine on long input but frees its tree recursively; these caps keep the
// tree small enough for that (and our memory) on hostile input.
constexpr std::size_t kMaxInput = 4u << 20;
constexpr std::size_t kMaxStartTags = 100000;
constexpr std::size_t kMaxReferences = 50000;
// gumbo 0.10.1 takes time and memory quadratic in the nesting depth (measured: 10,000 nested
// <div> 1.6 s and 800 MB, 20,000 9.6 s and 3.2 GB). Nokogiri's HTML5 parser, which HTMLProofer
// uses, stops at 400 levels; past this estimate the body is not parsed at all.
constexpr std::size_t kMaxNesting = 512;

// gumbo checks each attribute against the tag's earlier ones: quadratic in attributes per tag
// (measured: 50,000 on one tag 11 s). No real tag has a thousand.
constexpr std::size_t kMaxAttributesPerTag = 1000;

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using OutputPtr = std::unique_ptr<GumboOutput, OutputDeleter>;

// Counts '<' followed by a letter: an upper bound on the elements the input can open.
std::size_t start_tags(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const unsigned char next = static_cast<unsigned char>(text[i + 1]);
    if (text[i] == '<' && ((next | 0x20) >= 'a' && (next | 0x20) <= 'z'))
      ++count;
  }
  return count;
}

// An upper estimate of the attributes of the widest tag: the names inside each `<x ...>`, read
// as runs of non-space characters, quoted values skipped.
std::size_t widest_tag(std::string_view text) {
  std::size_t widest = 0;
  std::size_t i = 0;
  while (i + 1 < text.size()) {
    const unsigned char next = static_cast<unsigned char>(text[i + 1]);
    if (text[i] != '<' || (next | 0x20) < 'a' || (next | 0x20) > 'z') {
      ++i;
      continue;
    }
    std::size_t names = 0;
    bool in_name = false;
    for (i += 1; i < text.size() && text[i] != '>'; ++i) {
      const char c = text[i];
      if ((c == '"' || c == '\'') && i > 0 && text[i - 1] == '=') {
        const std::size_t close = text.find(c, i + 1);
        if (close == std::string_view::npos)
          return std::max(widest, names);
        i = close;
        in_name = false;
        continue;
      }
      const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (!space && !in_name)
        ++names;
      in_name = !space;
    }
    widest = std::max(widest, names);
  }
  return widest;
}

// Elements that never nest (void) or that HTML closes by itself (</p>, </li>... may be left out):
// they do not deepen the estimate.
bool deepens(std::string_view name) {
  static constexpr std::string_view k_flat[] = {
      "area",  "base",  "br",       "col",    "embed", "hr",     "img",      "input",
      "link",  "meta",  "param",    "source", "track", "wbr",    "p",        "li",
      "dt",    "dd",    "tr",       "td",     "th",    "option", "optgroup", "thead",
      "tbody", "tfoot", "colgroup", "rb",     "rt",    "rp",     "caption"};
  for (std::string_view flat : k_flat) {
    if (name == flat)
      return false;
  }
  return true;
}

// An upper estimate of how deep the input nests its elements, read from the tags alone.
std::size_t nesting_estimate(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  std::string name;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '<')
      continue;
    bool closing = text[i + 1] == '/';
    std::size_t n = i + (closing ? 2 : 1);
    name.clear();
    while (n < text.size() && name.size() < 16 &&
           (((text[n] | 0x20) >= 'a' && (text[n] | 0x20) <= 'z') ||
            (text[n] >= '0' && text[n] <= '9')))
      name += static_cast<char>(text[n++] | 0x20);
    if (name.empty() || !deepens(name))
      continue;
    if (closing) {
      depth -= depth > 0 ? 1 : 0;
      continue;
    }
    std::size_t gt = text.find('>', n);
    if (gt != std::string_view::npos && gt > 0 && text[gt - 1] == '/')
      continue; // <x/>
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

// Maps a byte of the parsed buffer to the file.
struct Mapper {
  const std::string& buffer;
  const SplicedText* spliced; // null: the buffer is file[base...]
  std::size_t base;
  const LineIndex& lines;

  std::size_t file_offset(std::size_t pos) const {
    return spliced ? spliced->file_offset(pos) : base + pos;
  }
  refs::Origin origin(std::size_t pos) const {
    refs::Origin o;
    o.source = refs::Origin::Source::Body;
    o.offset = file_offset(pos);
    o.position = lines.at(o.offset);
    return o;
  }
};

const GumboAttribute* find_attr(const GumboElement& element, const char* name) {
  return gumbo_get_attribute(&element.attributes, name);
}

// Buffer position of the first byte of the attribute's value as written (after any quote).
std::size_t value_pos(const Mapper& map, const GumboAttribute& attr) {
  const char* data = attr.original_value.data;
  const char* begin = map.buffer.data();
  if (data == nullptr || data < begin || data > begin + map.buffer.size())
    return static_cast<std::size_t>(attr.value_start.offset);
  std::size_t pos = static_cast<std::size_t>(data - begin);
  if (attr.original_value.length > 0 && (data[0] == '"' || data[0] == '\''))
    ++pos;
  return pos;
}

class Walker {
public:
  Walker(const Mapper& map, BodyScan& out) : m_map(map), m_out(out) {}

  void walk(const GumboNode* root) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* node = stack.back();
      stack.pop_back();
      if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)
        continue;
      const GumboElement& element = node->v.element;
      if (find_attr(element, "data-proofer-ignore") != nullptr)
        continue;
      visit(element);
      // Children pushed in reverse so they pop in document order.
      for (unsigned i = element.children.length; i > 0; --i)
        stack.push_back(static_cast<const GumboNode*>(element.children.data[i - 1]));
    }
  }

private:
  void visit(const GumboElement& element) {
    anchor(element, "id");
    anchor(element, "name");
    switch (element.tag) {
    case GUMBO_TAG_A:
      reference(element, "href", refs::ReferenceKind::Link);
      break;
    case GUMBO_TAG_IMG:
      reference(element, "src", refs::ReferenceKind::Image);
      srcset(element);
      break;
    case GUMBO_TAG_SOURCE:
      reference(element, "src", refs::ReferenceKind::Image);
      srcset(element);
      break;
    case GUMBO_TAG_LINK: {
      const GumboAttribute* rel = find_attr(element, "rel");
      const bool sheet = rel != nullptr && std::string_view(rel->value) == "stylesheet";
      reference(element, "href",
                sheet ? refs::ReferenceKind::Stylesheet : refs::ReferenceKind::Link);
      break;
    }
    case GUMBO_TAG_SCRIPT:
      reference(element, "src", refs::ReferenceKind::Script);
      break;
    case GUMBO_TAG_BASE:
      if (const GumboAttribute* href = find_attr(element, "href"); href && m_out.base_href.empty())
        m_out.base_href = href->value;
      break;
    default:
      break;
    }
  }

  void anchor(const GumboElement& element, const char* name) {
    const GumboAttribute* attr = find_attr(element, name);
    if (attr == nullptr || attr->value[0] == '\0')
      return;
    const refs::Origin at = m_map.origin(value_pos(m_map, *attr));
    m_out.anchors.push_back(Anchor{attr->value, Anchor::Kind::Html, at.offset, at.position});
  }

  refs::Reference base(const GumboElement& element, refs::ReferenceKind kind) const {
    refs::Reference ref;
    ref.kind = kind;
    ref.element = m_map.origin(static_cast<std::size_t>(element.start_pos.offset));
    ref.declared.width_origin = ref.element;
    ref.declared.height_origin = ref.element;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      const std::string_view name = attr->name;
      if (name == "alt") {
        ref.alt = attr->value;
      } else if (name == "width" || name == "height") {
        const auto value = declared_dimension(attr->value);
        if (value) {
          const refs::Origin at = m_map.origin(value_pos(m_map, *attr));
          (name == "width" ? ref.declared.width : ref.declared.height) = value;
          (name == "width" ? ref.declared.width_origin : ref.declared.height_origin) = at;
        }
        ref.attributes[std::string(name)] = attr->value;
      } // other attributes are read by no check: copying them per srcset candidate cost GBs
    }
    return ref;
  }

  void push(refs::Reference ref) {
    if (m_out.references.size() < kMaxReferences)
      m_out.references.push_back(std::move(ref));
  }

  void reference(const GumboElement& element, const char* name, refs::ReferenceKind kind) {
    const GumboAttribute* attr = find_attr(element, name);
    if (attr == nullptr)
      return;
    refs::Reference ref = base(element, kind);
    ref.raw = attr->value;
    ref.attributes.erase(name);
    ref.origin = m_map.origin(value_pos(m_map, *attr));
    push(std::move(ref));
  }

  // Splits srcset as browsers do (HTML's "parse a srcset attribute"): skip whitespace and commas,
  // the URL runs to the next whitespace (a trailing comma ends it), the descriptor to the next
  // comma outside parentheses. Positions are exact only when the value has no entities, since
  // the split runs over the decoded value; with entities they fall back to the value's start.
  void srcset(const GumboElement& element) {
    const GumboAttribute* attr = find_attr(element, "srcset");
    if (attr == nullptr)
      return;
    const std::string_view value = attr->value;
    const std::size_t start = value_pos(m_map, *attr);
    const bool exact = attr->original_value.length >= value.size() &&
                       std::string_view(m_map.buffer).substr(start, value.size()) == value;
    auto space = [](char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    };
    const refs::Reference element_ref = base(element, refs::ReferenceKind::Image); // once
    std::size_t i = 0;
    while (i < value.size() && m_out.references.size() < kMaxReferences) {
      while (i < value.size() && (space(value[i]) || value[i] == ','))
        ++i;
      if (i >= value.size())
        break;
      const std::size_t url_start = i;
      while (i < value.size() && !space(value[i]))
        ++i;
      std::size_t url_end = i;
      bool ended_by_comma = false;
      while (url_end > url_start && value[url_end - 1] == ',') {
        --url_end;
        ended_by_comma = true;
      }
      if (!ended_by_comma) {
        int depth = 0; // skip the descriptor
        while (i < value.size()) {
          if (value[i] == '(')
            ++depth;
          else if (value[i] == ')' && depth > 0)
            --depth;
          else if (value[i] == ',' && depth == 0)
            break;
          ++i;
        }
      }
      if (url_end == url_start)
        continue;
      refs::Reference ref = element_ref;
      ref.raw = std::string(value.substr(url_start, url_end - url_start));
      ref.attributes.erase("src");
      ref.attributes["from"] = "srcset";
      ref.origin = m_map.origin(exact ? start + url_start : start);
      push(std::move(ref));
    }
  }

  const Mapper& m_map;
  BodyScan& m_out;
};

void scan_buffer(const Mapper& map, BodyScan& out) {
  if (map.buffer.size() > kMaxInput || start_tags(map.buffer) > kMaxStartTags ||
      nesting_estimate(map.buffer) > kMaxNesting || widest_tag(map.buffer) > kMaxAttributesPerTag) {
    out.truncated = true;
    return;
  }
  OutputPtr output(
      gumbo_parse_with_options(&kGumboDefaultOptions, map.buffer.data(), map.buffer.size()));
  if (!output)
    return;
  Walker(map, out).walk(output->root);
}

} // namespace

std::optional<std::int64_t> declared_dimension(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
    return std::nullopt;
  return value;
}

BodyScan scan_html(std::string_view file, std::size_t body_offset) {
  BodyScan out;
  if (body_offset > file.size())
    return out;
  // Jekyll renders a page's Liquid first: a link in a comment or in highlighted code is none.
  std::string buffer(file.substr(body_offset));
  blank_liquid_comments(buffer);
  const LineIndex lines(file);
  scan_buffer(Mapper{buffer, nullptr, body_offset, lines}, out);
  out.includes = included_files(file.substr(body_offset));
  return out;
}

void scan_html_fragment(const SplicedText& html, const LineIndex& lines, BodyScan& out) {
  scan_buffer(Mapper{html.text(), &html, 0, lines}, out);
}

} // namespace verity::body
