#include "refs/site_path.hpp"

#include "util/ascii.hpp"

#include <vector>

namespace verity::refs {
namespace {

// RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":", before any '/', '?' or '#'.
bool has_scheme(std::string_view url) {
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > url.find_first_of("/?#")) {
    return false;
  }
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(url[0])) {
    return false;
  }
  for (size_t i = 1; i < colon; ++i) {
    char c = url[i];
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

// The folder a relative URL is written against, with a leading and a trailing '/'.
std::string base_folder(const SiteLocation& where) {
  if (!where.document_url.empty()) {
    std::string_view url = where.document_url;
    size_t slash = url.rfind('/');
    std::string folder(slash == std::string_view::npos ? "" : url.substr(0, slash));
    return (folder.empty() || folder.front() != '/' ? "/" : "") + folder + "/";
  }
  std::string_view file = where.document_file;
  size_t slash = file.rfind('/');
  return slash == std::string_view::npos ? "/" : "/" + std::string(file.substr(0, slash)) + "/";
}

// True when `path` is `prefix` or starts with `prefix` + "/" (a whole path segment).
bool starts_with_segment(std::string_view path, std::string_view prefix) {
  return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

} // namespace

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && util::hex_value(s[i + 1]) >= 0 &&
        util::hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(util::hex_value(s[i + 1]) * 16 + util::hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

SitePath resolve_site_path(std::string_view url, const SiteLocation& where) {
  SitePath out;
  if (url.starts_with("//") || has_scheme(url)) {
    out.kind = SitePath::Kind::External;
    return out;
  }
  size_t hash = url.find('#');
  if (hash != std::string_view::npos) {
    out.fragment = std::string(url.substr(hash));
    url = url.substr(0, hash);
  }
  url = url.substr(0, url.find('?'));
  if (url.empty()) {
    return out; // "", "?q" or "#top": the document itself, no file to find
  }
  std::string path = percent_decode(url);
  if (path.find('\0') != std::string::npos) {
    out.kind = SitePath::Kind::Outside;
    return out;
  }
  if (path.front() == '/') {
    std::string_view base = where.baseurl;
    while (base.ends_with('/')) {
      base.remove_suffix(1);
    }
    if (!base.empty() && starts_with_segment(path, base)) {
      path.erase(0, base.size());
    } else if (!base.empty()) {
      out.without_baseurl = true;
    }
  } else {
    path = base_folder(where) + path;
  }
  out.trailing_slash = path.size() > 1 && path.back() == '/';
  std::vector<std::string_view> segments;
  std::string_view rest = path;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") {
      continue;
    }
    if (segment == "..") {
      if (segments.empty() && where.clamp_at_root) {
        continue;
      }
      if (segments.empty()) {
        out.kind = SitePath::Kind::Outside;
        return out;
      }
      segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  for (const auto& segment : segments) {
    out.path += (out.path.empty() ? "" : "/") + std::string(segment);
  }
  out.kind = SitePath::Kind::Local;
  return out;
}

std::string resolved_text(const SitePath& path) {
  return path.path + path.fragment;
}

} // namespace verity::refs
