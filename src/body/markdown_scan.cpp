// scan_markdown: md4c over the kramdown pre-pass's text (same length as the body, so md4c's
// pointers are body offsets), with positions taken from pointers as the design note §6 says.
#include "body/attribute_list.hpp"
#include "body/body_scan.hpp"
#include "body/heading_id.hpp"
#include "body/include_tags.hpp"
#include "body/kramdown_prepass.hpp"

#include <algorithm>
#include <md4c.h>
#include <optional>
#include <unordered_set>

namespace verity::body {
namespace {

constexpr std::size_t k_max_references = 100000;

struct OpenSpan {
  refs::ReferenceKind kind = refs::ReferenceKind::Link;
  std::string decoded;    // md4c's href/src when it is a copy (escapes, entities)
  std::size_t offset = 0; // body offset of the destination, npos when not in the text
  std::size_t size = 0;
  std::size_t first_text = std::string_view::npos;
  std::size_t last_text_end = 0;
  std::string alt;
};

struct Scanner {
  std::string_view file;
  std::size_t body_offset;
  std::string_view body; // the original body
  const Prepass& pp;
  const LineIndex& lines;
  const char* buf;
  std::size_t size;
  BodyScan out;
  HeadingIds ids;
  std::vector<OpenSpan> spans = {};
  std::unordered_set<std::size_t> seen = {}; // destination offsets already kept (ref. links)
  std::vector<char> ial_taken = {};          // per pp.span_ials: a link or image took it
  bool in_heading = false;
  std::size_t heading_line = 0, heading_first = std::string_view::npos;
  std::string heading_text = {};
  int image_depth = 0;
  bool in_html_block = false;
  SplicedText html_block = {};
  // One inline raw HTML tag can span lines: md4c hands it over line by line with a "\n" of its
  // own between (not in the text), so the pieces are joined before gumbo sees the tag.
  SplicedText inline_html = {};

  bool inside(const char* p) const { return p >= buf && p < buf + size; }
  std::size_t at(const char* p) const { return static_cast<std::size_t>(p - buf); }
  Position position(std::size_t body_pos) const { return lines.at(body_offset + body_pos); }

  bool in_liquid(std::size_t pos) const {
    auto it = std::upper_bound(pp.liquid.begin(), pp.liquid.end(), pos,
                               [](std::size_t p, const Region& r) { return p < r.begin; });
    return it != pp.liquid.begin() && pos < (it - 1)->end;
  }
  bool in_markdown_html(std::size_t pos) const {
    return std::any_of(pp.markdown_html.begin(), pp.markdown_html.end(),
                       [&](const Region& r) { return pos >= r.begin && pos < r.end; });
  }

  void open_span(refs::ReferenceKind kind, const MD_ATTRIBUTE& dest) {
    OpenSpan span;
    span.kind = kind;
    span.offset = std::string_view::npos;
    if (dest.size > 0 && inside(dest.text)) {
      span.offset = at(dest.text);
      span.size = dest.size;
    } else {
      span.decoded.assign(dest.text, dest.size);
    }
    spans.push_back(std::move(span));
  }

  // The destination as written after `](` following the span's text, for md4c's copies.
  bool find_written(OpenSpan& span) const {
    std::size_t from = span.last_text_end;
    std::size_t close = pp.text.find("](", from);
    if (close == std::string::npos || close > from + 8)
      return false;
    std::size_t b = close + 2;
    while (b < pp.text.size() && (pp.text[b] == ' ' || pp.text[b] == '<'))
      ++b;
    std::size_t e = b;
    int depth = 0;
    while (e < pp.text.size() && pp.text[e] != '\n' && pp.text[e] != ' ' && pp.text[e] != '>') {
      if (pp.text[e] == '\\') {
        e += 2;
        continue;
      }
      if (pp.text[e] == '(')
        ++depth;
      if (pp.text[e] == ')' && depth-- == 0)
        break;
      ++e;
    }
    if (e > pp.text.size() || e == b)
      return false;
    span.offset = b;
    span.size = e - b;
    return true;
  }

