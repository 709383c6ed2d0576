// The pipeline of one `verity check`: load the configuration, read every document in parallel
// with its per-document checks, then the cross-document rules, then severities and sorting.
#include "config/config.hpp"
#include "content/duplicate_fields.hpp"
#include "content/filename_date.hpp"
#include "content/local_date.hpp"
#include "engine/discover.hpp"
#include "engine/network_checks.hpp"
#include "engine/secured_ops.hpp"
#include "engine/site.hpp"
#include "frontmatter/loader.hpp"
#include "links/link_check.hpp"
#include "media/local_images.hpp"
#include "media/remote_images.hpp"
#include "secured/check.hpp"
#include "secured/no_lockfile.hpp"
#include "util/parallel.hpp"
#include "verity/check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

namespace verity {
namespace fs = std::filesystem;

namespace {

struct DocumentOutcome {
  Findings findings;
  std::vector<content::FieldOccurrence> unique_fields;
  bool unparseable = false;
  bool had_v1 = false;
  std::vector<media::ImageRef> remote_images;
  std::vector<links::LinkRef> links;
};

// Everything a document's checks share, built once before the parallel phase.
struct RunContext {
  const config::Config& cfg;
  const content::LocalDate& zone;
  media::ProbeCache& probes;
  secured::SecuredContext secured;
  bool online = false;
};

DocumentOutcome check_one(const engine::SourceFile& src, const RunContext& run) {
  const config::Config& cfg = run.cfg;
  DocumentOutcome out;
  Document doc = engine::load_source(src, cfg, out.findings);
  out.unparseable = engine::unparseable(doc, out.findings);
  if (!doc.parsed) {
    return out;
  }
  if (src.collection && src.collection->schema) {
    src.collection->schema->validate(doc, out.findings);
  }
  content::check_filename_date(doc, cfg.date_field, run.zone, out.findings);
  media::check_local_images(doc, cfg, run.probes, out.findings,
                            run.online ? &out.remote_images : nullptr);
  secured::SecuredOutcome secured_outcome;
  secured::check_secured(doc, run.secured, out.findings, secured_outcome);
  out.had_v1 = secured_outcome.had_v1;
  if (run.online) {
    out.links = links::extract_links(doc);
  }
  out.unique_fields = content::extract_unique_fields(doc, cfg.unique_fields);
  return out;
}

} // namespace

CheckResult run_check(const CheckOptions& options) {
  auto start_time = std::chrono::steady_clock::now();
  config::Config cfg = engine::open_site(
      options.paths, {options.config_file, options.trusted_config, options.limits});
  content::LocalDate zone = [&] {
    try {
      return content::LocalDate(cfg.timezone);
    } catch (const std::invalid_argument& e) {
      throw config::ConfigError(
          {(cfg.file.empty() ? std::string("verity.yaml") : cfg.file.string()) + ": " + e.what()});
    }
  }();

  engine::Selection selection = engine::select_documents(cfg, options.paths, options.changed_since);
  std::vector<engine::SourceFile>& files = selection.files;

  std::optional<secured::PinFile> pins = engine::load_pins(cfg, options.pins_from);
  std::optional<crypto::KeyRing> keys;
  if (!options.keys_dir.empty()) {
    std::vector<std::string> warnings;
    keys = crypto::KeyRing::load(options.keys_dir, {options.insecure_key_perms}, warnings);
    for (const auto& w : warnings) {
      spdlog::warn("{}", w);
    }
  } else if (options.decrypt) {
    throw UsageError("--decrypt needs keys: give --keys DIR or set VERITY_KEYS");
  }
  if (options.decrypt && !options.pins_from) {
    // Whoever can edit the working tree's lockfile can pin variants of a legacy blob and read
    // "decrypts or not" per document: a padding oracle. Say so where the run is configured.
    spdlog::warn("--decrypt trusts {} in the working tree: on a pull request pass --pins-from "
                 "BASE (e.g. origin/main) so that only blobs pinned there are decrypted",
                 cfg.secured.lockfile);
  }
  media::ProbeCache probes(cfg.max_image_bytes);
  bool online = options.online || cfg.network;
  RunContext run{cfg,
                 zone,
                 probes,
                 {&cfg.secured, pins ? &*pins : nullptr, keys ? &*keys : nullptr, options.decrypt},
                 online};
  std::vector<DocumentOutcome> outcomes(files.size());
  unsigned jobs = options.jobs == 0 ? util::default_jobs() : options.jobs;
  util::parallel_for(files.size(), jobs, [&](size_t i) { outcomes[i] = check_one(files[i], run); });

  Findings all;
  std::vector<content::FieldOccurrence> unique;
  CheckResult result;
  bool any_v1 = false;
  std::vector<media::ImageRef> remote;
  std::vector<links::LinkRef> link_refs;
  for (size_t i = 0; i < files.size(); ++i) {
    auto& o = outcomes[i];
    any_v1 = any_v1 || o.had_v1;
    std::move(o.remote_images.begin(), o.remote_images.end(), std::back_inserter(remote));
    std::move(o.links.begin(), o.links.end(), std::back_inserter(link_refs));
    std::move(o.findings.begin(), o.findings.end(), std::back_inserter(all));
    std::move(o.unique_fields.begin(), o.unique_fields.end(), std::back_inserter(unique));
    if (selection.is_reported(files[i].relative)) {
      result.documents.push_back(
          {files[i].relative, files[i].collection ? files[i].collection->name : "", o.unparseable});
    }
  }
  outcomes.clear();
  content::check_duplicate_fields(std::move(unique), all);
  engine::NetworkRefs network{std::move(link_refs), std::move(remote)};
  engine::run_network_checks(
      network, [&](const std::string& file) { return selection.is_reported(file); }, cfg, options,
      all);
  engine::keep_reported(cfg, selection, all, result.findings);
  if (any_v1 && !pins) {
    Finding note = secured::no_lockfile_for_site(cfg.secured.lockfile);
    if (auto severity = cfg.effective_severity(note.rule, note.file, note.severity)) {
      note.severity = *severity;
      result.findings.push_back(std::move(note));
    }
  }
  std::sort(result.findings.begin(), result.findings.end(), finding_less);
  std::sort(result.documents.begin(), result.documents.end(),
            [](const DocumentSummary& a, const DocumentSummary& b) { return a.file < b.file; });
  result.site_root = cfg.site_root;
  result.config_file = cfg.file;
  result.searched = engine::describe_search(cfg);
  result.documents_loaded = files.size();
  result.duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
  return result;
}

} // namespace verity
