// `verity site`'s model: the inventory (site/inventory.hpp), each page and document read whole
// and parsed, and resolved (site/resolve.hpp). Every path is opened through util/confine.
#include "site/inventory.hpp"
#include "site/jekyll_data.hpp"
#include "site/resolve.hpp"
#include "site/site_model.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

#include <algorithm>

namespace verity::site {
namespace fs = std::filesystem;
namespace {

bool reads_front_matter(CandidateKind kind) {
  return kind == CandidateKind::Page || kind == CandidateKind::Post ||
         kind == CandidateKind::Draft || kind == CandidateKind::Document;
}

SiteItem unreadable(const Candidate& c, const std::string& detail) {
  SiteItem item;
  item.kind = ItemKind::Skipped;
  item.source = c.source;
  item.reason = reason::unreadable;
  item.detail = detail;
  return item;
}

} // namespace

SiteModel build_site_model(const fs::path& root, const SiteOptions& options) {
  SiteInventory inventory = take_inventory(root, options.limits);
  SiteModel model;
  model.config = std::move(inventory.config);
  model.problems = std::move(inventory.problems);
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  ItemResolver resolver(model.config, options, root);
  for (const Candidate& c : inventory.candidates) {
    if (!reads_front_matter(c.kind) || c.reason) {
      model.items.push_back(resolver.resolve(c, nlohmann::json::object(), false, true));
      continue;
    }
    auto resolved = util::resolve_inside(root, real_root, c.source);
    if (!resolved) {
      SiteItem item = unreadable(c, "leaves the site root: not read");
      item.reason = reason::symlink_outside;
      model.items.push_back(std::move(item));
      continue;
    }
    util::ReadResult r = util::read_file(*resolved, options.limits.max_file_bytes);
    if (r.status != util::ReadResult::Status::Ok) {
      model.items.push_back(unreadable(
          c, r.status == util::ReadResult::Status::TooLarge
                 ? "larger than " + std::to_string(options.limits.max_file_bytes) + " bytes"
                 : "cannot be read: " + r.error));
      continue;
    }
    bool utf8 = util::is_valid_utf8(r.bytes);
    bool plain_date = false;
    nlohmann::json front = jekyll_front_matter(std::move(r.bytes), c.source, &plain_date);
    SiteItem item = resolver.resolve(c, front, plain_date, utf8);
    if (item.reason == reason::build_error) {
      model.problems.push_back({item.source, {}, item.detail});
    }
    model.items.push_back(std::move(item));
  }
  std::sort(model.items.begin(), model.items.end(),
            [](const SiteItem& a, const SiteItem& b) { return a.source < b.source; });
  return model;
}

const char* to_string(ItemKind kind) {
  switch (kind) {
  case ItemKind::Page:
    return "page";
  case ItemKind::Post:
    return "post";
  case ItemKind::Draft:
    return "draft";
  case ItemKind::Document:
    return "document";
  case ItemKind::StaticFile:
    return "static";
  case ItemKind::Data:
    return "data";
  case ItemKind::Skipped:
    return "skipped";
  }
  return "skipped";
}

} // namespace verity::site
