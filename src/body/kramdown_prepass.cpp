#include "body/kramdown_prepass.hpp"

#include "body/attribute_list.hpp"
#include "body/liquid_tags.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <unordered_map>
#include <vector>

namespace verity::body {
namespace {

constexpr char k_filler = 'x'; // masks Liquid without spaces: a destination stays one token
constexpr std::size_t k_max_destination = 4096;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view word) {
  if (at + word.size() > s.size())
    return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (lower(s[at + i]) != word[i])
      return false;
  }
  return true;
}

void fill(std::string& text, std::size_t begin, std::size_t end, char with) {
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    if (text[i] != '\n')
      text[i] = with;
  }
}

void mask_liquid(std::string_view body, Prepass& out) {
  std::string& text = out.text;
  std::size_t i = 0;
  while (i + 1 < body.size()) {
    std::size_t at = body.find('{', i);
    if (at == std::string_view::npos || at + 1 >= body.size())
      break;
    char next = body[at + 1];
    if (next == '{') {
      std::size_t close = body.find("}}", at + 2);
      if (close == std::string_view::npos) {
        out.liquid_errors.push_back(
            {at,
             {},
             "'{{' is never closed by '}}': jekyll build stops with a Liquid syntax error"});
        break;
      }
      fill(text, at, close + 2, k_filler);
      out.liquid.push_back({at, close + 2});
      i = close + 2;
    } else if (next == '%') {
      LiquidTag tag = liquid_tag(body, at);
      if (tag.end == std::string_view::npos) {
        out.liquid_errors.push_back(
            {at,
             {},
             "'{%' is never closed by '%}': jekyll build stops with a Liquid syntax error"});
        break;
      }
      std::size_t end = tag.end;
      bool blank = false;
      if (tag.name == "raw" || tag.name == "comment" || tag.name == "highlight") {
        std::size_t close = block_end(body, tag.end, tag.name);
        end = close == std::string_view::npos ? body.size() : close;
        if (close == std::string_view::npos)
          out.liquid_errors.push_back({at,
                                       {},
                                       "'{% " + tag.name + " %}' is never closed by '{% end" +
                                           tag.name +
                                           " %}': jekyll build stops with a "
                                           "Liquid syntax error, and nothing after it "
                                           "was read"});
        blank = tag.name != "raw"; // no links in a comment or in highlighted code
      }
      fill(text, at, end, blank ? ' ' : k_filler);
      out.liquid.push_back({at, end});
      i = end;
    } else {
      i = at + 1;
    }
  }
}

// kramdown's block-level HTML elements (parser/html.rb HTML_BLOCK_ELEMENTS, the common ones).
bool is_block_element(std::string_view name) {
  static constexpr std::array<std::string_view, 32> k_block{
      "address", "article", "aside", "blockquote", "body",    "center", "details", "dialog",
      "dir",     "div",     "dl",    "fieldset",   "figure",  "footer", "form",    "h1",
      "h2",      "h3",      "h4",    "h5",         "h6",      "header", "hgroup",  "iframe",
      "menu",    "nav",     "ol",    "pre",        "section", "table",  "ul",      "video"};
  return std::find(k_block.begin(), k_block.end(), name) != k_block.end();
}

