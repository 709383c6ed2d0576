// The safe Liquid subset Jekyll evaluates inside link and image URLs (design note site-model.md
// §4.2), without the site model: the engine fills a LiquidContext.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace verity::body {

struct LiquidContext {
  std::string baseurl, url;                  // site.baseurl, site.url as _config.yml says
  const nlohmann::json* page = nullptr;      // the document's front matter (+ defaults)
  const nlohmann::json* site_data = nullptr; // site.data (null: site.data.* is Unverifiable)
  // {% link path %} -> the target's URL without baseurl (relative_url is applied here, as
  // Jekyll 4.3 does); nullopt when no page, written static file or document has that
  // relative_path. Unset: every {% link %} is Unverifiable.
  std::function<std::optional<std::string>(std::string_view)> link;
  // {% post_url [dir/]YYYY-MM-DD-slug %} (leading '/' already stripped, name already checked
  // against Jekyll's pattern) -> the post's URL without baseurl; nullopt when none matches.
  std::function<std::optional<std::string>(std::string_view)> post_url;
};

struct LiquidUrl {
  enum class Status { Literal, Evaluated, Unverifiable, Broken } status = Status::Literal;
  std::string url;   // Literal, Evaluated: the URL Jekyll writes
  std::string error; // Broken: Jekyll's build error text; Unverifiable: why
};

// Longer raw text, or a longer evaluated URL, is Unverifiable (a URL is never this long; bounds
// the work and the memory: `{{ page.x }}` repeated could otherwise make megabytes of one URL).
inline constexpr size_t kMaxLiquidUrlLength = 8192;

LiquidUrl evaluate_liquid_url(std::string_view raw, const LiquidContext& ctx);

// Jekyll 4.3's relative_url / absolute_url filters (filters/url_filters.rb), without
// Addressable's normalize (percent-encoding is left as written).
std::string jekyll_relative_url(std::string_view input, std::string_view baseurl);
std::string jekyll_absolute_url(std::string_view input, std::string_view baseurl,
                                std::string_view site_url);

} // namespace verity::body
