#include "schema/formats.hpp"

#include <array>
#include <cctype>

namespace verity::schema {
namespace {

bool digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) {
    return false;
  }
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
  }
  return true;
}

int number(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// full-date = YYYY-MM-DD with a real calendar day.
bool valid_date(std::string_view s) {
  if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' ||
      !digits(s, 8, 2)) {
    return false;
  }
  int y = number(s, 0, 4), m = number(s, 5, 2), d = number(s, 8, 2);
  static constexpr std::array<int, 12> k_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) {
    return false;
  }
  int max = k_days[static_cast<size_t>(m - 1)] + ((m == 2 && leap(y)) ? 1 : 0);
  return d <= max;
}

// partial-time [time-offset]: HH:MM:SS[.frac] then Z or +HH:MM / -HH:MM when `need_offset`.
bool valid_time(std::string_view s, bool need_offset) {
  if (!digits(s, 0, 2) || s.size() < 8 || s[2] != ':' || !digits(s, 3, 2) || s[5] != ':' ||
      !digits(s, 6, 2)) {
    return false;
  }
  if (number(s, 0, 2) > 23 || number(s, 3, 2) > 59 || number(s, 6, 2) > 60) {
    return false;
  }
  size_t i = 8;
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
    }
    if (i == start) {
      return false;
    }
  }
  if (i == s.size()) {
    return !need_offset;
  }
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
    return true;
  }
  if ((s[i] == '+' || s[i] == '-') && s.size() == i + 6 && digits(s, i + 1, 2) && s[i + 3] == ':' &&
      digits(s, i + 4, 2)) {
    return number(s, i + 1, 2) <= 23 && number(s, i + 4, 2) <= 59;
  }
  return false;
}

bool valid_date_time(std::string_view s) {
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't')) {
    return false;
  }
  return valid_date(s.substr(0, 10)) && valid_time(s.substr(11), true);
}

bool is_unreserved(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
         c == '~';
}
bool is_sub_delim(char c) {
  return c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' ||
         c == '+' || c == ',' || c == ';' || c == '=';
}

// Checks the characters of an RFC 3986 URI reference: only unreserved, reserved and well-formed
// percent escapes; '[' and ']' only in the authority (IPv6 literals).
bool valid_uri_chars(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        return false;
      }
      i += 2;
    } else if (!(is_unreserved(c) || is_sub_delim(c) || c == ':' || c == '/' || c == '?' ||
                 c == '#' || c == '@' || c == '[' || c == ']')) {
      return false;
    }
  }
  return true;
}

bool valid_hostname(std::string_view s) {
  if (s.empty() || s.size() > 253) {
    return false;
  }
  if (s.back() == '.') {
    s.remove_suffix(1);
  }
  size_t start = 0;
  while (start <= s.size()) {
    size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return false;
      }
    }
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  return true;
}

bool valid_uri(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos ||
      !std::isalpha(static_cast<unsigned char>(s[0]))) {
    return false;
  }
  for (size_t i = 1; i < colon; ++i) {
    char c = s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  if (!valid_uri_chars(s.substr(colon + 1))) {
    return false;
  }
  std::string_view rest = s.substr(colon + 1);
  if (rest.substr(0, 2) == "//") {
    // authority = [userinfo@]host[:port]; http(s) needs a host
    std::string_view auth = rest.substr(2, rest.find_first_of("/?#", 2) - 2);
    size_t at = auth.rfind('@');
    std::string_view hostport = at == std::string_view::npos ? auth : auth.substr(at + 1);
    std::string_view host = hostport;
    if (!hostport.empty() && hostport.front() == '[') {
      size_t close = hostport.find(']');
      if (close == std::string_view::npos) {
        return false;
      }
      host = hostport.substr(0, close + 1);
      hostport.remove_prefix(close + 1);
    } else {
      size_t pc = hostport.rfind(':');
      host = hostport.substr(0, pc);
      hostport = pc == std::string_view::npos ? std::string_view() : hostport.substr(pc);
    }
    if (!hostport.empty() && hostport.front() == ':') {
      for (char c : hostport.substr(1)) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
          return false;
        }
      }
    }
    std::string_view scheme = s.substr(0, colon);
    bool web = scheme == "http" || scheme == "https";
    if (web && host.empty()) {
      return false;
    }
    if (host.find('[') != std::string_view::npos && host.front() != '[') {
      return false;
    }
  } else if (rest.find_first_of("[]") != std::string_view::npos) {
    return false;
  }
  return true;
}

