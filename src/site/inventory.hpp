// What Jekyll 4.3 would read from a source tree, before any file is parsed: Reader's walk of
// ordinary folders, PostReader, CollectionReader and DataReader, with `exclude`, `include`,
// special names and symlinks as Jekyll treats them. Files are only peeked at (does the first line
// open front matter?), so `verity check` can parse each document once, in its worker threads,
// and resolve its URL from there (site/resolve.hpp).
#pragma once

#include "site/site_config.hpp"
#include "site/site_model.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace verity::site {

enum class CandidateKind {
  Page,             // a file of the folder walk that opens front matter
  Static,           // a file of the folder walk without front matter
  Post,             // in a _posts folder
  Draft,            // in a _drafts folder
  Document,         // a collection file that opens front matter
  CollectionStatic, // a collection file without front matter
  Data,             // a file under _data
  Skipped,          // not read: `reason` says why
};

struct Candidate {
  CandidateKind kind = CandidateKind::Static;
  std::string source;        // relative to the site root, '/'-separated; a folder ends in '/'
  std::string collection;    // "posts" for posts and drafts, the label for collection files
  std::string special_dir;   // "_posts", "_drafts", "_label": where path categories stop
  std::string in_collection; // collection files: the path from collections_dir ("_label/...")
  // Where the walk found the file, resolved inside the site root (symbolic links followed); empty
  // when the walk did not resolve it. Whoever reads the file need not resolve it again.
  std::filesystem::path real;
  // Posts and drafts Jekyll lists but never reads (a draft without show_drafts, a post name
  // without a date), and Skipped entries: a site_model.hpp reason:: token and a sentence.
  const char* reason = nullptr;
  std::string detail;
};

struct SiteInventory {
  SiteConfig config;
  std::vector<ConfigProblem> problems;
  std::vector<Candidate> candidates; // in walk order
};

// Takes the inventory of the site at `root`. `problems` gets _config.yml's problems and the
// entry budget's.
SiteInventory take_inventory(const std::filesystem::path& root, const SiteLimits& limits);

} // namespace verity::site
