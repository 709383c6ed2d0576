// The site's own address, for `site_url`'s default: Jekyll's `url` + `baseurl` from _config.yml.
#pragma once

#include <filesystem>
#include <string>

namespace verity::config {

// "https://example.org/blog" from url + baseurl; "" when _config.yml is missing, leaves the site
// root, does not parse, or has no http(s) url.
std::string jekyll_site_url(const std::filesystem::path& site_root,
                            const std::filesystem::path& real_root);

// "/a/b//" -> "/a/b"; "/" stays.
std::string strip_trailing_slash(std::string s);

} // namespace verity::config
