#include "engine/discover.hpp"

#include "content/data_file.hpp"
#include "site/jekyll_data.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "verity/check.hpp"

#include <algorithm>
#include <set>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

// Underscore folders Jekyll reads for something other than content: their front matter is a
// layout's or an include's, never a document's.
bool reserved_folder(std::string_view name) {
  return name == "_layouts" || name == "_includes" || name == "_sass" || name == "_plugins" ||
         name == "_site";
}

// Compared as text: the same token's literal may sit at another address in each object file
// (a sanitizer build does not merge them).
bool has_reason(const site::Candidate& c, const char* reason) {
  return c.reason && std::string_view(c.reason) == reason;
}

// Bounds the walk of folders Jekyll does not read (unmatched documents live there).
constexpr size_t k_max_unread_entries = 500000;

class Discoverer {
public:
  Discoverer(const config::Config& cfg, Discovery& out) : m_cfg(cfg), m_out(out) {}

  void run() {
    // What Jekyll reads first, so a file `include` pulls out of an underscore folder is the
    // page it is, not an unmatched file of the folder.
    for (const site::Candidate& c : m_out.inventory.candidates) {
      if (c.kind != site::CandidateKind::Skipped) {
        take(c);
      }
    }
    // What Jekyll reads is unique by path; the folders it does not read can repeat a path
    // only through an `include`d file, looked up here.
    std::sort(m_jekyll_read.begin(), m_jekyll_read.end());
    m_phase_two = true;
    for (const site::Candidate& c : m_out.inventory.candidates) {
      if (c.kind == site::CandidateKind::Skipped) {
        take(c);
      }
    }
    std::sort(m_out.files.begin(), m_out.files.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.relative < b.relative; });
    std::sort(m_out.unmatched.begin(), m_out.unmatched.end());
  }

