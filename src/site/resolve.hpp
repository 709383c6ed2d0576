// What each candidate of the inventory becomes once its front matter is known: its URL, output
// path, date, or why it is not output (Page, Document and StaticFile in Jekyll 4.3, with
// `defaults` merged under the front matter). Const and free of I/O but for a draft's mtime, so
// `verity check` calls it from its worker threads with the front matter it parsed anyway.
#pragma once

#include "site/defaults.hpp"
#include "site/inventory.hpp"
#include "site/site_model.hpp"
#include "site/site_time.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace verity::site {

class ItemResolver {
public:
  ItemResolver(const SiteConfig& config, const SiteOptions& options,
               const std::filesystem::path& root);

  // The item `candidate` is. `front` is its front matter as Jekyll reads it
  // (jekyll_front_matter; {} for files without), `plain_date` whether `date` is a plain YAML
  // scalar, `utf8` whether the whole file is valid UTF-8. Skipped and Data candidates need
  // neither.
  SiteItem resolve(const Candidate& candidate, const nlohmann::json& front, bool plain_date,
                   bool utf8) const;

  // The `defaults` values Jekyll gives the item `candidate` becomes, with the type it uses.
  nlohmann::json defaults_for(const Candidate& candidate) const;
  // The same values, with where each is written in _config.yml (for findings on them).
  DefaultValues located_defaults_for(const Candidate& candidate) const;

  const SiteConfig& config() const { return m_config; }

private:
  SiteItem page(const Candidate& c, const nlohmann::json& front, bool utf8) const;
  SiteItem static_file(const Candidate& c) const;
  SiteItem collection_static(const Candidate& c) const;
  SiteItem document(const Candidate& c, const nlohmann::json& front, bool plain_date,
                    bool utf8) const;
  std::optional<std::int64_t> parse_date(const nlohmann::json& value, DateSource source) const;
  std::string relative_to_collections(const std::string& path) const;
  std::int64_t mtime(const std::string& path) const;

  const SiteConfig& m_config;
  const SiteOptions& m_options;
  std::filesystem::path m_root;
  Defaults m_defaults;
  SiteZone m_zone;
};

} // namespace verity::site
