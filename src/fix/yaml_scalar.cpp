#include "fix/yaml_scalar.hpp"

namespace verity::fix {
namespace {

bool space(char c) { return c == ' ' || c == '\t'; }
bool line_break(char c) { return c == '\n' || c == '\r'; }

std::size_t line_start(std::string_view yaml, std::size_t offset) {
  const std::size_t nl = offset == 0 ? std::string_view::npos : yaml.rfind('\n', offset - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t indentation(std::string_view yaml, std::size_t start) {
  std::size_t i = start;
  while (i < yaml.size() && yaml[i] == ' ')
    ++i;
  return i - start;
}

// The end of a quoted scalar opening at `offset` (the index of its closing quote), or npos.
std::size_t closing_quote(std::string_view yaml, std::size_t offset, char quote) {
  for (std::size_t i = offset + 1; i < yaml.size(); ++i) {
    if (quote == '"' && yaml[i] == '\\') {
      ++i; // the escaped character, whatever it is
    } else if (yaml[i] == quote) {
      if (quote == '\'' && i + 1 < yaml.size() && yaml[i + 1] == '\'') {
        ++i; // '' is one quote inside single quotes
        continue;
      }
      return i;
    }
  }
  return std::string_view::npos;
}

} // namespace

ScalarStyle style_at(std::string_view yaml, std::size_t offset) {
  if (offset >= yaml.size())
    return ScalarStyle::Plain;
  switch (yaml[offset]) {
  case '\'':
    return ScalarStyle::SingleQuoted;
  case '"':
    return ScalarStyle::DoubleQuoted;
  case '|':
    return ScalarStyle::Literal;
  case '>':
    return ScalarStyle::Folded;
  default:
    return ScalarStyle::Plain;
  }
}

std::size_t plain_token_end(std::string_view yaml, std::size_t offset) {
  std::size_t i = offset;
  while (i < yaml.size() && !space(yaml[i]) && !line_break(yaml[i]) && yaml[i] != ',' &&
         yaml[i] != ']' && yaml[i] != '}' && yaml[i] != '#') {
    // `: ` ends a key; a colon inside a token (1:20, a URL) does not.
    if (yaml[i] == ':' && (i + 1 == yaml.size() || space(yaml[i + 1]) || line_break(yaml[i + 1])))
      break;
    ++i;
  }
  return i;
}

std::optional<std::size_t> find_in_scalar(std::string_view yaml, std::size_t offset,
                                          ScalarStyle style, std::string_view raw) {
  if (raw.empty() || offset >= yaml.size())
    return std::nullopt;
  switch (style) {
  case ScalarStyle::Plain:
    if (yaml.substr(offset).starts_with(raw))
      return offset;
    return std::nullopt;
  case ScalarStyle::SingleQuoted:
  case ScalarStyle::DoubleQuoted: {
    const std::size_t close = closing_quote(yaml, offset, yaml[offset]);
    if (close == std::string_view::npos)
      return std::nullopt;
    const std::size_t at = yaml.substr(0, close).find(raw, offset + 1);
    if (at == std::string_view::npos)
      return std::nullopt;
    return at;
  }
  case ScalarStyle::Literal:
  case ScalarStyle::Folded: {
    // Content lines follow the header's line, indented deeper than it (or blank).
    const std::size_t parent = indentation(yaml, line_start(yaml, offset));
    std::size_t line = yaml.find('\n', offset);
    while (line != std::string_view::npos && line + 1 < yaml.size()) {
      const std::size_t start = line + 1;
      std::size_t end = yaml.find('\n', start);
      if (end == std::string_view::npos)
        end = yaml.size();
      const std::string_view text = yaml.substr(start, end - start);
      const bool blank = text.find_first_not_of(" \t\r") == std::string_view::npos;
      if (!blank && indentation(yaml, start) <= parent)
        return std::nullopt;
      if (const std::size_t at = text.find(raw); at != std::string_view::npos)
        return start + at;
      line = end < yaml.size() ? end : std::string_view::npos;
    }
    return std::nullopt;
  }
  }
  return std::nullopt;
}

std::optional<std::string> written_in(ScalarStyle style, std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (style == ScalarStyle::DoubleQuoted) {
      static constexpr char k_hex[] = "0123456789ABCDEF";
      if (c == '\\' || c == '"') {
        out += '\\';
        out += c;
      } else if (u < 0x20 || u == 0x7F) {
        out += "\\x";
        out += k_hex[u >> 4];
        out += k_hex[u & 0xF];
      } else {
        out += c;
      }
      continue;
    }
    if (u < 0x20 || u == 0x7F)
      return std::nullopt; // a line break or a control character has no place here
    out += c;
    if (style == ScalarStyle::SingleQuoted && c == '\'')
      out += '\'';
  }
  return out;
}

std::string quoted(std::string_view token) {
  if (token.find('\'') == std::string_view::npos)
    return "'" + std::string(token) + "'";
  return "\"" + *written_in(ScalarStyle::DoubleQuoted, token) + "\"";
}

} // namespace verity::fix