private:
  const config::Collection* implicit(const std::string& name, bool front_matter_required) {
    auto it = std::find_if(m_out.implicit.begin(), m_out.implicit.end(),
                           [&](const config::Collection& c) { return c.name == name; });
    if (it != m_out.implicit.end()) {
      return &*it;
    }
    config::Collection c;
    c.name = name;
    c.front_matter_required = front_matter_required;
    // verity.yaml may name Jekyll's own collection without paths, to give it a schema: the site
    // model keeps deciding which documents it holds.
    auto named = std::find_if(
        m_cfg.collections.begin(), m_cfg.collections.end(),
        [&](const config::Collection& k) { return k.paths.empty() && k.name == name; });
    if (named != m_cfg.collections.end()) {
      c = *named;
      if (!named->front_matter_explicit) {
        c.front_matter_required = front_matter_required;
      }
    }
    m_out.implicit.push_back(std::move(c));
    return &m_out.implicit.back();
  }

  // Adds a file unless `ignore` leaves it out; counts it for its collection either way.
  void add(const std::string& relative, const config::Collection* collection,
           const site::Candidate* jekyll, bool data = false) {
    if (!m_phase_two) {
      m_jekyll_read.push_back(relative); // a candidate's own source: it outlives the run
    } else if (std::binary_search(m_jekyll_read.begin(), m_jekyll_read.end(),
                                  std::string_view(relative))) {
      return;
    }
    if (m_cfg.is_ignored(relative)) {
      ++m_out.ignored[collection ? collection->name : ""];
      return;
    }
    if (!collection) {
      m_out.unmatched.push_back(relative);
    }
    m_out.files.push_back({m_cfg.site_root / relative, relative, collection, jekyll, data});
  }

  void take(const site::Candidate& c) {
    using site::CandidateKind;
    const config::Collection* named = m_cfg.collection_for(c.source);
    switch (c.kind) {
    case CandidateKind::Page:
      add(c.source, named ? named : implicit("pages", true), &c);
      return;
    case CandidateKind::Post:
    case CandidateKind::Draft:
      add(c.source,
          named ? named : implicit(c.kind == CandidateKind::Post ? "posts" : "drafts", false), &c);
      return;
    case CandidateKind::Document:
      add(c.source, named ? named : implicit(c.collection, true), &c);
      return;
    case CandidateKind::Static:
    case CandidateKind::CollectionStatic:
      // A file without front matter is a static file to Jekyll; it is a document only for a
      // collection of the configuration that requires front matter (and then it lacks it).
      if (named && named->front_matter_required) {
        add(c.source, named, &c);
      }
      return;
    case CandidateKind::Data:
      if (named) {
        add(c.source, named, nullptr);
      } else if (content::is_data_file_name(c.source)) {
        add(c.source, implicit("data", false), nullptr, true);
      }
      return;
    case CandidateKind::Skipped:
      skipped(c, named);
      return;
    }
  }

  void skipped(const site::Candidate& c, const config::Collection* named) {
    bool folder = c.source.ends_with("/");
    if (has_reason(c, site::reason::special_name)) {
      // Only underscore names hold content nobody reads; dot names (.git, .github) and
      // editor leftovers (#x, x~) are not the site's.
      std::string path = folder ? c.source.substr(0, c.source.size() - 1) : c.source;
      if (!path.substr(path.rfind('/') + 1).starts_with("_")) {
        if (named && !folder) {
          add(c.source, named, nullptr);
        }
        return;
      }
      if (folder) {
        if (!reserved_folder(path.substr(path.rfind('/') + 1))) {
          walk_unread(path);
        }
      } else {
        unread_file(c.source);
      }
      return;
    }
    // A file Jekyll refuses (a link leaving the site, too large, unreadable) that the
    // configuration names is still a document: loading it says what is wrong.
    if (!folder && named && !has_reason(c, site::reason::excluded)) {
      add(c.source, named, nullptr);
    }
  }

  // A folder Jekyll does not read: the configuration's collections, and unmatched documents.
  void walk_unread(const std::string& dir) {
    std::error_code ec;
    fs::recursive_directory_iterator it(m_cfg.site_root / dir,
                                        fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (++m_unread_entries > k_max_unread_entries) {
        return;
      }
      const auto& entry = *it;
      std::string name = entry.path().filename().string();
      if (entry.is_directory(ec)) {
        if (name.starts_with(".") || entry.is_symlink(ec)) {
          it.disable_recursion_pending();
        }
        continue;
      }
      unread_file(entry.path().lexically_relative(m_cfg.site_root).generic_string());
    }
  }

  void unread_file(const std::string& relative) {
    if (const config::Collection* named = m_cfg.collection_for(relative)) {
      add(relative, named, nullptr);
      return;
    }
    auto resolved = util::resolve_inside(m_cfg.site_root, m_cfg.real_site_root, relative);
    if (!resolved) {
      return;
    }
    util::ReadResult r = util::read_file_prefix(*resolved, 512, m_cfg.limits.max_file_bytes);
    if (r.status == util::ReadResult::Status::Ok && site::has_yaml_header(r.bytes)) {
      add(relative, nullptr, nullptr);
    }
  }

  const config::Config& m_cfg;
  Discovery& m_out;
  std::vector<std::string_view> m_jekyll_read; // candidates' sources (stable storage)
  bool m_phase_two = false;
  size_t m_unread_entries = 0;
};

// A collection without paths names one of Jekyll's; a name Jekyll does not have would leave the
// entry's schema checking nothing, silently.
void check_jekyll_names(const config::Config& cfg, const site::SiteConfig& site) {
  std::vector<std::string> errors;
  for (const config::Collection& c : cfg.collections) {
    if (!c.paths.empty() || c.name == "pages" || c.name == "posts" || c.name == "drafts" ||
        site.collections.count(c.name) > 0) {
      continue;
    }
    std::string known = "pages, posts, drafts";
    for (const auto& [name, _] : site.collections) {
      if (name != "posts") {
        known += ", " + name;
      }
    }
    errors.push_back(c.origin + ": collection `" + c.name +
                     "` has no paths and Jekyll has no collection of that name (it has: " + known +
                     "); add `paths:` globs, or use one of those names");
  }
  if (!errors.empty()) {
    throw config::ConfigError(errors);
  }
}

} // namespace

std::shared_ptr<Discovery> discover(const config::Config& config, unsigned jobs) {
  std::error_code ec;
  if (!fs::is_directory(config.site_root, ec)) {
    throw RunError("cannot read the site directory " + config.site_root.string());
  }
  auto out = std::make_shared<Discovery>();
  site::SiteLimits limits;
  limits.max_file_bytes = config.limits.max_file_bytes;
  limits.jobs = jobs;
  out->inventory = site::take_inventory(config.site_root, limits);
  Discoverer(config, *out).run();
  check_jekyll_names(config, out->inventory.config);
  return out;
}

} // namespace verity::engine
