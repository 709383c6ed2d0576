#include "frontmatter/simple_yaml.hpp"

#include "util/ascii.hpp"
#include "util/utf8.hpp"

#include <cstdint>

namespace verity::frontmatter {
namespace {

using Kind = SimpleEvent::Kind;

// One line that holds a token (not blank, not only a comment).
struct Line {
  int number = 0;     // 0-based
  size_t start = 0;   // offset of the line's first byte
  size_t content = 0; // offset of its first non-space byte
  size_t end = 0;     // offset of its line break ("\n" or "\r\n"; or the text's end)
  int indent() const { return static_cast<int>(content - start); }
};

// Bytes the fast reader leaves to yaml-cpp wherever they appear: controls other than '\n' and
// the CR of a CRLF (tabs, a lone CR), DEL, and the code points YAML or yaml-cpp may treat as
// breaks or marks (NEL, LS, PS, BOM).
bool has_declined_bytes(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    }
    if ((c < 0x20 && c != '\n') || c == 0x7f) {
      return true;
    }
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      return true;
    }
    if (c == 0xe2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0xa8 ||
         static_cast<unsigned char>(text[i + 2]) == 0xa9)) {
      return true;
    }
    if (c == 0xef && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xbb &&
        static_cast<unsigned char>(text[i + 2]) == 0xbf) {
      return true;
    }
  }
  return false;
}

bool is_space_or_end(std::string_view s, size_t i) {
  return i >= s.size() || s[i] == ' ';
}

// Characters that may not open a plain scalar here (YAML's c-indicator), with '-', '?' and ':'
// allowed only before a non-space (as in "-5") for values and never for keys.
bool opens_plain(std::string_view s, bool key) {
  if (s.empty()) {
    return false;
  }
  switch (s[0]) {
  case '[':
  case ']':
  case '{':
  case '}':
  case ',':
  case '#':
  case '&':
  case '*':
  case '!':
  case '|':
  case '>':
  case '\'':
  case '"':
  case '%':
  case '@':
  case '`':
    return false;
  case '-':
  case '?':
  case ':':
    return !key && !is_space_or_end(s, 1);
  default:
    return true;
  }
}

class Reader {
public:
  explicit Reader(std::string_view text) : m_text(text) {}

  std::optional<std::vector<SimpleEvent>> read() {
    if (has_declined_bytes(m_text) || !util::is_valid_utf8(m_text) || !split_lines()) {
      return std::nullopt;
    }
    if (m_lines.empty() || m_lines[0].indent() != 0) {
      return std::nullopt;
    }
    for (m_at = 0; m_at < m_lines.size(); ++m_at) {
      if (!line(m_lines[m_at])) {
        return std::nullopt;
      }
    }
    while (!m_frames.empty()) {
      pop();
    }
    return std::move(m_events);
  }

private:
  struct Frame {
    bool is_map = true;
    int indent = 0;
    bool beside_key = false; // a sequence at its parent key's indent (`key:` then `- a`)
  };

  // The significant lines; false for document markers and directives, which yaml-cpp reads.
  bool split_lines() {
    size_t i = 0;
    int number = 0;
    if (m_text.substr(0, 3) == "---") {
      size_t eol = m_text.find('\n');
      eol = eol == std::string_view::npos ? m_text.size() : eol;
      if (m_text.substr(3, content_end(eol) - 3).find_first_not_of(' ') != std::string_view::npos) {
        return false; // content on the `---` line
      }
      i = eol + 1;
      number = 1;
    }
    for (; i < m_text.size(); ++number) {
      size_t eol = m_text.find('\n', i);
      eol = eol == std::string_view::npos ? m_text.size() : eol;
      std::string_view raw = m_text.substr(i, content_end(eol) - i);
      if (raw.substr(0, 3) == "---" || raw.substr(0, 3) == "..." || raw.substr(0, 1) == "%") {
        return false;
      }
      size_t first = raw.find_first_not_of(' ');
      if (first != std::string_view::npos && raw[first] != '#') {
        m_lines.push_back({number, i, i + first, content_end(eol)});
      }
      i = eol + 1;
    }
    return true;
  }

