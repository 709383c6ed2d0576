// URL-shaped values of `_data` files (YAML, JSON, CSV and TSV): a site's navigation, footer links
// and author avatars live there (`url: /docs/`, `image: /assets/a.png`), and every page that
// renders them links there, so they are internal links of the site too. Taken from keys that name a
// link or an image, as site-absolute paths (`/docs/`) or URLs on the site's own `url`
// (`https://example.com/docs/`, read as `/docs/`); anything else in a data file is data.
#pragma once

#include "frontmatter/yaml_to_json.hpp"
#include "refs/reference.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace verity::engine {

// The link and image references of the data file `path` (site-relative) with content `bytes`,
// at their values' file:line:col (a CSV's cells under a header naming a link or an image); none
// for a file that is not data or does not parse (its syntax finding says why). `yaml`: the
// conversion of the bytes when the caller has it, or null.
std::vector<refs::Reference> data_references(const std::string& path, std::string_view bytes,
                                             std::string_view site_url,
                                             const frontmatter::Conversion* yaml = nullptr);

} // namespace verity::engine