  void close_span() {
    OpenSpan span = std::move(spans.back());
    spans.pop_back();
    if (span.offset == std::string_view::npos && span.first_text != std::string_view::npos) {
      find_written(span);
    }
    if (out.references.size() >= k_max_references)
      return;
    refs::Reference ref;
    ref.kind = span.kind;
    std::size_t element =
        span.first_text != std::string_view::npos
            ? span.first_text -
                  std::min<std::size_t>(span.first_text,
                                        span.kind == refs::ReferenceKind::Image ? 2 : 1)
            : span.offset;
    if (span.offset != std::string_view::npos) {
      if (!seen.insert(span.offset).second) {
        refs::Reference again; // one definition, used again: its own IAL still sets ids
        again.kind = span.kind;
        apply_span_ials(again, element_end(span));
        return;
      }
      ref.raw = std::string(body.substr(span.offset, span.size));
      ref.origin.offset = body_offset + span.offset;
    } else {
      ref.raw = span.decoded;
      ref.origin.offset = body_offset + (element == std::string_view::npos ? 0 : element);
    }
    ref.origin.source = refs::Origin::Source::Body;
    ref.origin.position = lines.at(ref.origin.offset);
    ref.element.source = refs::Origin::Source::Body;
    ref.element.offset =
        element == std::string_view::npos ? ref.origin.offset : body_offset + element;
    ref.element.position = lines.at(ref.element.offset);
    if (span.kind == refs::ReferenceKind::Image) {
      ref.alt = span.alt;
      ref.declared.width_origin = ref.element; // where a size not written is reported
      ref.declared.height_origin = ref.element;
    }
    apply_span_ials(ref, element_end(span));
    out.references.push_back(std::move(ref));
  }

  static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  // Where the element this span closes ends in the text: after the `)` of `[a](x "t")`, after
  // the `]` or `[label]` of `[a][label]`; a span IAL that starts there is the element's own.
  // npos when it cannot be told (md4c's copy of a destination that was not found again).
  std::size_t element_end(const OpenSpan& span) const {
    const std::string& t = pp.text;
    constexpr std::size_t npos = std::string_view::npos;
    auto skip_blank = [&](std::size_t i) {
      while (i < t.size() && is_blank(t[i]))
        ++i;
      return i;
    };
    const bool after_text = span.first_text == npos || span.offset >= span.last_text_end;
    if (span.offset != npos && after_text) {
      std::size_t before = span.offset;
      while (before > 0 && (is_blank(t[before - 1]) || t[before - 1] == '<'))
        --before;
      if (before > 0 && t[before - 1] == '(') {
        std::size_t i = span.offset + span.size;
        if (i < t.size() && t[i] == '>')
          ++i;
        i = skip_blank(i);
        if (i < t.size() && (t[i] == '"' || t[i] == '\'' || t[i] == '(')) {
          const char close = t[i] == '(' ? ')' : t[i];
          for (++i; i < t.size() && t[i] != close; ++i) {
            if (t[i] == '\\')
              ++i;
          }
          i = skip_blank(std::min(i + 1, t.size()));
        }
        return i < t.size() && t[i] == ')' ? i + 1 : npos;
      }
    }
    if (span.first_text == npos)
      return npos;
    std::size_t i = span.last_text_end;
    while (i < t.size() && (t[i] == '*' || t[i] == '_' || t[i] == '~' || t[i] == '`'))
      ++i;
    if (i >= t.size() || t[i] != ']')
      return npos;
    ++i;
    if (i < t.size() && t[i] == '[') {
      const std::size_t close = t.find_first_of("]\n", i);
      if (close == npos || t[close] != ']')
        return npos;
      i = close + 1;
    }
    return i;
  }

  // kramdown's span IALs right after the element (`![a](x.png){: width="4" #id}`, chained
  // `{: a}{: b}` too): the last id they set is an anchor, an image's width, height and alt are
  // its own (a later one of a key overrides an earlier one, as in kramdown).
  void apply_span_ials(refs::Reference& ref, std::size_t end) {
    auto it = std::lower_bound(pp.span_ials.begin(), pp.span_ials.end(), end,
                               [](const SpanIal& r, std::size_t at) { return r.begin < at; });
    std::optional<Anchor> id;
    for (; it != pp.span_ials.end() && it->begin == end; end = (it++)->end) {
      ial_taken[static_cast<std::size_t>(it - pp.span_ials.begin())] = 1;
      for_each_attribute(*it, [&](const ListedAttribute& attr, const refs::Origin& at) {
        if (attr.key == "id") {
          id = Anchor{attr.value, Anchor::Kind::Explicit, at.offset, at.position};
        } else if (ref.kind != refs::ReferenceKind::Image) {
          return;
        } else if (attr.key == "alt") {
          ref.alt = attr.value;
        } else if (attr.key == "width" || attr.key == "height") {
          const bool width = attr.key == "width";
          (width ? ref.declared.width : ref.declared.height) = declared_dimension(attr.value);
          (width ? ref.declared.width_origin : ref.declared.height_origin) = at;
          ref.attributes[attr.key] = attr.value;
        }
      });
    }
    if (id && !id->id.empty())
      out.anchors.push_back(std::move(*id));
  }

