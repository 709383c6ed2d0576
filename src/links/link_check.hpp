// Link reachability: every http(s) URL in front matter (outside image objects, which the image
// probe fetches) is checked once per run, HEAD first with a GET fallback, redirects followed and
// recorded, transient failures retried with exponential backoff and jitter, and the result
// classified: ok, link/redirect (permanent, worth updating), link/broken, link/timeout,
// link/blocked (bot walls, LinkedIn's 999, 429 after retries), link/private-address,
// link/unsupported-scheme, link/excluded.
#pragma once

#include "net/fetch.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <regex>
#include <string>
#include <vector>

namespace verity::links {

struct LinkRef {
  std::string file;
  std::string pointer;
  std::string url;
  Position position;
};

// The links of a document: string values that are absolute URLs (scheme://...), except the url of
// image objects ({url, width|height}).
std::vector<LinkRef> extract_links(const Document& doc);

struct LinkOptions {
  net::FetchOptions fetch;
  int retries = 2;
  std::chrono::milliseconds retry_base{1000};
  std::vector<std::regex> exclude; // URLs matching any are not fetched (link/excluded)
  std::vector<std::regex> include; // when set, only matching URLs are fetched
};

struct LinkResult {
  std::string url;
  std::string rule; // "" = ok
  Severity severity = Severity::Note;
  std::string reason;
  int status = 0;
  std::vector<std::string> redirects;
  std::string final_url;
  int attempts = 0;
};

// Checks every unique URL.
std::vector<LinkResult> check_links(const std::vector<std::string>& urls,
                                    const LinkOptions& options);

// Findings for one reference from its URL's result (nothing for ok).
void report_link(const LinkRef& ref, const LinkResult& result, Findings& out);

// True for hosts that never resolve on purpose: example.com/.net/.org, .test, .invalid, .example,
// .localhost (RFC 2606, RFC 6761).
bool reserved_example_host(const std::string& url);

} // namespace verity::links
