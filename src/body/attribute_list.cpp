#include "body/attribute_list.hpp"

namespace verity::body {
namespace {

// Ruby's \s and \w (ASCII: Onigmo's \w on these patterns matches [A-Za-z0-9_] only).
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool ends_token(std::string_view s, std::size_t i) {
  return i == s.size() || is_space(s[i]);
}

// ALD_ID_NAME: \w[\w-]*; the end of the name from `i`, or `i` when there is none.
std::size_t name_end(std::string_view s, std::size_t i) {
  if (i >= s.size() || !is_word(s[i]))
    return i;
  ++i;
  while (i < s.size() && (is_word(s[i]) || s[i] == '-'))
    ++i;
  return i;
}

// ALD_TYPE_KEY_VALUE_PAIR at `i`: (\w[\w-]*)=("|')((?:\\\}|\\\2|[^}])*?)\2 followed by a space
// or the end. The lazy value ends at the first quote of its kind that is so followed (Ruby
// backtracks past a backslashed quote to find it); `}` appears only backslashed here.
bool key_value(std::string_view s, std::size_t i, std::size_t& end,
               std::vector<ListedAttribute>& out) {
  std::size_t key_end = name_end(s, i);
  if (key_end == i || key_end + 1 >= s.size() || s[key_end] != '=' ||
      (s[key_end + 1] != '"' && s[key_end + 1] != '\''))
    return false;
  const char quote = s[key_end + 1];
  const std::size_t start = key_end + 2;
  for (std::size_t q = start; q < s.size(); ++q) {
    if (s[q] == '}' && (q == start || s[q - 1] != '\\'))
      return false;
    if (s[q] != quote || !ends_token(s, q + 1))
      continue;
    ListedAttribute attr{std::string(s.substr(i, key_end - i)), {}, start};
    for (std::size_t k = start; k < q; ++k) {
      if (s[k] == '\\' && k + 1 < q && (s[k + 1] == '}' || s[k + 1] == quote))
        ++k;
      attr.value += s[k];
    }
    out.push_back(std::move(attr));
    end = q + 1;
    return true;
  }
  return false;
}

// ALD_TYPE_ID_OR_CLASS_MULTI at `i`: (#[A-Za-z][\w:-]*|\.[^\s.#]+)+ up to a space or the end.
bool ids_and_classes(std::string_view s, std::size_t i, std::size_t& end,
                     std::vector<ListedAttribute>& out) {
  std::vector<ListedAttribute> found;
  std::size_t at = i;
  while (!ends_token(s, at)) {
    std::size_t from = at + 1;
    std::size_t to = from;
    if (s[at] == '#' && from < s.size() && is_letter(s[from])) {
      while (to < s.size() && (is_word(s[to]) || s[to] == ':' || s[to] == '-'))
        ++to;
      found.push_back({"id", std::string(s.substr(from, to - from)), from});
    } else if (s[at] == '.') {
      while (to < s.size() && !is_space(s[to]) && s[to] != '.' && s[to] != '#')
        ++to;
      if (to == from)
        return false;
      found.push_back({"class", std::string(s.substr(from, to - from)), from});
    } else {
      return false;
    }
    at = to;
  }
  if (found.empty())
    return false;
  out.insert(out.end(), found.begin(), found.end());
  end = at;
  return true;
}

} // namespace

std::vector<ListedAttribute> attribute_list(std::string_view list) {
  std::vector<ListedAttribute> out;
  // String#scan: a token starts at the beginning or after a space the previous match did not
  // take; where none matches, the scan moves on by one character.
  std::size_t taken = 0;
  for (std::size_t i = 0; i < list.size();) {
    const bool boundary = i == 0 || (is_space(list[i - 1]) && i - 1 >= taken);
    if (!boundary) {
      ++i;
      continue;
    }
    std::size_t end = i;
    bool matched = key_value(list, i, end, out);
    if (!matched) {
      std::size_t ref_end = name_end(list, i);
      if (ref_end > i && ends_token(list, ref_end)) {
        end = ref_end; // a reference to an attribute list definition: not followed
        matched = true;
      }
    }
    if (!matched)
      matched = ids_and_classes(list, i, end, out);
    if (matched) {
      taken = end;
      i = end + 1; // the space after a match belongs to the next token
    } else {
      ++i;
    }
  }
  return out;
}

} // namespace verity::body