bool valid_email(std::string_view s) {
  size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64) {
    return false;
  }
  std::string_view local = s.substr(0, at);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : local) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) ||
          std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos)) {
      return false;
    }
  }
  std::string_view domain = s.substr(at + 1);
  return domain.find('.') != std::string_view::npos && valid_hostname(domain);
}

// An ISO 8601 duration as JSON Schema 2019-09 reads it (RFC 3339 appendix A): P, then years,
// months, days in that order, then T and hours, minutes, seconds; or weeks alone. Components
// may be left out (PT1H30S, as the common validators accept, though the appendix's grammar would
// not), but at least one is given and a T is followed by one. No fractions, no sign.
bool valid_duration(std::string_view s) {
  if (s.size() < 3 || s[0] != 'P') {
    return false;
  }
  size_t i = 1;
  auto component = [&](char unit) {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
    if (i == start || i == s.size() || s[i] != unit) {
      i = start;
      return false;
    }
    ++i;
    return true;
  };
  if (component('W')) {
    return i == s.size();
  }
  bool any = false;
  for (char unit : {'Y', 'M', 'D'}) {
    any = component(unit) || any;
  }
  if (i < s.size() && s[i] == 'T') {
    ++i;
    bool any_time = false;
    for (char unit : {'H', 'M', 'S'}) {
      any_time = component(unit) || any_time;
    }
    if (!any_time) {
      return false;
    }
    any = true;
  }
  return any && i == s.size();
}

} // namespace

bool is_known_format(std::string_view name) {
  return name == "date-time" || name == "date" || name == "time" || name == "uri" ||
         name == "uri-reference" || name == "email" || name == "hostname" || name == "duration";
}

bool check_format(std::string_view format, std::string_view value) {
  if (format == "date-time") {
    return valid_date_time(value);
  }
  if (format == "date") {
    return valid_date(value);
  }
  if (format == "time") {
    return valid_time(value, true);
  }
  if (format == "uri") {
    return valid_uri(value);
  }
  if (format == "uri-reference") {
    return valid_uri(value) ||
           (!value.empty() && value.find(':') == std::string_view::npos && valid_uri_chars(value) &&
            value.find_first_of("[]") == std::string_view::npos) ||
           (!value.empty() && value.find(':') != std::string_view::npos &&
            value.find_first_of("/?#") < value.find(':') && valid_uri_chars(value));
  }
  if (format == "email") {
    return valid_email(value);
  }
  if (format == "hostname") {
    return valid_hostname(value);
  }
  if (format == "duration") {
    return valid_duration(value);
  }
  return true;
}

std::string_view format_hint(std::string_view format) {
  if (format == "date-time") {
    return "an RFC 3339 date-time with a zone, e.g. 2020-05-19T15:00:00Z";
  }
  if (format == "date") {
    return "a calendar date YYYY-MM-DD";
  }
  if (format == "time") {
    return "an RFC 3339 time with a zone, e.g. 15:00:00Z";
  }
  if (format == "uri") {
    return "an absolute URI such as https://example.org/page, with spaces and other unsafe "
           "characters percent-encoded";
  }
  if (format == "uri-reference") {
    return "a URI or a path such as /assets/a.png, with unsafe characters percent-encoded";
  }
  if (format == "email") {
    return "an e-mail address such as name@example.org";
  }
  if (format == "hostname") {
    return "a host name such as example.org";
  }
  if (format == "duration") {
    return "an ISO 8601 duration such as PT1H30M (1 h 30 min) or P3D (3 days)";
  }
  return "";
}

} // namespace verity::schema
