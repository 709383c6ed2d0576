#include "links/extract.hpp"

#include "net/url.hpp"

#include <algorithm>

namespace verity::links {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
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

std::vector<LinkRef> link_refs(const std::vector<refs::Reference>& references) {
  std::vector<LinkRef> out;
  for (const auto& ref : references) {
    if (ref.kind == refs::ReferenceKind::Link) {
      const bool body = ref.origin.source == refs::Origin::Source::Body;
      out.push_back({ref.file, ref.origin.pointer, ref.raw, ref.origin.position, body,
                     ref.origin.offset});
    }
  }
  return out;
}

} // namespace verity::links
