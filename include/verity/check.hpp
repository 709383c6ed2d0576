// The library entry point: run every enabled offline check over a site, as `verity check` does.
#pragma once

#include "verity/finding.hpp"
#include "verity/linkrot_summary.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace verity {

// A problem with how verity was asked to run (exit code 2): unknown git revision, a path that
// does not exist...
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The run could not complete (exit code 3).
class RunError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct CheckOptions {
  std::vector<std::filesystem::path> paths; // files or directories; empty = the current directory
  std::filesystem::path config_file;        // --config; empty = search for verity.yaml
  std::filesystem::path trusted_config;     // --trusted-config: outside the checkout, may widen
  std::map<std::string, std::uint64_t> limits; // --limit NAME=VALUE
  std::optional<std::string> changed_since;    // git revision
  unsigned jobs = 0;                           // 0 = one per core
  std::filesystem::path keys_dir;              // --keys / VERITY_KEYS; empty = format checks only
  bool decrypt = false;                        // --decrypt: open v2 blobs and pinned legacy blobs
  std::optional<std::string> pins_from;        // --pins-from REV: legacy pins as committed there
  bool insecure_key_perms = false;             // --insecure-key-perms
  bool online = false;        // --online: fetch remote images (also `network: true`)
  bool allow_private = false; // --allow-private: connect to private/loopback addresses
  std::vector<std::string> allow_addresses; // --allow-address: these private addresses only
  std::optional<double> timeout_seconds;    // --timeout: per request (config links.timeout)
  std::optional<unsigned> concurrency;      // --concurrency: transfers at once
  std::optional<std::int64_t> max_cache_age_seconds; // --max-cache-age
  bool no_cache = false;    // --no-cache: neither read nor write the link cache
  unsigned shard_index = 0; // --shard K/N: this run checks shard K (1-based)...
  unsigned shard_count = 0; // ...of N (0 = no sharding)
  // --deadline: when the network phases must be over (unfinished URLs become link/unchecked).
  std::optional<std::chrono::steady_clock::time_point> deadline;
  std::optional<double> url_budget_seconds; // --url-budget; default max(90 s, 2 x timeout)
  // Called as links finish (done, total, not working so far), from the network thread.
  std::function<void(size_t done, size_t total, size_t broken)> link_progress;
};

struct DocumentSummary {
  std::string file;       // relative to the site root
  std::string collection; // "" when checked outside any collection
  bool unparseable = false;
};

// What a run looked for: said when it found nothing, so an empty run is never a silent pass.
struct SiteSearch {
  std::string profile;        // builtin:jekyll, builtin:smartable or none
  std::string profile_reason; // extends: in FILE, or what the site root has
  std::vector<std::pair<std::string, std::vector<std::string>>> collections; // name, globs
};

// How many documents one collection has, for every summary. A collection is one of verity.yaml's
// (or the profile's), or one Jekyll reads on its own: `pages`, `posts`, `drafts`, a label from
// _config.yml's `collections`, `data` (_data files, syntax only).
struct CollectionCount {
  std::string name;
  std::string schema;   // the schema as written (a path or builtin:NAME); "" = none
  size_t found = 0;     // files discovered in it, ignored ones included
  size_t checked = 0;   // read, and reported on (the selection: paths, --changed-since)
  size_t ignored = 0;   // left out by an `ignore` entry without rules
};

struct CheckResult {
  std::filesystem::path site_root;
  SiteSearch searched;
  std::filesystem::path config_file;      // empty when the built-in default was used
  Findings findings;                      // severities applied, ignored ones dropped, sorted
  std::vector<DocumentSummary> documents; // the documents whose findings are reported
  size_t documents_loaded = 0;            // all documents read (cross-document rules see them)
  std::vector<CollectionCount> collections; // sorted by name
  // Files with front matter that belong to no collection (in an underscore folder neither Jekyll
  // nor verity.yaml reads): checked with the checks that need no schema, counted, listed.
  std::vector<std::string> unmatched;
  double duration_seconds = 0;
  std::optional<LinkrotSummary> linkrot; // `verity linkrot` only
};

// Runs the checks. Throws config::ConfigError (bad verity.yaml or schema), UsageError or
// RunError; everything wrong with the content itself is a finding.
CheckResult run_check(const CheckOptions& options);

} // namespace verity
