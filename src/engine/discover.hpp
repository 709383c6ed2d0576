// Which files a run reads: what Jekyll reads of the site (site/inventory.hpp: pages, posts,
// drafts, every declared collection's documents, _data files), plus what the configuration's
// collection globs name (the Smartable family keeps collections in underscore folders
// _config.yml does not declare), plus files with front matter in underscore folders nobody
// reads (unmatched: checked without a schema, and listed). Nothing is parsed here.
#pragma once

#include "config/config.hpp"
#include "site/inventory.hpp"

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace verity::engine {

struct SourceFile {
  std::filesystem::path absolute;
  std::string relative; // to the site root, '/' separators
  // Its collection: the configuration's (by glob, first match), else the one Jekyll reads it in
  // (`pages`, `posts`, `drafts`, a label, `data`); nullptr for an unmatched file.
  const config::Collection* collection = nullptr;
  const site::Candidate* jekyll = nullptr; // how Jekyll reads it; nullptr when it does not
  bool data = false;                       // a _data file: syntax checks only
};

struct Discovery {
  site::SiteInventory inventory;
  // The collections Jekyll reads without the configuration naming them. A deque, so the
  // pointers SourceFile keeps stay valid.
  std::deque<config::Collection> implicit;
  std::vector<SourceFile> files;         // sorted by relative path
  std::map<std::string, size_t> ignored; // per collection: files left out by `ignore`
  std::vector<std::string> unmatched;    // sorted
};

// Discovers the files of the site `config` describes, reading their first bytes on `jobs`
// threads (0 = one per core).
std::shared_ptr<Discovery> discover(const config::Config& config, unsigned jobs = 0);

} // namespace verity::engine