  // Calls `use` with each attribute of `ial` and where its value is written.
  template <typename Use> void for_each_attribute(const SpanIal& ial, Use use) const {
    const std::size_t list = ial.begin + 2;
    for (const ListedAttribute& attr : attribute_list(body.substr(list, ial.end - 1 - list))) {
      refs::Origin at;
      at.source = refs::Origin::Source::Body;
      at.offset = body_offset + list + attr.offset;
      at.position = lines.at(at.offset);
      use(attr, at);
    }
  }

  // The ids of span IALs on emphasis, code spans, HTML tags and autolinks (no reference of
  // theirs took them): `` `c`{: #cid} `` is an anchor too.
  void take_markup_ials() {
    for (std::size_t i = 0; i < pp.span_ials.size(); ++i) {
      if (!ial_taken[i] && pp.span_ials[i].after_markup) {
        refs::Reference markup; // takes the chain, keeps its last id
        apply_span_ials(markup, pp.span_ials[i].begin);
      }
    }
  }

  // Whether kramdown drops span IAL `i` from the text (it is an element's) or keeps it as text.
  bool ial_dropped(std::size_t i) const { return ial_taken[i] || pp.span_ials[i].after_markup; }

  void text(MD_TEXTTYPE type, const char* p, std::size_t n) {
    bool real = inside(p);
    for (auto& span : spans) {
      if (real) {
        if (span.first_text == std::string_view::npos)
          span.first_text = at(p);
        span.last_text_end = at(p) + n;
      }
    }
    if (image_depth > 0 && !spans.empty() && spans.back().kind == refs::ReferenceKind::Image) {
      if (type != MD_TEXT_HTML)
        spans.back().alt += without_nul(entity_text(type, p, n), p);
    }
    if (type == MD_TEXT_HTML) {
      SplicedText& html = in_html_block ? html_block : inline_html;
      if (real)
        html.append(body.substr(at(p), n), body_offset + at(p));
      else if (!html.text().empty())
        html.append_synthetic(std::string_view(p, n)); // the line break md4c puts between lines
    } else {
      flush_inline_html();
    }
    if (in_heading && image_depth == 0 && type != MD_TEXT_HTML) {
      if (heading_first == std::string_view::npos && real)
        heading_first = at(p);
      if (real && in_liquid(at(p)))
        return; // Liquid renders to text verity does not know
      std::string piece = without_nul(entity_text(type, p, n), p);
      if (type == MD_TEXT_NORMAL && piece.size() == n)
        piece = without_ials(std::move(piece), p); // byte for byte the text's own
      if (type == MD_TEXT_NORMAL)
        piece = typographic(piece);
      heading_text += piece;
    }
  }

  // Text md4c hands over, without the NUL bytes of the body (k_nul_stand_in in md4c's text):
  // no id keeps one, and an alt made of them is empty as before.
  std::string without_nul(std::string piece, const char* p) const {
    if (!inside(p) || piece.find(k_nul_stand_in) == std::string::npos)
      return piece;
    std::string kept;
    for (std::size_t i = 0; i < piece.size(); ++i)
      if (!(piece[i] == k_nul_stand_in && at(p) + i < body.size() && body[at(p) + i] == '\0'))
        kept += piece[i];
    return kept;
  }

