#include "net/url.hpp"

#include "net/curl_handles.hpp"

#include <algorithm>

namespace verity::net {
namespace {

std::string url_part(const std::string& url, CURLUPart part, unsigned flags) {
  Url u(curl_url());
  char* value = nullptr;
  std::string out;
  if (u && curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u.get(), part, &value, flags) == CURLUE_OK) {
    out = value;
  }
  curl_free(value);
  return out;
}

} // namespace

std::string url_host(const std::string& url) {
  return util::ascii_lower(url_part(url, CURLUPART_HOST, 0));
}

std::string url_authority(const std::string& url) {
  std::string host = url_host(url);
  if (host.empty()) {
    return "";
  }
  return host + ":" + url_part(url, CURLUPART_PORT, CURLU_DEFAULT_PORT);
}

std::string redact_url(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) {
    return url;
  }
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  size_t at = url.rfind('@', end == std::string::npos ? url.size() : end);
  if (at == std::string::npos || at < start) {
    return url;
  }
  return url.substr(0, start) + url.substr(at + 1);
}

} // namespace verity::net
