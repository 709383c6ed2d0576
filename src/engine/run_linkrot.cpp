// The pipeline of one `verity linkrot`: load the configuration, read every document for its
// links (framing and YAML findings are reported too), check each unique URL of this shard
// afresh, record the run in the history in one transaction, and turn each URL's state into
// findings at every citing line.
#include "checks/network_checks.hpp"
#include "config/config.hpp"
#include "engine/keep_reported.hpp"
#include "engine/scan.hpp"
#include "engine/selection.hpp"
#include "engine/site.hpp"
#include "linkrot/history.hpp"
#include "links/extract.hpp"
#include "links/link_check.hpp"
#include "net/fetch_fields.hpp"
#include "rules/families.hpp"
#include "rules/make_finding.hpp"
#include "util/datetime.hpp"
#include "verity/linkrot.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <tuple>

namespace verity {
namespace fs = std::filesystem;

namespace {

fs::path history_path(const LinkrotOptions& options, const config::Config& cfg) {
  return options.history_file.empty() ? cfg.site_root / cfg.linkrot.history : options.history_file;
}

linkrot::History open_history(const fs::path& path) {
  try {
    return linkrot::History(path);
  } catch (const util::SqliteUntrusted& e) {
    // Exit 2: the file was given (or kept) by whoever runs verity; it is left as it was.
    throw UsageError("the history file " + std::string(e.what()) +
                     "; delete it or move it away to start a new history, or give --history FILE");
  } catch (const util::SqliteError& e) {
    throw RunError(std::string(e.what()) +
                   " (move the file away to start a new history, or give --history FILE)");
  }
}

// Excluded links, other schemes and private addresses are decided by the configuration, not by
// the site at the other end, and a link the deadline left unchecked has no outcome: they are
// reported as `verity check` does, never tracked as rot.
bool has_history(const links::LinkResult& r) {
  return r.rule != &rules::link_excluded && r.rule != &rules::link_unsupported_scheme &&
         r.rule != &rules::link_private_address && r.rule != &rules::link_unchecked;
}

linkrot::Outcome outcome_of(const links::LinkResult& r) {
  if (r.works()) {
    return linkrot::Outcome::Ok;
  }
  return r.rule == &rules::link_blocked ? linkrot::Outcome::Blocked : linkrot::Outcome::Fail;
}

// Errors first, then the longest failing, then by URL.
int state_rank(const std::string& state) {
  static const std::map<std::string, int> k_rank = {
      {"broken", 0}, {"flaky", 1}, {"newly-broken", 2}, {"blocked", 3}, {"recovered", 4}};
  auto it = k_rank.find(state);
  return it == k_rank.end() ? 5 : it->second;
}

std::string state_message(const LinkrotUrl& u, int failures_to_broken) {
  std::string since = util::civil_from_days(util::days_of(u.first_failed));
  std::string why = u.last_error.empty() ? "" : " (" + u.last_error + ")";
  std::string runs =
      std::to_string(u.consecutive_failures) + (u.consecutive_failures == 1 ? " run" : " runs");
  if (u.state == "broken") {
    return "broken for " + runs + " in a row since " + since + why + ": fix or remove the link";
  }
  if (u.state == "newly-broken") {
    return "failed for the first time" + why + "; it counts as broken after " +
           std::to_string(failures_to_broken) + " failing runs in a row";
  }
  if (u.state == "flaky") {
    if (u.consecutive_failures == 1) {
      return "failed again soon after recovering" + why + ": watch it";
    }
    return "failing " + runs + " in a row since " + since + why + "; it counts as broken after " +
           std::to_string(failures_to_broken);
  }
  if (u.state == "recovered") {
    return "works again";
  }
  return "a bot wall or rate limit answered" + why + ": check it in a browser";
}

} // namespace

CheckResult run_linkrot(const LinkrotOptions& options) {
  auto start_time = std::chrono::steady_clock::now();
  std::int64_t started_at =
      options.run_time.value_or(static_cast<std::int64_t>(std::time(nullptr)));
  const CheckOptions& check = options.check;
  config::Config cfg =
      engine::open_site(check.paths, {check.config_file, check.trusted_config, check.limits});
  int failures_to_broken = options.failures_to_broken.value_or(cfg.linkrot.failures_to_broken);
  engine::Selection selection = engine::select_documents(cfg, check.paths, std::nullopt);
  // Opened before any request: a history that cannot be written stops the run at once.
  linkrot::History history = open_history(history_path(options, cfg));

  // Only the links are kept: no document check runs.
  engine::ScannedSite site =
      engine::scan_site(cfg, selection, check.jobs,
                        [](const Document&, const engine::SourceFile&, engine::DocumentScan& scan) {
                          std::erase_if(scan.references, [](const refs::Reference& r) {
                            return r.kind != refs::ReferenceKind::Link;
                          });
                        });
  auto reported = [&](const std::string& file) { return selection.is_reported(file); };
  Findings& all = site.findings;
  std::vector<links::LinkRef> link_refs = links::link_refs(site.references);
  std::vector<refs::Reference>().swap(site.references);
  CheckResult result;
  result.documents = std::move(site.documents);

  links::LinkOptions lo = checks::link_options(cfg, check); // never the cache: every URL afresh
  std::vector<links::LinkResult> results =
      links::check_links(checks::unique_urls(link_refs, reported, check), lo);

  std::vector<linkrot::UrlOutcome> outcomes;
  for (const auto& r : results) {
    if (!has_history(r)) {
      continue;
    }
    outcomes.push_back({r.url, outcome_of(r), r.status, r.works() ? "" : r.reason});
  }
  std::string shard = check.shard_count > 1 ? std::to_string(check.shard_index) + "/" +
                                                  std::to_string(check.shard_count)
                                            : "";
  std::vector<linkrot::RecordedUrl> recorded;
  try {
    auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - start_time);
    recorded = history.record_run(outcomes, started_at, started_at + elapsed.count(), shard,
                                  failures_to_broken);
  } catch (const util::SqliteError& e) {
    throw RunError(std::string("the run was not recorded: ") + e.what());
  }