// The close tags matching each open tag of one element name, found in one pass with a stack
// (what counting nested elements from each open tag would give, without a scan to the end of
// the body per unclosed tag: 50,000 `<div>` lines took 16 s that way).
class CloseTags {
public:
  // The end (one past '>') of the close tag matching the element `name` opened at `at`, counting
  // nested elements of the same name; npos when it is never closed.
  std::size_t matching(std::string_view s, std::size_t at, const std::string& name) {
    auto it = m_by_name.find(name);
    if (it == m_by_name.end())
      it = m_by_name.emplace(name, pair_up(s, name)).first;
    auto close = it->second.find(at);
    return close == it->second.end() ? std::string_view::npos : close->second;
  }

private:
  static std::unordered_map<std::size_t, std::size_t> pair_up(std::string_view s,
                                                              std::string_view name) {
    std::unordered_map<std::size_t, std::size_t> pairs;
    std::vector<std::size_t> open;
    for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
      bool closing = i + 1 < s.size() && s[i + 1] == '/';
      std::size_t n = i + (closing ? 2 : 1);
      if (!starts_with_ci(s, n, name))
        continue;
      std::size_t after = n + name.size();
      if (after < s.size() && s[after] != '>' && s[after] != ' ' && s[after] != '\t' &&
          s[after] != '\n' && s[after] != '/')
        continue;
      std::size_t gt = s.find('>', after);
      if (gt == std::string_view::npos)
        break; // no tag from here on is complete
      bool self_closing = !closing && s[gt - 1] == '/';
      if (closing) {
        if (!open.empty()) {
          pairs.emplace(open.back(), gt + 1);
          open.pop_back();
        }
      } else if (!self_closing) {
        open.push_back(i);
      }
      i = gt;
    }
    return pairs;
  }

  std::map<std::string, std::unordered_map<std::size_t, std::size_t>, std::less<>> m_by_name;
};

bool markdown_attribute(std::string_view open_tag) {
  std::string lowered;
  for (char c : open_tag)
    lowered += lower(c);
  for (std::string_view v : {"markdown=\"1\"", "markdown='1'", "markdown=1", "markdown=\"block\"",
                             "markdown=\"span\""}) {
    if (lowered.find(v) != std::string::npos)
      return true;
  }
  return false;
}

// A line holding a kramdown block HTML element: blanked, whole or but its markdown="1" content.
std::size_t take_html_block(std::string_view body, std::size_t line, CloseTags& closes,
                            Prepass& out) {
  std::size_t n = line + 1;
  std::string name;
  while (n < body.size() &&
         ((body[n] >= 'a' && body[n] <= 'z') || (body[n] >= 'A' && body[n] <= 'Z') ||
          (body[n] >= '0' && body[n] <= '9')))
    name += lower(body[n++]);
  if (name.empty() || !is_block_element(name))
    return std::string_view::npos;
  std::size_t end = closes.matching(body, line, name);
  if (end == std::string_view::npos)
    return std::string_view::npos;
  std::size_t open_end = body.find('>', line);
  if (markdown_attribute(body.substr(line, open_end - line))) {
    std::size_t close_start = body.rfind('<', end - 1);
    out.html_blocks.push_back({line, open_end + 1});
    out.html_blocks.push_back({close_start, end});
    out.markdown_html.push_back({open_end + 1, close_start});
    fill(out.text, line, open_end + 1, ' ');
    fill(out.text, close_start, end, ' ');
  } else {
    out.html_blocks.push_back({line, end});
    fill(out.text, line, end, ' ');
  }
  return end;
}

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == ':' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

void add_anchor(Prepass& out, std::string id, Anchor::Kind kind, std::size_t offset) {
  Anchor a;
  a.id = std::move(id);
  a.kind = kind;
  a.offset = offset;
  out.anchors.push_back(std::move(a));
}

// `{: #id .class}` lines: the id is an anchor of the block before; the line is not text.
bool take_ial_line(std::string_view line, std::size_t start, Prepass& out) {
  std::size_t b = line.find_first_not_of(" \t");
  std::size_t e = line.find_last_not_of(" \t\r\n");
  if (b == std::string_view::npos || !line.substr(b).starts_with("{:") || line[e] != '}')
    return false;
  // The last id the list sets (`{: #a id="b"}` is b), where its value is written.
  const ListedAttribute* id = nullptr;
  const auto attributes = attribute_list(line.substr(b + 2, e - b - 2));
  for (const auto& attr : attributes) {
    if (attr.key == "id")
      id = &attr;
  }
  if (id != nullptr && !id->value.empty())
    add_anchor(out, id->value, Anchor::Kind::Explicit, start + b + 2 + id->offset);
  fill(out.text, start + b, start + e + 1, ' ');
  return true;
}

