// The facts of a fetch that every link and remote-image finding carries in machine-readable
// reports: the URL (credentials stripped), the final status or error, and the redirect chain.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace verity::net {

struct FetchFacts {
  std::string url;
  int status = 0;                     // 0 = no HTTP answer
  std::string error;                  // "" = none
  std::vector<std::string> redirects; // hops before final_url
  std::string final_url;
};

// Adds url, status, error and redirects (the full chain, ending at the final URL) to `extra`.
void add_fetch_fields(nlohmann::json& extra, const FetchFacts& facts);

} // namespace verity::net