  // Text as kramdown has it where the pre-pass blanked span IALs: without those kramdown gives
  // to an element (`## *a*{: .x} b` has the id a-b, not a-----b), with the others' own bytes
  // (`(x){: #y}` is text). `piece` is the text at `p` byte for byte.
  std::string without_ials(std::string piece, const char* p) const {
    if (pp.span_ials.empty() || !inside(p))
      return piece;
    const std::size_t from = at(p);
    auto first = std::upper_bound(pp.span_ials.begin(), pp.span_ials.end(), from,
                                  [](std::size_t pos, const SpanIal& r) { return pos < r.end; });
    if (first == pp.span_ials.end() || first->begin >= from + piece.size())
      return piece;
    std::string kept;
    auto it = first;
    for (std::size_t i = 0; i < piece.size(); ++i) {
      const std::size_t pos = from + i;
      while (it != pp.span_ials.end() && it->end <= pos)
        ++it;
      if (it == pp.span_ials.end() || pos < it->begin)
        kept += piece[i];
      else if (!ial_dropped(static_cast<std::size_t>(it - pp.span_ials.begin())))
        kept += body[pos];
    }
    return kept;
  }

  void flush_inline_html() {
    if (inline_html.text().empty())
      return;
    scan_html_fragment(inline_html, lines, out);
    inline_html = SplicedText{};
  }

  // An entity as the character it stands for (kramdown's header text has it decoded).
  static std::string entity_text(MD_TEXTTYPE type, const char* p, std::size_t n) {
    std::string_view s(p, n);
    if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
      return " ";
    if (type == MD_TEXT_NULLCHAR)
      return "";
    if (type != MD_TEXT_ENTITY)
      return std::string(s);
    if (s == "&amp;")
      return "&";
    if (s == "&lt;")
      return "<";
    if (s == "&gt;")
      return ">";
    if (s == "&quot;")
      return "\"";
    if (s == "&nbsp;")
      return "\xC2\xA0";
    if (s.size() > 3 && s[1] == '#') {
      unsigned long cp = s[2] == 'x' || s[2] == 'X'
                             ? std::strtoul(std::string(s.substr(3)).c_str(), nullptr, 16)
                             : std::strtoul(std::string(s.substr(2)).c_str(), nullptr, 10);
      return utf8(cp);
    }
    return "\xC2\xA9"; // another named entity: a symbol, which no id keeps
  }

  static std::string utf8(unsigned long cp) {
    std::string o;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return o;
    if (cp < 0x80) {
      o += static_cast<char>(cp);
    } else if (cp < 0x800) {
      o += static_cast<char>(0xC0 | (cp >> 6));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      o += static_cast<char>(0xE0 | (cp >> 12));
      o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      o += static_cast<char>(0xF0 | (cp >> 18));
      o += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return o;
  }

  // kramdown's typographic symbols (---, --, ..., << >>) and smart quotes become characters no
  // id keeps: drop them here, so `a--b` gives `ab` as kramdown's id does.
  static std::string typographic(const std::string& s) {
    std::string o;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.compare(i, 3, "---") == 0 || s.compare(i, 3, "...") == 0) {
        i += 2;
      } else if (s.compare(i, 2, "--") == 0 || s.compare(i, 2, "<<") == 0 ||
                 s.compare(i, 2, ">>") == 0) {
        i += 1;
      } else {
        o += s[i];
      }
    }
    return o;
  }

