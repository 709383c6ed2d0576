// The front-matter extractor: every reference a document's front matter cites, in document order.
//  - an image: an object with a string `url` and a `width` or `height`, at any depth (its `alt`
//    and other scalar members become the reference's alt text and attributes);
//  - an image named by a configured image field (`images.fields`, default [image]): a top-level
//    key whose value is a non-empty string (`image: /assets/x.png`, no declared size) or an
//    object with a string `path` (jekyll-seo-tag's `image: {path, width, height}`). Only
//    top-level keys, as jekyll-seo-tag reads `image`; a nested `image:` is an ordinary value;
//  - a link: any other string value that is an absolute URL (scheme://...).
// Values deeper than 64 levels are not read (the loader's own limit is lower).
#pragma once

#include "refs/reference.hpp"
#include "verity/document.hpp"

#include <string>
#include <vector>

namespace verity::refs {

std::vector<Reference> front_matter_references(const Document& doc,
                                               const std::vector<std::string>& image_fields = {});

} // namespace verity::refs
