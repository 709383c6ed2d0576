// Which front-matter values are links: string values that are absolute URLs (scheme://...),
// except the url of image objects ({url, width|height}), which the image probe fetches.
#pragma once

#include "verity/document.hpp"

#include <string>
#include <vector>

namespace verity::links {

struct LinkRef {
  std::string file;
  std::string pointer;
  std::string url;
  Position position;
};

std::vector<LinkRef> extract_links(const Document& doc);

// True for hosts that never resolve on purpose: example.com/.net/.org, .test, .invalid, .example,
// .localhost (RFC 2606, RFC 6761).
bool reserved_example_host(const std::string& url);

} // namespace verity::links
