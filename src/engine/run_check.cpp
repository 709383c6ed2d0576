// The pipeline of one `verity check`: load the configuration, read every document in parallel
// with its per-document checks, then the cross-document rules, then severities and sorting.
#include "config/config.hpp"
#include "content/duplicate_fields.hpp"
#include "content/filename_date.hpp"
#include "content/local_date.hpp"
#include "engine/discover.hpp"
#include "frontmatter/loader.hpp"
#include "media/local_images.hpp"
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
};

fs::path site_root_for(const CheckOptions &options, const std::optional<fs::path> &config_file) {
  if (config_file) {
    return config_file->parent_path();
  }
  fs::path start = options.paths.empty() ? fs::current_path() : options.paths.front();
  std::error_code ec;
  if (!fs::exists(start, ec)) {
    throw UsageError("path not found: " + start.string());
  }
  start = fs::absolute(start).lexically_normal();
  if (!fs::is_directory(start, ec)) {
    // A single file: its site root is the nearest ancestor with a Jekyll _config.yml.
    for (fs::path dir = start.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      if (fs::exists(dir / "_config.yml", ec)) {
        return dir;
      }
      if (dir == dir.parent_path()) {
        break;
      }
    }
    return start.parent_path();
  }
  return start;
}

DocumentOutcome check_one(const engine::SourceFile &src, const config::Config &cfg,
                          const content::LocalDate &zone, media::ProbeCache &probes) {
  DocumentOutcome out;
  frontmatter::LoadOptions load;
  load.limits = cfg.limits;
  load.front_matter_required = src.collection ? src.collection->front_matter_required : true;
  Document doc = frontmatter::load_document(src.absolute, src.relative, load, out.findings);
  doc.collection = src.collection ? src.collection->name : "";
  out.unparseable = doc.has_front_matter && !doc.parsed;
  if (!doc.parsed) {
    out.unparseable = out.unparseable || !out.findings.empty();
    return out;
  }
  if (src.collection && src.collection->schema) {
    src.collection->schema->validate(doc, out.findings);
  }
  content::check_filename_date(doc, cfg.date_field, zone, out.findings);
  media::check_local_images(doc, cfg, probes, out.findings);
  out.unique_fields = content::extract_unique_fields(doc, cfg.unique_fields);
  return out;
}

} // namespace

CheckResult run_check(const CheckOptions &options) {
  auto start_time = std::chrono::steady_clock::now();
  std::optional<fs::path> config_file;
  if (!options.config_file.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(options.config_file, ec)) {
      throw UsageError("--config " + options.config_file.string() + ": no such file");
    }
    config_file = fs::absolute(options.config_file).lexically_normal();
  } else {
    config_file = config::find_config_file(options.paths.empty() ? fs::current_path()
                                                                 : options.paths.front());
  }
  fs::path root = site_root_for(options, config_file);
  config::Config cfg = config::load_config(config_file.value_or(fs::path()), root);
  content::LocalDate zone = [&] {
    try {
      return content::LocalDate(cfg.timezone);
    } catch (const std::invalid_argument &e) {
      throw config::ConfigError(
          {(cfg.file.empty() ? std::string("verity.yaml") : cfg.file.string()) + ": " + e.what()});
    }
  }();

  std::vector<engine::SourceFile> files = engine::discover(cfg);

  // Explicit file arguments outside every collection are still checked (framing and YAML).
  std::set<std::string> selected;
  bool select_all = true;
  for (const auto &p : options.paths) {
    auto rel = engine::relative_to_root(cfg.site_root, p);
    if (!rel) {
      throw UsageError(p.string() + " is outside the site root " + cfg.site_root.string());
    }
    if (rel->empty()) {
      continue; // the site root itself
    }
    select_all = false;
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto &f : files) {
        if (f.relative.rfind(*rel + "/", 0) == 0) {
          selected.insert(f.relative);
        }
      }
    } else if (fs::exists(p, ec)) {
      selected.insert(*rel);
      bool known = std::any_of(files.begin(), files.end(),
                               [&](const auto &f) { return f.relative == *rel; });
      if (!known && !cfg.is_ignored(*rel)) {
        files.push_back({fs::absolute(p).lexically_normal(), *rel, cfg.collection_for(*rel)});
      }
    } else {
      throw UsageError("path not found: " + p.string());
    }
  }
  if (options.changed_since) {
    std::set<std::string> changed = engine::changed_files(cfg.site_root, *options.changed_since);
    bool config_changed = false;
    for (const auto &source : cfg.source_files()) {
      auto rel = engine::relative_to_root(cfg.site_root, source);
      config_changed = config_changed || (rel && changed.count(*rel));
    }
    if (config_changed) {
      spdlog::info("the configuration or a schema changed since {}: checking every document",
                   *options.changed_since);
    } else {
      std::set<std::string> narrowed;
      for (const auto &f : files) {
        if (changed.count(f.relative) && (select_all || selected.count(f.relative))) {
          narrowed.insert(f.relative);
        }
      }
      selected = std::move(narrowed);
      select_all = false;
    }
  }

  media::ProbeCache probes;
  std::vector<DocumentOutcome> outcomes(files.size());
  unsigned jobs = options.jobs == 0 ? util::default_jobs() : options.jobs;
  util::parallel_for(files.size(), jobs,
                     [&](size_t i) { outcomes[i] = check_one(files[i], cfg, zone, probes); });

  Findings all;
  std::vector<content::FieldOccurrence> unique;
  CheckResult result;
  for (size_t i = 0; i < files.size(); ++i) {
    auto &o = outcomes[i];
    std::move(o.findings.begin(), o.findings.end(), std::back_inserter(all));
    std::move(o.unique_fields.begin(), o.unique_fields.end(), std::back_inserter(unique));
    if (select_all || selected.count(files[i].relative)) {
      result.documents.push_back(
          {files[i].relative, files[i].collection ? files[i].collection->name : "", o.unparseable});
    }
  }
  outcomes.clear();
  content::check_duplicate_fields(std::move(unique), all);

  for (auto &f : all) {
    if (!select_all && !selected.count(f.file)) {
      continue;
    }
    auto severity = cfg.effective_severity(f.rule, f.file, f.severity);
    if (!severity) {
      continue;
    }
    f.severity = *severity;
    result.findings.push_back(std::move(f));
  }
  std::sort(result.findings.begin(), result.findings.end(), finding_less);
  std::sort(result.documents.begin(), result.documents.end(),
            [](const DocumentSummary &a, const DocumentSummary &b) { return a.file < b.file; });
  result.site_root = cfg.site_root;
  result.config_file = cfg.file;
  result.documents_loaded = files.size();
  result.duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
  return result;
}

} // namespace verity
