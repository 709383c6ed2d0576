#include "net/fetch_fields.hpp"

#include "net/url.hpp"

namespace verity::net {

void add_fetch_fields(nlohmann::json& extra, const FetchFacts& facts) {
  extra["url"] = redact_url(facts.url);
  if (facts.status != 0) {
    extra["status"] = facts.status;
  }
  if (!facts.error.empty()) {
    extra["error"] = facts.error;
  }
  if (!facts.redirects.empty()) {
    nlohmann::json chain = nlohmann::json::array();
    for (const auto& hop : facts.redirects) {
      chain.push_back(redact_url(hop));
    }
    chain.push_back(redact_url(facts.final_url));
    extra["redirects"] = std::move(chain);
  }
}

} // namespace verity::net
