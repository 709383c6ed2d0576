#include "frontmatter/scalar_typing.hpp"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <limits>

namespace verity::frontmatter {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Matches -?(0|[1-9][0-9]*) and returns the length consumed (0 when no match).
size_t match_json_int(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    ++i;
  }
  if (i >= s.size() || !is_digit(s[i])) {
    return 0;
  }
  if (s[i] == '0') {
    return i + 1;
  }
  while (i < s.size() && is_digit(s[i])) {
    ++i;
  }
  return i;
}

bool is_json_integer(std::string_view s) {
  size_t n = match_json_int(s);
  return n > 0 && n == s.size();
}

bool is_json_number(std::string_view s) {
  size_t i = match_json_int(s);
  if (i == 0) {
    return false;
  }
  // One or more digits from i; false when there are none.
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
    }
    return i > start;
  };
  bool more = false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) {
      return false;
    }
    more = true;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    if (!digits()) {
      return false;
    }
    more = true;
  }
  return more && i == s.size();
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) {
    return false;
  }
  for (char c : s) {
    if (!pred(c)) {
      return false;
    }
  }
  return true;
}

} // namespace

nlohmann::json resolve_plain_scalar(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  if (is_json_integer(text)) {
    std::string copy(text);
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(copy.c_str(), &end, 10);
    if (errno != ERANGE) {
      return static_cast<std::int64_t>(v);
    }
    return std::strtod(copy.c_str(), nullptr);
  }
  if (is_json_number(text)) {
    std::string copy(text);
    return std::strtod(copy.c_str(), nullptr);
  }
  return std::string(text);
}

std::optional<std::string> yaml11_reading(std::string_view text) {
  static constexpr std::array<std::string_view, 8> k_true = {"y",   "Y",  "yes", "Yes",
                                                             "YES", "on", "On",  "ON"};
  static constexpr std::array<std::string_view, 8> k_false = {"n",  "N",   "no",  "No",
                                                              "NO", "off", "Off", "OFF"};
  for (auto t : k_true) {
    if (text == t) {
      return "the boolean true";
    }
  }
  for (auto f : k_false) {
    if (text == f) {
      return "the boolean false";
    }
  }
  if (text.empty()) {
    return std::nullopt;
  }
  std::string_view body = text;
  if (body[0] == '+' || body[0] == '-') {
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return "infinity";
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    return "not-a-number";
  }
  if (body.empty()) {
    return std::nullopt;
  }
  auto hex = [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
  auto digit_or_us = [](char c) { return is_digit(c) || c == '_'; };
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    bool ok = true;
    for (char c : body.substr(2)) {
      ok = ok && (hex(c) || c == '_');
    }
    if (ok) {
      return "a hexadecimal number";
    }
  }
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'o' || body[1] == 'b')) {
    return std::nullopt; // 0o17 is 1.2 only and 0b1 is 1.1 only; neither is verity's integer
  }
  if (all_of(body, digit_or_us)) {
    if (body.find('_') != std::string_view::npos) {
      return "a number with digit separators";
    }
    if (body.size() > 1 && body[0] == '0') {
      return "an octal number";
    }
    if (text[0] == '+') {
      return "a number";
    }
    return std::nullopt; // a plain integer: both agree
  }
  // Sexagesimal 1:20 (= 80 in YAML 1.1): digits, then one or more :[0-5]?[0-9] groups.
  size_t colon = body.find(':');
  if (colon != std::string_view::npos && colon > 0 && all_of(body.substr(0, colon), digit_or_us)) {
    bool ok = true;
    std::string_view rest = body.substr(colon);
    while (!rest.empty() && ok) {
      if (rest[0] != ':') {
        ok = false;
        break;
      }
      rest.remove_prefix(1);
      size_t n = 0;
      while (n < rest.size() && n < 2 && is_digit(rest[n])) {
        ++n;
      }
      ok = n > 0 && (n == 1 || rest[0] <= '5');
      rest.remove_prefix(n);
    }
    if (ok) {
      return "a sexagesimal number";
    }
  }
  // Floats 1.1 accepts but verity's JSON typing does not: .5, 1., 1_000.5, +1.5
  if (body.find('.') != std::string_view::npos) {
    bool ok = true;
    int dots = 0;
    for (char c : body) {
      if (c == '.') {
        ++dots;
      } else if (!digit_or_us(c)) {
        ok = false;
      }
    }
    if (ok && dots == 1 && body.size() > 1 && !is_json_number(text)) {
      return "a floating-point number";
    }
  }
  return std::nullopt;
}

} // namespace verity::frontmatter
