// Ports of lib/jekyll/url.rb and the permalink parts of configuration.rb and utils.rb.
#include "site/url.hpp"

#include "util/ascii.hpp"

namespace verity::site {
namespace {

using util::hex_value;

bool plain_path_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '/' || c == '-';
}

// Addressable's path/query/fragment classes: unreserved, sub-delims, ':', '@', '/', '?'.
bool uri_char(char c) {
  return plain_path_char(c) || c == '_' || c == '~' ||
         std::string_view("!$&'()*+,;=:@?").find(c) != std::string_view::npos;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  if (from.empty()) {
    return;
  }
  std::string out;
  size_t at = 0;
  for (size_t hit; (hit = s.find(from, at)) != std::string::npos; at = hit + from.size()) {
    out.append(s, at, hit - at);
    out.append(to);
  }
  out.append(s, at, std::string::npos);
  s = std::move(out);
}

bool is_placeholder_char(char c) {
  return (c >= 'a' && c <= 'z') || c == '_';
}

} // namespace

std::string escape_path(std::string_view value) {
  bool plain = true;
  for (char c : value) {
    plain = plain && plain_path_char(c);
  }
  if (value.empty() || plain) {
    return std::string(value);
  }
  static const char* const k_hex = "0123456789ABCDEF";
  std::string out;
  bool hash_seen = false;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '#' && !hash_seen) {
      hash_seen = true; // the fragment separator, then `.sub("#", "%23")`
      out += "%23";
    } else if (uri_char(ch)) {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

std::string unescape_path(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size()) {
      int hi = hex_value(url[i + 1]);
      int lo = hex_value(url[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += url[i];
  }
  return out;
}

std::string sanitize_url(std::string_view url) {
  std::string s = "/" + std::string(url);
  replace_all(s, "..", "/");
  replace_all(s, "./", "");
  std::string out;
  for (char c : s) {
    if (c == '/' && !out.empty() && out.back() == '/') {
      continue;
    }
    out += c;
  }
  return out;
}

std::optional<std::string>
fill_template(std::string_view tmpl,
              const std::function<std::optional<std::string>(std::string_view)>& lookup,
              std::string* unknown) {
  std::string out;
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] != ':' || i + 1 >= tmpl.size() || !is_placeholder_char(tmpl[i + 1])) {
      out += tmpl[i++];
      continue;
    }
    size_t end = i + 1;
    while (end < tmpl.size() && is_placeholder_char(tmpl[end])) {
      ++end;
    }
    std::string_view name = tmpl.substr(i + 1, end - i - 1);
    std::string_view suffix;
    if (name.size() > 1 && name.back() == '_') {
      // `[name, name.chomp!("_")]` mutates `name` first, so only the chomped key is tried, and
      // the '_' survives `match.sub!(":key", value)`.
      name.remove_suffix(1);
      suffix = "_";
    }
    auto value = lookup(name);
    if (!value) {
      if (unknown) {
        *unknown = std::string(name);
      }
      return std::nullopt;
    }
    out += escape_path(*value);
    out += suffix;
    i = end;
  }
  return out;
}

std::string fill_template_from_hash(
    std::string tmpl, const std::vector<std::pair<std::string, std::optional<std::string>>>& hash) {
  for (const auto& [key, value] : hash) {
    if (tmpl.find(':') == std::string::npos) {
      break;
    }
    if (!value) {
      replace_all(tmpl, "/:" + key, "");
    } else {
      replace_all(tmpl, ":" + key, escape_path(*value));
    }
  }
  return tmpl;
}

std::string style_to_permalink(const std::string& style) {
  if (style == "none") {
    return "/:categories/:title:output_ext";
  }
  if (style == "date") {
    return "/:categories/:year/:month/:day/:title:output_ext";
  }
  if (style == "ordinal") {
    return "/:categories/:year/:y_day/:title:output_ext";
  }
  if (style == "pretty") {
    return "/:categories/:year/:month/:day/:title/";
  }
  if (style == "weekdate") {
    return "/:categories/:year/W:week/:short_day/:title:output_ext";
  }
  return style;
}

std::string add_permalink_suffix(std::string tmpl, const std::string& style) {
  auto ends_with = [&](std::string_view s) {
    return style.size() >= s.size() && style.compare(style.size() - s.size(), s.size(), s) == 0;
  };
  if (style == "pretty") {
    tmpl += "/";
  } else if (style == "date" || style == "ordinal" || style == "none") {
    tmpl += ":output_ext";
  } else {
    if (ends_with("/")) {
      tmpl += "/";
    }
    if (ends_with(":output_ext")) {
      tmpl += ":output_ext";
    }
  }
  return tmpl;
}

std::string output_path_of(std::string_view url, std::string_view output_ext, bool page) {
  std::string path = unescape_path(url);
  auto ends_with = [&](std::string_view s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  if (!path.empty() && path.back() == '/') {
    path += page ? "index" : "index.html"; // Page#destination / Document#destination
  }
  bool document_index = !page && !url.empty() && url.back() == '/';
  if (!document_index && !ends_with(output_ext)) {
    path += output_ext;
  }
  size_t start = path.find_first_not_of('/');
  return start == std::string::npos ? std::string() : path.substr(start);
}

std::string served_baseurl(std::string_view baseurl) {
  while (!baseurl.empty() && baseurl.back() == '/')
    baseurl.remove_suffix(1);
  if (baseurl.empty() || baseurl.front() == '/')
    return std::string(baseurl);
  return "/" + std::string(baseurl);
}

} // namespace verity::site