  LinkrotSummary summary;
  summary.started_at = started_at;
  summary.failures_to_broken = failures_to_broken;
  std::map<std::string, size_t> index; // redacted URL -> summary.urls
  for (const auto& r : recorded) {
    ++summary.states[r.state.state];
    if (r.state.state == "ok") {
      continue;
    }
    index[r.url] = summary.urls.size();
    summary.urls.push_back({r.url,
                            r.state.state,
                            r.state.track.streak,
                            r.state.track.first_failed,
                            r.status,
                            r.error,
                            {}});
  }
  for (const auto& run : history.runs(60)) {
    summary.runs.push_back({run.id, run.started_at, run.urls, run.failing, run.broken});
  }
  summary.run_id = summary.runs.empty() ? 0 : summary.runs.back().id;

  for (const auto& ref : link_refs) {
    if (!reported(ref.file)) {
      continue;
    }
    const links::LinkResult* r = links::find_result(results, ref.url);
    if (!r) {
      continue; // another shard's
    }
    auto it = index.find(net::redact_url(ref.url));
    if (it == index.end()) {
      if (!has_history(*r) || r->rule == &rules::link_redirect) {
        links::report_link(ref, *r, all); // as in `verity check`
      }
      continue;
    }
    LinkrotUrl& u = summary.urls[it->second];
    u.cited_by.push_back({ref.file, ref.position.line, ref.position.column});
    const rules::Rule* rule = rules::linkrot_state(u.state);
    if (!rule) {
      continue; // "ok" is no finding, and index holds none
    }
    Finding f = rules::make_finding(*rule);
    f.file = ref.file;
    f.line = ref.position.line;
    f.column = ref.position.column;
    f.pointer = ref.pointer;
    f.message = u.url + ": " + state_message(u, failures_to_broken);
    net::add_fetch_fields(f.extra, {ref.url, r->status, r->error, r->redirects, r->final_url});
    f.extra["state"] = u.state;
    f.extra["consecutive_failures"] = u.consecutive_failures;
    if (u.first_failed) {
      f.extra["first_failed"] = util::format_rfc3339_utc(u.first_failed);
    }
    all.push_back(std::move(f));
  }
  std::sort(summary.urls.begin(), summary.urls.end(), [](const auto& a, const auto& b) {
    return std::tuple(state_rank(a.state), -a.consecutive_failures, a.url) <
           std::tuple(state_rank(b.state), -b.consecutive_failures, b.url);
  });

  engine::keep_reported(cfg, selection, all, result.findings);
  std::sort(result.findings.begin(), result.findings.end(), finding_less);
  result.site_root = cfg.site_root;
  result.config_file = cfg.file;
  result.searched = engine::describe_search(cfg);
  result.documents_loaded = selection.files.size();
  result.linkrot = std::move(summary);
  result.duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
  return result;
}

size_t prune_linkrot(const LinkrotOptions& options, std::int64_t keep_days) {
  config::Config cfg =
      engine::open_site(options.check.paths, {options.check.config_file,
                                              options.check.trusted_config, options.check.limits});
  fs::path path = history_path(options, cfg);
  if (!fs::exists(path)) {
    throw UsageError("no history at " + path.string() + ": run `verity linkrot` first");
  }
  linkrot::History history = open_history(path);
  try {
    return history.prune(static_cast<std::int64_t>(std::time(nullptr)), keep_days * 86400);
  } catch (const util::SqliteError& e) {
    throw RunError(e.what());
  }
}

} // namespace verity