  // The end of a line's text: its '\n' at `eol`, or the CR before it.
  size_t content_end(size_t eol) const {
    return eol > 0 && eol <= m_text.size() && m_text[eol - 1] == '\r' ? eol - 1 : eol;
  }

  SimpleMark mark_at(size_t offset, const Line& l) const {
    return {static_cast<int>(offset), l.number, static_cast<int>(offset - l.start)};
  }

  // Where yaml-cpp marks a missing value: the next token, or the end of the text.
  SimpleMark next_token_mark() const {
    if (m_at + 1 < m_lines.size()) {
      const Line& next = m_lines[m_at + 1];
      return mark_at(next.content, next);
    }
    // yaml-cpp's mark past the last token: the text's end, on the line after its last break,
    // column 0 even when the last line has text.
    SimpleMark end;
    end.pos = static_cast<int>(m_text.size());
    for (char c : m_text) {
      end.line += c == '\n';
    }
    return end;
  }

  void emit(Kind kind, SimpleMark mark, bool plain = true, std::string value = {}) {
    m_events.push_back({kind, mark, plain, std::move(value)});
  }

  // A plain scalar, which yaml-cpp's parser gives as a null event when it spells null (as a key
  // too, where the builder refuses it).
  void emit_plain(SimpleMark mark, std::string_view text) {
    if (text == "~" || text == "null" || text == "Null" || text == "NULL") {
      emit(Kind::Null, mark);
    } else {
      emit(Kind::Scalar, mark, true, std::string(text));
    }
  }

  void pop() {
    emit(m_frames.back().is_map ? Kind::MapEnd : Kind::SeqEnd, {});
    m_frames.pop_back();
  }

  static bool is_dash(std::string_view content) {
    return content[0] == '-' && is_space_or_end(content, 1);
  }

  std::string_view content_of(const Line& l) const {
    return m_text.substr(l.content, l.end - l.content);
  }

  bool line(const Line& l) {
    std::string_view content = content_of(l);
    if (m_frames.empty()) {
      if (is_dash(content)) {
        return false; // a list at the root: left to yaml-cpp (front matter must be a mapping)
      }
      m_frames.push_back({true, 0, false});
      emit(Kind::MapStart, mark_at(l.content, l));
    }
    while (m_frames.back().indent > l.indent()) {
      pop();
      if (m_frames.empty()) {
        return false;
      }
    }
    if (!m_frames.back().is_map) {
      Frame& seq = m_frames.back();
      if (seq.indent == l.indent() && is_dash(content)) {
        return item(l);
      }
      if (seq.indent == l.indent() && seq.beside_key) {
        pop(); // the key after a sequence written at its key's indent
      } else {
        return false;
      }
    }
    if (m_frames.back().indent != l.indent() || is_dash(content)) {
      return false;
    }
    return entry(l, l.content);
  }

  // `- value` or `- key: value` at a sequence's indent.
  bool item(const Line& l) {
    size_t at = l.content + 1;
    while (at < l.end && m_text[at] == ' ') {
      ++at;
    }
    if (at >= l.end) {
      return false; // `-` alone: its value is on the lines below
    }
    std::string_view rest = m_text.substr(at, l.end - at);
    if (is_dash(rest)) {
      return false;
    }
    if (key_end(rest)) {
      m_frames.push_back({true, static_cast<int>(at - l.start), false});
      emit(Kind::MapStart, mark_at(at, l));
      return entry(l, at);
    }
    return scalar(l, at);
  }

