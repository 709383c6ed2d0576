// The outcome of checking one unique URL.
#pragma once

#include "rules/catalogue.hpp"

#include <string>
#include <vector>

namespace verity::links {

struct LinkResult {
  std::string url;
  const rules::Rule* rule = nullptr; // nullptr = ok; the finding's id and default severity
  std::string reason;
  int status = 0;                     // the final HTTP status, 0 when there was none
  std::string error;                  // the network error, "" when there was none
  std::vector<std::string> redirects; // hops before final_url
  std::string final_url;
  bool permanent_redirect = false; // a 301/308 on the way
  bool every_redirect_permanent = false; // every hop a 301/308: the link can become final_url
  int attempts = 0;                // requests made (0 when cached or never fetched)
  bool cached = false;             // taken from the cache of an earlier run
  bool fetched = false;            // the network was asked this run

  // The link works (perhaps through a redirect worth updating).
  bool works() const { return !rule || rule == &rules::link_redirect; }
};

} // namespace verity::links
