// The pipeline of one `verity check`: load the configuration, scan every document in parallel
// with the registered document checks, then the corpus checks, the network checks (--online),
// then severities and sorting.
#include "checks/internal_links.hpp"
#include "checks/registry.hpp"
#include "checks/run_context.hpp"
#include "config/config.hpp"
#include "content/local_date.hpp"
#include "engine/collection_counts.hpp"
#include "engine/jekyll_view.hpp"
#include "engine/keep_reported.hpp"
#include "engine/run_zone.hpp"
#include "engine/scan.hpp"
#include "engine/secured_ops.hpp"
#include "engine/selection.hpp"
#include "engine/site.hpp"
#include "engine/site_data.hpp"
#include "engine/site_options.hpp"
#include "engine/templates.hpp"
#include "fix/apply.hpp"
#include "media/local_images.hpp"
#include "secured/check.hpp"
#include "site/url.hpp"
#include "util/phase_timer.hpp"
#include "verity/check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iterator>

namespace verity {
namespace fs = std::filesystem;

CheckResult run_check(const CheckOptions& options) {
  auto start_time = std::chrono::steady_clock::now();
  util::PhaseTimer phase;
  config::Config cfg = engine::open_site(
      options.paths, {options.config_file, options.trusted_config, options.limits});
  phase.mark("configuration");
  engine::Selection selection =
      engine::select_documents(cfg, options.paths, options.changed_since, options.jobs);
  phase.mark("inventory");

  const std::string zone_name = engine::run_zone(cfg, selection.discovery->inventory.config);
  content::LocalDate zone = [&] {
    try {
      return content::LocalDate(zone_name);
    } catch (const std::invalid_argument& e) {
      throw config::ConfigError(
          {(cfg.file.empty() ? std::string("verity.yaml") : cfg.file.string()) + ": " + e.what()});
    }
  }();

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
  engine::JekyllViews jekyll(*selection.discovery, engine::site_options_now(), cfg.site_root,
                             zone_name);
  media::ProbeCache probes(cfg.max_image_bytes);
  const nlohmann::json data = engine::site_data(cfg, selection.files);
  const engine::Templates templates =
      engine::read_templates(cfg.site_root, cfg.real_site_root, cfg.limits.max_file_bytes);
  const std::vector<std::pair<std::string, std::string>> static_outputs =
      jekyll.static_outputs(*selection.discovery);
  bool online = options.online || cfg.network;
  phase.mark("site model, data, templates");
  checks::RunContext run{
      cfg,
      options,
      zone,
      probes,
      {&cfg.secured, pins ? &*pins : nullptr, keys ? &*keys : nullptr, options.decrypt},
      [&](const std::string& file) { return selection.is_reported(file); },
      site::served_baseurl(jekyll.baseurl()),
      &static_outputs,
      jekyll.site_url(),
      &templates.ids,
      &data,
      &templates.graph};
  const checks::Registry& registry = checks::registry();
  // A layout, include or _data file: links every page that uses it shares (template checks).
  auto check_shared = [&](const Document& doc, const std::vector<refs::Reference>& references,
                          const body::BodyScan& body, Findings& findings, Records& records) {
    checks::DocumentInput in{doc, nullptr, references, {}, nullptr, {}, &body};
    in.template_file = true;
    checks::run_template_checks(registry, in, run, findings, records);
  };
  // The layouts' and includes' own links and images, once each, at their own lines, before the
  // pages: whether any links relative to the page decides what every page keeps for them.
  Findings template_findings;
  Records template_records;
  for (const engine::TemplateFile& file : templates.files) {
    Document doc;
    doc.path = file.path;
    doc.parsed = true;
    check_shared(doc, file.body.references, file.body, template_findings, template_records);
  }
  run.templates_link_relative =
      std::any_of(template_records.begin(), template_records.end(), [](const Record& r) {
        return r.kind == checks::k_template_link_record ||
               r.kind == checks::k_template_image_record;
      });
  engine::ScannedSite site = engine::scan_site(
      cfg, selection, options.jobs,
      [&](const Document& doc, const engine::SourceFile& src, engine::DocumentScan& scan) {
        if (src.data) { // its links and images are every page's that renders them
          check_shared(doc, scan.references, scan.body, scan.findings, scan.records);
          return;
        }
        engine::JekyllView view = jekyll.of(doc, src);
        checks::run_document_checks(registry,
                                    {doc, src.collection, scan.references, view.url,
                                     view.defaults ? &*view.defaults : nullptr, view.output,
                                     scan.body_read ? &scan.body : nullptr},
                                    run, scan.findings, scan.records);
        if (!online) {
          // Only the network checks read them after the scan (`= {}` would keep the capacity).
          std::vector<refs::Reference>().swap(scan.references);
        }
      });

  phase.mark("documents");
  std::move(template_findings.begin(), template_findings.end(), std::back_inserter(site.findings));
  std::move(template_records.begin(), template_records.end(), std::back_inserter(site.records));

  CheckResult result;
  result.documents = std::move(site.documents);
  Findings& all = site.findings;
  Findings site_wide = engine::site_findings(*selection.discovery);
  checks::run_corpus_checks(registry, site.records, run, all, site_wide);
  Records().swap(site.records);
  phase.mark("corpus checks");
  if (online) {
    checks::run_network_checks(registry, site.references, run, all);
    phase.mark("network checks");
  }
  engine::keep_reported(cfg, selection, all, result.findings);
  result.collections = engine::count_collections(selection);
  result.unmatched = selection.discovery->unmatched;
  engine::add_schema_notes(result.collections, site_wide);
  engine::keep_site_findings(cfg, site_wide, result.findings);
  std::sort(result.findings.begin(), result.findings.end(), finding_less);
  // Fixes are planned against the files as they are now, so reports carry exact replacements and
  // `verity fix` edits only what was checked (few files: only those with a fixable finding).
  fix::SiteFiles fix_files(cfg.site_root);
  fix::plan_fixes(result.findings, fix_files);
  phase.mark("severities, order, fixes");
  std::sort(result.documents.begin(), result.documents.end(),
            [](const DocumentSummary& a, const DocumentSummary& b) { return a.file < b.file; });
  result.site_root = cfg.site_root;
  result.config_file = cfg.file;
  result.searched = engine::describe_search(cfg);
  result.documents_loaded = selection.files.size();

  result.duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
  return result;
}

} // namespace verity