  // Where a plain key ends (the ':' before a space or the line's end), or nullopt.
  static std::optional<size_t> key_end(std::string_view s) {
    if (!opens_plain(s, true)) {
      return std::nullopt;
    }
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '#' && i > 0 && s[i - 1] == ' ') {
        return std::nullopt;
      }
      if (s[i] == ':' && is_space_or_end(s, i + 1)) {
        if (s[i - 1] == ' ' || i > 1000) {
          return std::nullopt; // `key :`, or past YAML's 1024-character implicit-key limit
        }
        return i;
      }
    }
    return std::nullopt;
  }

  // `key: value`, `key:` (value below, or null) at `at`.
  bool entry(const Line& l, size_t at) {
    std::string_view rest = m_text.substr(at, l.end - at);
    auto colon = key_end(rest);
    if (!colon) {
      return false;
    }
    emit_plain(mark_at(at, l), rest.substr(0, *colon));
    size_t value = at + *colon + 1;
    while (value < l.end && m_text[value] == ' ') {
      ++value;
    }
    if (value < l.end && m_text[value] != '#') {
      return scalar(l, value);
    }
    return value_below();
  }

  // The value of a `key:` that ends its line: a block below it, or null.
  bool value_below() {
    const int key_indent = m_frames.back().indent;
    if (m_at + 1 < m_lines.size()) {
      const Line& next = m_lines[m_at + 1];
      std::string_view content = content_of(next);
      if (next.indent() > key_indent) {
        if (is_dash(content)) {
          m_frames.push_back({false, next.indent(), false});
          emit(Kind::SeqStart, mark_at(next.content, next));
        } else {
          m_frames.push_back({true, next.indent(), false});
          emit(Kind::MapStart, mark_at(next.content, next));
        }
        return true;
      }
      if (next.indent() == key_indent && is_dash(content)) {
        m_frames.push_back({false, key_indent, true});
        emit(Kind::SeqStart, mark_at(next.content, next));
        return true;
      }
    }
    emit(Kind::Null, next_token_mark());
    return true;
  }

  // A one-line scalar from `at` to the line's end (a comment may follow it).
  bool scalar(const Line& l, size_t at) {
    std::string_view rest = m_text.substr(at, l.end - at);
    if (rest[0] == '"' || rest[0] == '\'') {
      std::string value;
      size_t close = rest[0] == '"' ? double_quoted(rest, value) : single_quoted(rest, value);
      if (close == 0 || !only_comment_after(rest, close + 1)) {
        return false;
      }
      emit(Kind::Scalar, mark_at(at, l), false, std::move(value));
      return true;
    }
    if (!opens_plain(rest, false)) {
      return false;
    }
    size_t end = rest.size();
    for (size_t i = 1; i < rest.size(); ++i) {
      if (rest[i] == '#' && rest[i - 1] == ' ') {
        end = i;
        break;
      }
      if (rest[i] == ':' && is_space_or_end(rest, i + 1)) {
        return false; // `a: b: c`: a mapping where none may start
      }
    }
    while (end > 0 && rest[end - 1] == ' ') {
      --end;
    }
    emit_plain(mark_at(at, l), rest.substr(0, end));
    return true;
  }

  static bool only_comment_after(std::string_view rest, size_t i) {
    size_t j = i;
    while (j < rest.size() && rest[j] == ' ') {
      ++j;
    }
    return j == rest.size() || (rest[j] == '#' && j > i);
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  // The offset of the closing quote (0 when there is none on the line or an escape is one the
  // fast reader leaves to yaml-cpp), the decoded text in `out`.
  static size_t double_quoted(std::string_view s, std::string& out) {
    for (size_t i = 1; i < s.size(); ++i) {
      char c = s[i];
      if (c == '"') {
        return i;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (++i >= s.size()) {
        return 0;
      }
      switch (s[i]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        if (i + 4 >= s.size()) {
          return 0;
        }
        std::uint32_t cp = 0;
        for (size_t k = 1; k <= 4; ++k) {
          int h = util::hex_value(s[i + k]);
          if (h < 0) {
            return 0;
          }
          cp = cp * 16 + static_cast<std::uint32_t>(h);
        }
        if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff)) {
          return 0; // NUL and surrogates: left to yaml-cpp
        }
        append_utf8(out, cp);
        i += 4;
        break;
      }
      default:
        return 0;
      }
    }
    return 0;
  }

  static size_t single_quoted(std::string_view s, std::string& out) {
    for (size_t i = 1; i < s.size(); ++i) {
      if (s[i] != '\'') {
        out += s[i];
      } else if (i + 1 < s.size() && s[i + 1] == '\'') {
        out += '\'';
        ++i;
      } else {
        return i;
      }
    }
    return 0;
  }

  std::string_view m_text;
  std::vector<Line> m_lines;
  size_t m_at = 0;
  std::vector<Frame> m_frames;
  std::vector<SimpleEvent> m_events;
};

} // namespace

std::optional<std::vector<SimpleEvent>> read_simple_yaml(std::string_view text) {
  return Reader(text).read();
}

} // namespace verity::frontmatter
