// URL pieces the network layer and its callers need, parsed by libcurl's URL API so that verity
// and libcurl never disagree about where a host name ends.
#pragma once

#include "util/ascii.hpp"

#include <map>
#include <string>

namespace verity::net {

// The lowercase host of a URL ("" when it does not parse).
std::string url_host(const std::string& url);

// "host:port" with the scheme's default port filled in ("" when it does not parse): the unit of
// politeness, since two ports are two servers.
std::string url_authority(const std::string& url);

// The entry for an authority ("host:port") in settings keyed by "host:port" or "host": the exact
// entry first, then the host's; nullptr when there is neither.
template <typename T>
const T* find_for_authority(const std::map<std::string, T>& by_host, const std::string& authority) {
  if (auto it = by_host.find(authority); it != by_host.end()) {
    return &it->second;
  }
  size_t colon = authority.rfind(':');
  if (colon != std::string::npos) {
    if (auto it = by_host.find(authority.substr(0, colon)); it != by_host.end()) {
      return &it->second;
    }
  }
  return nullptr;
}

// The URL without credentials ("https://user:pw@host/" -> "https://host/"), for reports and logs.
std::string redact_url(const std::string& url);

} // namespace verity::net
