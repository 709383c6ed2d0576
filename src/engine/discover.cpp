#include "engine/discover.hpp"

#include "frontmatter/loader.hpp"
#include "rules/make_finding.hpp"
#include "util/confine.hpp"
#include "util/subprocess.hpp"
#include "verity/check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <sstream>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

bool skipped_directory(const std::string& name) {
  return (!name.empty() && name[0] == '.') || name == "_site" || name == "node_modules" ||
         name == "vendor";
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      out.push_back(line);
    }
  }
  return out;
}

} // namespace

std::optional<std::string> relative_to_root(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") {
    return std::nullopt;
  }
  std::string s = rel.generic_string();
  return s == "." ? "" : s;
}

std::vector<SourceFile> discover(const config::Config& config) {
  std::vector<SourceFile> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(config.site_root,
                                      fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    throw RunError("cannot read the site directory " + config.site_root.string() + ": " +
                   ec.message());
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      break;
    }
    const auto& entry = *it;
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec)) {
      if (skipped_directory(name) || entry.is_symlink(ec)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    std::string rel = entry.path().lexically_relative(config.site_root).generic_string();
    const config::Collection* c = config.collection_for(rel);
    if (!c || config.is_ignored(rel)) {
      continue;
    }
    out.push_back({entry.path(), rel, c});
  }
  std::sort(out.begin(), out.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.relative < b.relative; });
  return out;
}

std::set<std::string> changed_files(const fs::path& site_root, const std::string& revision) {
  if (revision.empty() || revision[0] == '-') {
    throw UsageError("--changed-since needs a git revision, got '" + revision + "'");
  }
  auto diff = util::run_process(
      {"git", "diff", "--name-only", "--no-renames", "--relative", revision, "--"}, site_root);
  if (diff.exit_code != 0) {
    std::string err = diff.err.empty() ? "git is not available" : diff.err;
    while (!err.empty() && err.back() == '\n') {
      err.pop_back();
    }
    throw UsageError("--changed-since " + revision + ": git diff failed: " + err);
  }
  auto untracked =
      util::run_process({"git", "ls-files", "--others", "--exclude-standard"}, site_root);
  std::set<std::string> out;
  for (auto& l : lines(diff.out)) {
    out.insert(l);
  }
  if (untracked.exit_code == 0) {
    for (auto& l : lines(untracked.out)) {
      out.insert(l);
    }
  }
  return out;
}

Selection select_documents(const config::Config& cfg, const std::vector<fs::path>& paths,
                           const std::optional<std::string>& changed_since) {
  std::vector<SourceFile> files = discover(cfg);

  // Explicit file arguments outside every collection are still checked (framing and YAML).
  std::set<std::string> selected;
  bool select_all = true;
  for (const auto& p : paths) {
    auto rel = relative_to_root(cfg.site_root, p);
    if (!rel) {
      throw UsageError(p.string() + " is outside the site root " + cfg.site_root.string());
    }
    if (rel->empty()) {
      continue; // the site root itself
    }
    select_all = false;
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& f : files) {
        if (f.relative.rfind(*rel + "/", 0) == 0) {
          selected.insert(f.relative);
        }
      }
    } else if (fs::exists(p, ec)) {
      selected.insert(*rel);
      bool known = std::any_of(files.begin(), files.end(),
                               [&](const auto& f) { return f.relative == *rel; });
      if (!known && !cfg.is_ignored(*rel)) {
        files.push_back({fs::absolute(p).lexically_normal(), *rel, cfg.collection_for(*rel)});
      }
    } else {
      throw UsageError("path not found: " + p.string());
    }
  }
  if (changed_since) {
    std::set<std::string> changed = changed_files(cfg.site_root, *changed_since);
    bool config_changed = false;
    for (const auto& source : cfg.source_files()) {
      auto rel = relative_to_root(cfg.site_root, source);
      config_changed = config_changed || (rel && changed.count(*rel));
    }
    if (config_changed) {
      spdlog::info("the configuration or a schema changed since {}: checking every document",
                   *changed_since);
    } else {
      std::set<std::string> narrowed;
      for (const auto& f : files) {
        if (changed.count(f.relative) && (select_all || selected.count(f.relative))) {
          narrowed.insert(f.relative);
        }
      }
      selected = std::move(narrowed);
      select_all = false;
    }
  }

  return {std::move(files), std::move(selected), select_all};
}

Document load_source(const SourceFile& src, const config::Config& cfg, Findings& findings) {
  // A document that is a symlink leaving the site is never opened: none of its bytes may reach a
  // report. A dangling link gets the same words, so nothing tells whether the target exists.
  auto inside = util::resolve_inside(cfg.site_root, cfg.real_site_root, src.absolute);
  if (!inside) {
    Document doc;
    doc.path = src.relative;
    doc.absolute_path = src.absolute;
    doc.collection = src.collection ? src.collection->name : "";
    Finding f = rules::make_finding(rules::frontmatter_unreadable);
    f.file = src.relative;
    f.message = std::string("not read: the file ") + util::k_missing_or_outside +
                ": replace the link with the file, or remove it";
    findings.push_back(std::move(f));
    return doc;
  }
  frontmatter::LoadOptions load;
  load.limits = cfg.limits;
  load.front_matter_required = src.collection ? src.collection->front_matter_required : true;
  Document doc = frontmatter::load_document(*inside, src.relative, load, findings);
  doc.absolute_path = src.absolute;
  doc.collection = src.collection ? src.collection->name : "";
  return doc;
}

bool unparseable(const Document& doc, const Findings& findings) {
  return !doc.parsed && (doc.has_front_matter || !findings.empty());
}

void keep_reported(const config::Config& cfg, const Selection& selection, Findings& all,
                   Findings& out) {
  for (auto& f : all) {
    if (!selection.is_reported(f.file)) {
      continue;
    }
    if (auto severity = cfg.effective_severity(f.rule, f.file, f.severity)) {
      f.severity = *severity;
      out.push_back(std::move(f));
    }
  }
  all.clear();
}

} // namespace verity::engine
