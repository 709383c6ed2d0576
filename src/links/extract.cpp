#include "links/extract.hpp"

#include "net/url.hpp"

#include <algorithm>

namespace verity::links {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_image_object(const nlohmann::json& obj) {
  return obj.is_object() && obj.contains("url") &&
         (obj.contains("width") || obj.contains("height"));
}

bool looks_like_absolute_url(const std::string& s) {
  size_t sep = s.find("://");
  return sep != std::string::npos && sep > 0 && s.find_first_of(" \t\n\"<>") == std::string::npos &&
         std::all_of(s.begin(), s.begin() + static_cast<long>(sep), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
         });
}

void walk(const Document& doc, const nlohmann::json& node, const std::string& pointer,
          std::vector<LinkRef>& out, int depth) {
  if (depth > 64) {
    return;
  }
  if (node.is_string()) {
    const std::string& s = node.get_ref<const std::string&>();
    if (looks_like_absolute_url(s)) {
      out.push_back({doc.path, pointer, s, doc.map.find(pointer).value});
    }
    return;
  }
  if (node.is_object()) {
    bool image = is_image_object(node);
    for (auto& [k, v] : node.items()) {
      if (image && k == "url") {
        continue; // fetched by the image probe
      }
      walk(doc, v, pointer + "/" + escape_pointer_token(k), out, depth + 1);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      walk(doc, node[i], pointer + "/" + std::to_string(i), out, depth + 1);
    }
  }
}

} // namespace

bool reserved_example_host(const std::string& url) {
  std::string h = net::url_host(url);
  for (const char* base : {"example.com", "example.net", "example.org"}) {
    if (h == base || ends_with(h, std::string(".") + base)) {
      return true;
    }
  }
  for (const char* tld : {".test", ".invalid", ".example", ".localhost"}) {
    if (ends_with(h, tld) || h == std::string(tld + 1)) {
      return true;
    }
  }
  return false;
}

std::vector<LinkRef> extract_links(const Document& doc) {
  std::vector<LinkRef> out;
  if (doc.parsed) {
    walk(doc, doc.data, "", out, 0);
  }
  return out;
}

} // namespace verity::links