  void close_heading() {
    in_heading = false;
    bool explicit_id = std::find(pp.explicit_header_lines.begin(), pp.explicit_header_lines.end(),
                                 heading_line) != pp.explicit_header_lines.end();
    if (explicit_id || heading_first == std::string_view::npos) {
      heading_text.clear();
      return;
    }
    std::string text = heading_text;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
      text.pop_back();
    std::size_t lead = text.find_first_not_of(" \t");
    text = lead == std::string::npos ? std::string() : text.substr(lead);
    std::string id = in_markdown_html(heading_first) ? ids.next_kramdown(text) : ids.next_gfm(text);
    heading_text.clear();
    if (id.empty())
      return;
    Anchor a;
    a.id = std::move(id);
    a.kind = Anchor::Kind::Heading;
    a.offset = body_offset + heading_first;
    a.position = lines.at(a.offset);
    out.anchors.push_back(std::move(a));
  }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& s = *static_cast<Scanner*>(user);
  s.flush_inline_html();
  (void)detail;
  if (type == MD_BLOCK_H) {
    s.in_heading = true;
    s.heading_first = std::string_view::npos;
    s.heading_text.clear();
  } else if (type == MD_BLOCK_HTML) {
    s.in_html_block = true;
    s.html_block = SplicedText{};
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
  auto& s = *static_cast<Scanner*>(user);
  s.flush_inline_html();
  if (type == MD_BLOCK_H) {
    if (s.heading_first != std::string_view::npos) {
      std::size_t ls = s.pp.text.rfind('\n', s.heading_first);
      s.heading_line = ls == std::string::npos ? 0 : ls + 1;
    }
    s.close_heading();
  } else if (type == MD_BLOCK_HTML) {
    s.in_html_block = false;
    if (!s.html_block.text().empty())
      scan_html_fragment(s.html_block, s.lines, s.out);
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& s = *static_cast<Scanner*>(user);
  s.flush_inline_html();
  if (type == MD_SPAN_A) {
    s.open_span(refs::ReferenceKind::Link, static_cast<MD_SPAN_A_DETAIL*>(detail)->href);
  } else if (type == MD_SPAN_IMG) {
    s.open_span(refs::ReferenceKind::Image, static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src);
    ++s.image_depth;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto& s = *static_cast<Scanner*>(user);
  s.flush_inline_html();
  if ((type == MD_SPAN_A || type == MD_SPAN_IMG) && !s.spans.empty()) {
    if (type == MD_SPAN_IMG)
      --s.image_depth;
    s.close_span();
  }
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* p, MD_SIZE n, void* user) {
  static_cast<Scanner*>(user)->text(type, p, n);
  return 0;
}

} // namespace

BodyScan scan_markdown(std::string_view file, std::size_t body_offset,
                       const MarkdownOptions& options) {
  body_offset = std::min(body_offset, file.size());
  std::string_view body = file.substr(body_offset);
  Prepass pp = kramdown_prepass(body);
  LineIndex lines(file);
  Scanner s{file,
            body_offset,
            body,
            pp,
            lines,
            pp.text.data(),
            pp.text.size(),
            {},
            HeadingIds(options.auto_id_prefix)};
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags =
      MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_LATEXMATHSPANS;
  parser.enter_block = enter_block;
  parser.leave_block = leave_block;
  parser.enter_span = enter_span;
  parser.leave_span = leave_span;
  parser.text = on_text;
  s.ial_taken.assign(pp.span_ials.size(), 0);
  // About one `]` per link or image: a reference is large, and growing the vector by doubling
  // moved each one several times (a tenth of a scan's time). Capped, so that a body of brackets
  // costs no more than its references would.
  s.out.references.reserve(std::min<std::size_t>(
      static_cast<std::size_t>(std::count(pp.text.begin(), pp.text.end(), ']')), 1024));
  md_parse(pp.text.data(), static_cast<MD_SIZE>(pp.text.size()), &parser, &s);
  s.take_markup_ials();
  // kramdown block HTML the pre-pass cut out, whole, with the file's own bytes.
  for (const Region& r : pp.html_blocks) {
    SplicedText html;
    html.append(body.substr(r.begin, r.end - r.begin), body_offset + r.begin);
    scan_html_fragment(html, lines, s.out);
  }
  for (Anchor a : pp.anchors) {
    a.offset += body_offset;
    a.position = lines.at(a.offset);
    s.out.anchors.push_back(std::move(a));
  }
  if (!options.auto_ids) {
    std::erase_if(s.out.anchors, [](const Anchor& a) { return a.kind == Anchor::Kind::Heading; });
  }
  for (LiquidError e : pp.liquid_errors) {
    e.offset += body_offset;
    e.position = lines.at(e.offset);
    s.out.liquid_errors.push_back(std::move(e));
  }
  for (MalformedLink m : pp.malformed) {
    m.offset += body_offset;
    m.position = lines.at(m.offset);
    s.out.malformed.push_back(std::move(m));
  }
  std::stable_sort(s.out.references.begin(), s.out.references.end(),
                   [](const refs::Reference& a, const refs::Reference& b) {
                     return a.origin.offset < b.origin.offset;
                   });
  // Where kramdown block HTML overlaps md4c's own HTML block (an unclosed tag), both scanners
  // read the same tag: one reference per tag.
  auto same = [](const refs::Reference& a, const refs::Reference& b) {
    return a.origin.offset == b.origin.offset && a.kind == b.kind && a.raw == b.raw;
  };
  s.out.references.erase(std::unique(s.out.references.begin(), s.out.references.end(), same),
                         s.out.references.end());
  s.out.includes = included_files(body);
  return std::move(s.out);
}

} // namespace verity::body