// `## Text {#id}`: the explicit id replaces the automatic one.
void take_header_id(std::string_view line, std::size_t start, Prepass& out) {
  std::size_t e = line.find_last_not_of(" \t\r\n#");
  if (e == std::string_view::npos || line[e] != '}')
    return;
  std::size_t open = line.rfind("{#", e);
  if (open == std::string_view::npos || open == 0 || line[open - 1] != ' ')
    return;
  std::string_view id = line.substr(open + 2, e - open - 2);
  if (id.empty() || !std::all_of(id.begin(), id.end(), is_id_char))
    return;
  add_anchor(out, std::string(id), Anchor::Kind::Explicit, start + open + 2);
  out.explicit_header_lines.push_back(start);
  fill(out.text, start + open, start + e + 1, ' ');
}

// Span IALs on one line: `{:` right after what ends a span element (a link's `)` or `]`, an
// emphasis, a code span, an HTML tag or autolink) or after the previous IAL, up to the first `}`
// without a backslash before it (ALD_ANY_CHARS). After a space they stay text, as in kramdown.
// `{::name` and `{:/` are extensions, not IALs.
void take_span_ials(std::string_view line, std::size_t start, Prepass& out) {
  std::size_t chained = std::string_view::npos; // where the last IAL ended
  bool chain_after_markup = false;
  for (std::size_t at = line.find("{:", 1); at != std::string_view::npos;
       at = line.find("{:", at + 2)) {
    const char before = line[at - 1];
    const bool markup = before == '*' || before == '_' || before == '`' || before == '>';
    if (!markup && before != ')' && before != ']' && at != chained)
      continue;
    const char next = at + 2 < line.size() ? line[at + 2] : '\0';
    const char after_next = at + 3 < line.size() ? line[at + 3] : '\0';
    if (next == '/' || (next == ':' && (std::isalnum(static_cast<unsigned char>(after_next)) ||
                                        after_next == '_')))
      continue;
    std::size_t close = at + 2;
    while (close < line.size() && line[close] != '\n' &&
           !(line[close] == '}' && line[close - 1] != '\\'))
      ++close;
    if (close >= line.size() || line[close] != '}')
      continue;
    chain_after_markup = at == chained ? chain_after_markup : markup;
    out.span_ials.push_back({start + at, start + close + 1, chain_after_markup});
    fill(out.text, start + at, start + close + 1, ' ');
    chained = close + 1;
    at = close - 1; // the loop's +2 lands after the `}`
  }
}

// Destinations on one line: spaces kramdown accepts, and doubled parentheses.
void take_destinations(std::string_view line, std::size_t start, Prepass& out) {
  for (std::size_t at = line.find("]("); at != std::string_view::npos;
       at = line.find("](", at + 2)) {
    std::size_t open = at + 1;
    int depth = 0;
    std::size_t close = std::string_view::npos;
    // A destination is never this long; the cap keeps `[a](` repeated along one line linear.
    const std::size_t limit = std::min(line.size(), open + k_max_destination);
    for (std::size_t i = open; i < limit; ++i) {
      if (line[i] == '\\') {
        ++i;
        continue;
      }
      if (line[i] == '(')
        ++depth;
      if (line[i] == ')' && --depth == 0) {
        close = i;
        break;
      }
    }
    if (close == std::string_view::npos)
      continue;
    std::string_view dest = line.substr(open + 1, close - open - 1);
    if (dest.size() >= 2 && dest.front() == '(' && dest.back() == ')') {
      MalformedLink bad;
      bad.offset = start + open + 1;
      bad.written = std::string(dest);
      bad.suggestion = std::string(dest.substr(1, dest.size() - 2));
      out.malformed.push_back(std::move(bad));
      fill(out.text, start + open, start + close + 1, k_filler);
      continue;
    }
    bool spaced = dest.find(' ') != std::string_view::npos &&
                  dest.find('"') == std::string_view::npos &&
                  dest.find('\'') == std::string_view::npos && !dest.starts_with('<');
    if (spaced) {
      std::string_view trimmed = dest;
      std::size_t lead = trimmed.find_first_not_of(' ');
      std::size_t trail = trimmed.find_last_not_of(' ');
      if (lead == std::string_view::npos)
        continue;
      for (std::size_t i = lead; i <= trail; ++i) {
        if (dest[i] == ' ')
          out.text[start + open + 1 + i] = '_';
      }
    }
  }
}

