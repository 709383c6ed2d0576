// What every check of a run may read, built once before the documents are scanned: the
// configuration, the flags, and the state checks share across documents (probe cache, keys).
#pragma once

#include "body/template_graph.hpp"
#include "config/config.hpp"
#include "content/local_date.hpp"
#include "media/local_images.hpp"
#include "secured/check.hpp"
#include "verity/check.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace verity::checks {

struct SiteTargets;

struct RunContext {
  const config::Config& cfg;
  const CheckOptions& options;
  const content::LocalDate& zone;
  media::ProbeCache& probes;
  secured::SecuredContext secured;
  // Whether a document's findings are reported (paths, --changed-since): the network checks
  // fetch only the URLs such documents cite.
  std::function<bool(const std::string&)> reported;
  // _config.yml's `baseurl` ("" or "/blog"): a site-absolute reference may start with it.
  std::string baseurl = {};
  // The static files the build copies: {output path, source}, for internal links to them.
  const std::vector<std::pair<std::string, std::string>>* static_outputs = nullptr;
  // _config.yml's `url` ("https://example.com"), for absolute_url and links to the site itself.
  std::string site_url = {};
  // Ids the layouts and includes give every page (engine/layout_anchors.hpp).
  const std::unordered_set<std::string>* layout_anchors = nullptr;
  // site.data (engine/site_data.hpp) for {{ site.data.a.b }} in URLs; nullptr: unverifiable.
  const nlohmann::json* site_data = nullptr;
  // The layouts and includes, and which ones a page renders with (engine/templates.hpp).
  const body::TemplateGraph* templates = nullptr;
  // Some layout or include links relative to the page: every page says which ones it uses.
  bool templates_link_relative = false;
  // What links can land on, built by the first corpus check that asks (checks/site_targets.hpp)
  // and shared by the next: the corpus checks run one after another over the same records.
  mutable std::shared_ptr<const SiteTargets> site_targets = {};
};

} // namespace verity::checks
