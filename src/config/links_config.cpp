#include "config/links_config.hpp"

#include "util/ascii.hpp"
#include "util/pattern.hpp"
#include "verity/source_map.hpp"

#include <algorithm>
#include <charconv>

namespace verity::config {
namespace {

std::pair<int, int> status_range(const nlohmann::json& item) {
  if (item.is_number_integer()) {
    int code = item.get<int>();
    return {code, code};
  }
  const std::string text = item.get<std::string>(); // "404" or "200-299" (checked by the schema)
  size_t dash = text.find('-');
  int low = std::stoi(text.substr(0, dash));
  int high = dash == std::string::npos ? low : std::stoi(text.substr(dash + 1));
  return {low, high};
}

StatusRanges status_ranges(const nlohmann::json& items, const std::string& pointer,
                           const std::function<std::string(const std::string&)>& where,
                           std::vector<std::string>& errors) {
  StatusRanges out;
  for (size_t i = 0; i < items.size(); ++i) {
    auto range = status_range(items[i]);
    if (range.first > range.second) {
      errors.push_back(where(pointer + "/" + std::to_string(i)) + ": the range " +
                       items[i].get<std::string>() + " is empty: write LOW-HIGH");
      continue;
    }
    out.push_back(range);
  }
  return out;
}

std::vector<std::string> regexes(const nlohmann::json& section, const char* key,
                                 const std::function<std::string(const std::string&)>& where,
                                 std::vector<std::string>& errors) {
  std::vector<std::string> out;
  if (!section.contains(key)) {
    return out;
  }
  const auto& items = section[key];
  for (size_t i = 0; i < items.size(); ++i) {
    std::string pattern = items[i].get<std::string>();
    std::string error;
    if (util::Pattern::compile(pattern, error)) {
      out.push_back(pattern);
    } else {
      errors.push_back(where("/links/" + std::string(key) + "/" + std::to_string(i)) + ": " +
                       error);
    }
  }
  return out;
}

} // namespace

std::optional<std::int64_t> parse_duration_seconds(const std::string& text) {
  if (text.empty()) {
    return std::nullopt;
  }
  std::int64_t unit = 1;
  std::string digits = text;
  switch (text.back()) {
  case 's':
    digits.pop_back();
    break;
  case 'm':
    unit = 60;
    digits.pop_back();
    break;
  case 'h':
    unit = 3600;
    digits.pop_back();
    break;
  case 'd':
    unit = 86400;
    digits.pop_back();
    break;
  default:
    break;
  }
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || digits.size() > 9 ||
      digits.find_first_not_of("0123456789") != std::string::npos || ec != std::errc() ||
      end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return value * unit;
}

// A header line verity sends must stay one line: CR, LF or NUL in a value from the checkout's
// verity.yaml would let it add headers (or a second request) to every request.
bool one_line(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// An HTTP field name is a token (RFC 9110 §5.1).
bool is_token(std::string_view name) {
  if (name.empty())
    return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok)
      return false;
  }
  return true;
}

LinksConfig parse_links_config(const nlohmann::json& s,
                               const std::function<std::string(const std::string&)>& where,
                               std::vector<std::string>& errors) {
  LinksConfig c;
  c.concurrency = s.value("concurrency", c.concurrency);
  c.per_host = s.value("per_host", c.per_host);
  c.interval_ms = s.value("interval_ms", c.interval_ms);
  c.timeout_seconds = s.value("timeout", c.timeout_seconds);
  c.connect_timeout_seconds = s.value("connect_timeout", c.connect_timeout_seconds);
  c.retries = s.value("retries", c.retries);
  c.methods = s.value("methods", c.methods);
  if (s.contains("accept")) {
    c.accept = status_ranges(s["accept"], "/links/accept", where, errors);
  }
  c.exclude = regexes(s, "exclude", where, errors);
  c.include = regexes(s, "include", where, errors);
  c.user_agent = s.value("user_agent", c.user_agent);
  if (!one_line(c.user_agent)) {
    errors.push_back(where("/links/user_agent") +
                     ": the user agent holds a line break or NUL: write it on one line");
    c.user_agent = LinksConfig{}.user_agent;
  }
  if (s.contains("cache")) {
    c.cache = s["cache"].is_string() ? std::optional(s["cache"].get<std::string>()) : std::nullopt;
  }
  if (s.contains("max_cache_age")) {
    c.max_cache_age_seconds = *parse_duration_seconds(s["max_cache_age"].get<std::string>());
  }
  c.allow_private = s.value("allow_private", c.allow_private);
  c.allow_addresses = s.value("allow_addresses", c.allow_addresses);
  const nlohmann::json hosts = s.value("hosts", nlohmann::json::object());
  for (auto& [name, h] : hosts.items()) {
    LinkHostConfig host;
    if (h.contains("concurrency")) {
      host.concurrency = h["concurrency"].get<unsigned>();
    }
    if (h.contains("interval_ms")) {
      host.interval_ms = h["interval_ms"].get<long>();
    }
    if (h.contains("accept")) {
      host.accept = status_ranges(
          h["accept"], "/links/hosts/" + escape_pointer_token(name) + "/accept", where, errors);
    }
    const nlohmann::json headers = h.value("headers", nlohmann::json::object());
    for (auto& [header, value] : headers.items()) {
      const std::string text = value.get<std::string>();
      if (!is_token(header) || !one_line(text)) {
        errors.push_back(where("/links/hosts/" + escape_pointer_token(name) + "/headers/" +
                               escape_pointer_token(header)) +
                         ": a header name is letters, digits and !#$%&'*+-.^_`|~, and its value "
                         "one line: fix or remove the header");
        continue;
      }
      host.headers.push_back(header + ": " + text);
    }
    c.hosts[util::ascii_lower(name)] = std::move(host);
  }
  return c;
}

} // namespace verity::config
