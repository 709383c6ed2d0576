// The link checker's view of a document's link references (refs::front_matter_references decides
// which values are links), and the hosts that are examples on purpose.
#pragma once

#include "refs/reference.hpp"

#include <string>
#include <vector>

namespace verity::links {

struct LinkRef {
  std::string file;
  std::string pointer;
  std::string url; // as written
  Position position;
  bool in_body = false;   // written in the body, at `offset` of the file
  std::size_t offset = 0;
};

// The link references among `references`, in order.
std::vector<LinkRef> link_refs(const std::vector<refs::Reference>& references);

// True for hosts that never resolve on purpose: example.com/.net/.org, .test, .invalid, .example,
// .localhost (RFC 2606, RFC 6761).
bool reserved_example_host(const std::string& url);

} // namespace verity::links
