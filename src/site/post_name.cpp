#include "site/post_name.hpp"

#include "site/entry_filter.hpp"

namespace verity::site {
namespace {

size_t digits_at(std::string_view s, size_t at) {
  size_t n = 0;
  while (at + n < s.size() && s[at + n] >= '0' && s[at + n] <= '9') {
    ++n;
  }
  return n;
}

// Splits `name` at its last '.': the extension must be non-empty and hold no '.'.
bool split_ext(std::string_view name, std::string_view& stem, std::string_view& ext) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == name.size()) {
    return false;
  }
  stem = name.substr(0, dot);
  ext = name.substr(dot);
  return true;
}

std::string strip_trailing_dots(std::string_view s) {
  while (!s.empty() && s.back() == '.') {
    s.remove_suffix(1);
  }
  return std::string(s);
}

} // namespace

std::optional<PostName> match_dated_name(std::string_view path) {
  std::string_view name = base_name(path);
  size_t i = 0;
  size_t year = digits_at(name, i);
  if (year < 2 || year > 4 || i + year >= name.size() || name[i + year] != '-') {
    return std::nullopt;
  }
  i += year + 1;
  size_t month = digits_at(name, i);
  if (month < 1 || month > 2 || i + month >= name.size() || name[i + month] != '-') {
    return std::nullopt;
  }
  i += month + 1;
  size_t day = digits_at(name, i);
  if (day < 1 || day > 2 || i + day >= name.size() || name[i + day] != '-') {
    return std::nullopt;
  }
  size_t date_end = i + day;
  std::string_view stem;
  std::string_view ext;
  if (!split_ext(name.substr(date_end + 1), stem, ext)) {
    return std::nullopt;
  }
  return PostName{std::string(name.substr(0, date_end)), strip_trailing_dots(stem),
                  std::string(ext)};
}

std::optional<PostName> match_dateless_name(std::string_view path) {
  std::string_view stem;
  std::string_view ext;
  if (!split_ext(base_name(path), stem, ext)) {
    return std::nullopt;
  }
  return PostName{"", strip_trailing_dots(stem), std::string(ext)};
}

} // namespace verity::site