// Footnotes: a definition's label `[^n]:` is masked (md4c would take it for a link reference
// definition); ids fn:n for definitions, fnref:n then fnref:n:1, ... for references.
void take_footnotes(std::string_view body, Prepass& out, const std::vector<bool>& in_code) {
  std::map<std::string, int, std::less<>> uses;
  for (std::size_t at = body.find("[^"); at != std::string_view::npos;
       at = body.find("[^", at + 2)) {
    if (in_code[at])
      continue;
    // The label ends at ']'; a space, line end or '[' first means none (and bounds the scan).
    std::size_t close = body.find_first_of("] \t\n[", at + 2);
    if (close == std::string_view::npos || body[close] != ']' || close == at + 2)
      continue;
    std::string_view name = body.substr(at + 2, close - at - 2);
    bool line_start = at == 0 || body[at - 1] == '\n';
    if (line_start && close + 1 < body.size() && body[close + 1] == ':') {
      add_anchor(out, "fn:" + std::string(name), Anchor::Kind::Footnote, at);
      fill(out.text, at, close + 2, k_filler);
      continue;
    }
    int n = uses[std::string(name)]++;
    add_anchor(out, "fnref:" + std::string(name) + (n > 0 ? ":" + std::to_string(n) : ""),
               Anchor::Kind::Footnote, at);
  }
}

} // namespace

Prepass kramdown_prepass(std::string_view body) {
  Prepass out;
  out.text = std::string(body);
  mask_liquid(body, out);
  std::string_view masked = out.text;
  std::vector<bool> in_code(body.size() + 1, false);
  bool fenced = false;
  std::string fence;
  CloseTags closes;
  std::size_t line = 0;
  while (line < masked.size()) {
    std::size_t eol = masked.find('\n', line);
    std::size_t next = eol == std::string_view::npos ? masked.size() : eol + 1;
    std::string_view text = masked.substr(line, next - line);
    std::size_t ind = text.find_first_not_of(' ');
    std::string_view stripped =
        ind == std::string_view::npos ? std::string_view() : text.substr(ind);
    if (ind != std::string_view::npos && ind <= 3 &&
        (stripped.starts_with("```") || stripped.starts_with("~~~"))) {
      std::string marker(stripped.substr(0, 3));
      if (!fenced) {
        fenced = true;
        fence = marker;
      } else if (marker == fence) {
        fenced = false;
      }
      std::fill(in_code.begin() + static_cast<std::ptrdiff_t>(line),
                in_code.begin() + static_cast<std::ptrdiff_t>(next), true);
      line = next;
      continue;
    }
    if (fenced || (ind != std::string_view::npos && ind >= 4)) {
      std::fill(in_code.begin() + static_cast<std::ptrdiff_t>(line),
                in_code.begin() + static_cast<std::ptrdiff_t>(next), true);
      line = next;
      continue;
    }
    if (ind == 0 && !stripped.empty() && stripped[0] == '<') {
      std::size_t end = take_html_block(masked, line, closes, out);
      if (end != std::string_view::npos) {
        masked = out.text;
        std::size_t after = masked.find('\n', end);
        line = after == std::string_view::npos ? masked.size() : after + 1;
        continue;
      }
    }
    if (take_ial_line(text, line, out)) {
      line = next;
      continue;
    }
    if (ind == 0 && stripped.starts_with('#'))
      take_header_id(text, line, out);
    take_span_ials(text, line, out);
    take_destinations(text, line, out);
    line = next;
  }
  take_footnotes(out.text, out, in_code);
  // md4c reads a NUL as a character of its own: it ends a text run and makes a copy of any
  // destination holding one, so positions inside a link were lost and the copy showed the
  // pre-pass's masks. kramdown reads NUL as any other non-word character, as md4c reads SUB.
  std::replace(out.text.begin(), out.text.end(), '\0', k_nul_stand_in);
  std::sort(out.liquid.begin(), out.liquid.end(),
            [](const Region& a, const Region& b) { return a.begin < b.begin; });
  return out;
}

} // namespace verity::body
