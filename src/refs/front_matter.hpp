// The front-matter extractor: every reference a document's front matter cites, in document order.
//  - an image: an object with a string `url` and a `width` or `height`, at any depth (its `alt`
//    and other scalar members become the reference's alt text and attributes);
//  - a link: any other string value that is an absolute URL (scheme://...).
// Values deeper than 64 levels are not read (the loader's own limit is lower).
#pragma once

#include "refs/reference.hpp"
#include "verity/document.hpp"

#include <vector>

namespace verity::refs {

std::vector<Reference> front_matter_references(const Document& doc);

} // namespace verity::refs
