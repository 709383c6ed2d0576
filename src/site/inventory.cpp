#include "site/inventory.hpp"

#include "site/entry_filter.hpp"
#include "site/jekyll_data.hpp"
#include "site/post_name.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "util/parallel.hpp"
#include "util/phase_timer.hpp"

#include <map>
#include <set>

namespace verity::site {
namespace fs = std::filesystem;
namespace {

std::string join(std::string_view dir, std::string_view name) {
  if (dir.empty()) {
    return std::string(name);
  }
  return std::string(dir) + "/" + std::string(name);
}

// Enough of a file to read its first line: front matter opens with "---" and blanks.
constexpr std::uint64_t k_peek_bytes = 4096;

class Walker {
public:
  Walker(const fs::path& root, const SiteLimits& limits, SiteInventory& out)
      : m_root(root), m_limits(limits), m_out(out), m_filter(out.config) {
    std::error_code ec;
    m_real_root = fs::canonical(root, ec);
  }

  void run() {
    util::PhaseTimer phase;
    walk("", 0);
    phase.mark("inventory: walk (pages, posts)");
    read_collections();
    phase.mark("inventory: collection folders");
    settle_peeks(); // before read_included_files, which erases candidates and looks them up
    phase.mark("inventory: first bytes");
    read_data();
    read_included_files();
  }

private:
  struct Entry {
    std::string name;
    std::string path; // relative to the root
    bool is_dir = false;
    fs::path real; // resolved inside the root
  };

  bool budget() {
    if (++m_entries > m_limits.max_entries) {
      if (!m_budget_reported) {
        m_budget_reported = true;
        m_out.problems.push_back({"",
                                  {},
                                  "more than " + std::to_string(m_limits.max_entries) +
                                      " files and folders: the rest is not listed"});
      }
      return false;
    }
    return true;
  }

  // The entries of a folder, sorted, each resolved inside the root (refused ones listed). Only a
  // symbolic link costs a resolution: anything else in a folder that lies inside the root does too.
  std::vector<Entry> list(const std::string& dir) {
    std::vector<Entry> out;
    std::error_code ec;
    std::optional<fs::path> real_dir = dir.empty() ? std::optional<fs::path>(m_real_root)
                                                   : util::resolve_inside(m_root, m_real_root, dir);
    if (!real_dir) {
      return out;
    }
    struct Listed {
      std::string name;
      bool symlink = false;
      bool is_dir = false;
    };
    std::vector<Listed> names;
    for (fs::directory_iterator it(*real_dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      bool symlink = it->is_symlink(type_ec);
      names.push_back(
          {it->path().filename().string(), symlink, !symlink && it->is_directory(type_ec)});
    }
    std::sort(names.begin(), names.end(),
              [](const Listed& a, const Listed& b) { return a.name < b.name; });
    for (auto& listed : names) {
      if (!budget()) {
        break;
      }
      Entry e;
      e.name = listed.name;
      e.path = join(dir, listed.name);
      if (listed.symlink) {
        auto resolved = util::resolve_inside(m_root, m_real_root, e.path);
        if (!resolved) {
          skipped(e.path, reason::symlink_outside,
                  "a symbolic link that leaves the site root: not followed");
          continue;
        }
        e.is_dir = fs::is_directory(*resolved, ec);
        e.real = std::move(*resolved);
      } else {
        e.is_dir = listed.is_dir;
        e.real = *real_dir / listed.name;
      }
      out.push_back(std::move(e));
    }
    return out;
  }

  // Jekyll follows a symlinked folder wherever it appears (the same files can be output twice,
  // under both names); only a folder that contains itself (a loop) is not entered again.
  // Returns the folder's real path, "" when it is not entered.
  std::string enter(const std::string& dir, size_t depth) {
    if (depth > m_limits.max_depth) {
      skipped(dir + "/", reason::too_deep,
              "folders nested deeper than " + std::to_string(m_limits.max_depth));
      return "";
    }
    std::error_code ec;
    fs::path real = fs::canonical(dir.empty() ? m_root : m_root / dir, ec);
    if (ec) {
      return "";
    }
    if (!m_walk_stack.insert(real.string()).second) {
      skipped(dir + "/", reason::symlink_loop,
              "a symbolic link to a folder that contains it (jekyll build never ends here)");
      return "";
    }
    if (!another_alias(real.string())) {
      m_walk_stack.erase(real.string());
      skipped(dir + "/", reason::symlink_loop, too_many_aliases());
      return "";
    }
    return real.string();
  }

  // Symbolic links can make a folder reachable through 2^depth paths (a DAG, not a loop): Jekyll
  // walks every one of them; verity walks a folder through at most this many, so a hostile tree
  // costs bounded time.
  static constexpr unsigned k_max_aliases = 8;

  bool another_alias(const std::string& real) { return ++m_aliases[real] <= k_max_aliases; }

  static std::string too_many_aliases() {
    return "the same folder reached through more than " + std::to_string(k_max_aliases) +
           " paths of symbolic links: not walked again";
  }

  bool handled_elsewhere(const std::string& path) const {
    const SiteConfig& c = m_out.config;
    std::string name(base_name(path));
    if (name == "_posts" || name == "_drafts") {
      std::string dir = path.substr(0, path.size() - name.size());
      return c.collections_dir.empty() || ("/" + dir).starts_with("/" + c.collections_dir);
    }
    if (path == "_data") {
      return true;
    }
    if (!name.starts_with("_")) {
      return false;
    }
    return c.collections.count(name.substr(1)) > 0 && path == join(c.collections_dir, name);
  }

  void walk(const std::string& dir, size_t depth) {
    std::string real = enter(dir, depth);
    if (real.empty()) {
      return;
    }
    std::vector<Entry> entries = list(dir);
    read_posts(dir, depth);
    for (const auto& e : entries) {
      FilterVerdict v = m_filter.verdict(e.name, e.path, e.is_dir);
      if (v == FilterVerdict::Excluded) {
        skipped(e.path + (e.is_dir ? "/" : ""), reason::excluded,
                "matched by `exclude` (or Jekyll's default excludes)");
        continue;
      }
      if (v == FilterVerdict::Special) {
        if (!handled_elsewhere(e.path)) {
          skipped(e.path + (e.is_dir ? "/" : ""), reason::special_name,
                  "names starting with . _ # ~ or ending in ~ are not read (list them in "
                  "`include` to publish them)");
        }
        continue;
      }
      if (e.is_dir) {
        walk(e.path, depth + 1);
      } else {
        read_file(e.path, e.real);
      }
    }
    m_walk_stack.erase(real);
  }

  // A file of the walk: a page when its first line opens front matter, else a static file.
  void read_file(const std::string& path, const std::optional<fs::path>& real = std::nullopt) {
    if (!m_seen.insert(path).second) {
      return;
    }
    Candidate c;
    c.source = path;
    add_peeked(std::move(c), real, CandidateKind::Page, CandidateKind::Static);
  }

  // --- posts and drafts (Reader#retrieve_posts, PostReader) ---

  void read_posts(const std::string& dir, size_t depth) {
    const std::string& coll = m_out.config.collections_dir;
    // Reader#outside_configured_directory?: "/dir".start_with?("/collections_dir")
    if (!coll.empty() && !("/" + dir).starts_with("/" + coll)) {
      return;
    }
    for (const char* magic : {"_posts", "_drafts"}) {
      std::string base = join(dir, magic);
      bool draft = std::string_view(magic) == "_drafts";
      for (const auto& [entry, real] : list_tree(base, false, depth)) {
        std::string path = join(base, entry);
        if (!kept(entry, path, path)) {
          continue;
        }
        Candidate c;
        c.kind = draft ? CandidateKind::Draft : CandidateKind::Post;
        c.source = path;
        c.real = real;
        c.collection = "posts";
        c.special_dir = magic;
        if (draft && !m_out.config.show_drafts) {
          c.reason = reason::draft;
          c.detail = "a draft: built only with `show_drafts: true` (jekyll build --drafts)";
        } else if (!(draft ? match_dateless_name(entry) : match_dated_name(entry))) {
          c.reason = reason::post_name_without_date;
          c.detail = draft ? "a draft needs an extension in its name"
                           : "a post's file name must be YYYY-MM-DD-slug.ext: Jekyll drops it";
        }
        add(std::move(c));
      }
    }
  }

  // EntryFilter's verdict on a file inside _posts, _drafts or a collection; a Skipped row for
  // `path` when it is not read.
  bool kept(const std::string& entry, const std::string& from_source, const std::string& path) {
    FilterVerdict v = m_filter.verdict(entry, from_source, false);
    if (v == FilterVerdict::Keep) {
      return true;
    }
    skipped(path, v == FilterVerdict::Excluded ? reason::excluded : reason::special_name,
            v == FilterVerdict::Excluded ? "matched by `exclude`"
                                         : "names starting with . _ # ~ are not read");
    return false;
  }

  // Files below `base` (relative paths), as Dir["**/*"] (no dotfiles) or with FNM_DOTMATCH.
  struct TreeFile {
    std::string path; // relative to the tree's base
    fs::path real;
  };
  std::vector<TreeFile> list_tree(const std::string& base, bool dotmatch, size_t depth) {
    std::vector<TreeFile> out;
    std::error_code ec;
    auto resolved = util::resolve_inside(m_root, m_real_root, base);
    if (!resolved || !fs::is_directory(*resolved, ec)) {
      return out;
    }
    collect_tree(base, "", dotmatch, depth, out);
    return out;
  }

  void collect_tree(const std::string& base, const std::string& rel, bool dotmatch, size_t depth,
                    std::vector<TreeFile>& out) {
    std::string dir = rel.empty() ? base : join(base, rel);
    if (depth > m_limits.max_depth) {
      skipped(dir + "/", reason::too_deep,
              "folders nested deeper than " + std::to_string(m_limits.max_depth));
      return;
    }
    std::error_code ec;
    fs::path real = fs::canonical(m_root / dir, ec);
    if (ec || !m_tree_visited.insert(real.string()).second) {
      return;
    }
    if (!another_alias(real.string())) {
      m_tree_visited.erase(real.string());
      skipped(dir + "/", reason::symlink_loop, too_many_aliases());
      return;
    }
    for (const auto& e : list(dir)) {
      if (!dotmatch && e.name[0] == '.') {
        continue;
      }
      std::string child = join(rel, e.name);
      if (e.is_dir) {
        collect_tree(base, child, dotmatch, depth + 1, out);
      } else {
        out.push_back({child, e.real});
      }
    }
    m_tree_visited.erase(real.string());
  }

  // --- collections (Collection#read) ---

  void read_collections() {
    const SiteConfig& config = m_out.config;
    for (const auto& [label, meta] : config.collections) {
      if (label == "posts" || label == "data") {
        continue; // CollectionReader::SPECIAL_COLLECTIONS
      }
      std::string relative_dir = "_" + label;
      std::string base = join(config.collections_dir, relative_dir);
      for (const auto& [entry, real] : list_tree(base, true, 0)) {
        std::string path = join(base, entry);
        std::string from_source = join(relative_dir, entry);
        if (!kept(entry, from_source, path)) {
          continue;
        }
        Candidate c;
        c.source = path;
        c.collection = label;
        c.special_dir = relative_dir;
        c.in_collection = from_source;
        add_peeked(std::move(c), real, CandidateKind::Document, CandidateKind::CollectionStatic);
      }
    }
  }

  // --- _data, and `include` entries below special folders ---

  void read_data() {
    for (const auto& [entry, real] : list_tree("_data", false, 0)) {
      Candidate c;
      c.kind = CandidateKind::Data;
      c.source = join("_data", entry);
      c.reason = reason::data;
      c.detail = "a data file: read into site.data, never output";
      add(std::move(c));
    }
  }

  // Reader#read_included_excludes: files named in `include` by their path from the root.
  void read_included_files() {
    for (const auto& entry : m_out.config.include) {
      std::string path(entry);
      while (!path.empty() && path[0] == '/') {
        path.erase(0, 1);
      }
      if (path.empty() || m_seen.count(path)) {
        continue;
      }
      std::error_code ec;
      auto resolved = util::resolve_inside(m_root, m_real_root, path);
      if (!resolved || !fs::is_regular_file(*resolved, ec)) {
        continue;
      }
      // The walk may have listed it as skipped; the included file replaces that row.
      std::erase_if(m_out.candidates, [&](const Candidate& c) { return c.source == path; });
      read_file(path);
      settle_peeks(); // now: the next erase would move the candidate its peek points at
    }
  }

  // --- reading ---

  // A file whose first bytes decide what it is: `c` is added now, in walk order, and its kind
  // (`if_header` when it opens front matter, `otherwise` when not) is settled by settle_peeks(),
  // which reads every such file on all cores. The walk itself stays on one thread: its order and
  // its budget are Jekyll's.
  void add_peeked(Candidate c, std::optional<fs::path> real, CandidateKind if_header,
                  CandidateKind otherwise) {
    m_peeks.push_back({m_out.candidates.size(), c.source, std::move(real), if_header, otherwise});
    add(std::move(c));
  }

  void settle_peeks() {
    std::vector<PeekResult> results(m_peeks.size());
    util::parallel_for(m_peeks.size(), m_limits.jobs,
                       [&](size_t i) { results[i] = peek(m_peeks[i].path, m_peeks[i].real); });
    for (size_t i = 0; i < m_peeks.size(); ++i) {
      Candidate& c = m_out.candidates[m_peeks[i].candidate];
      PeekResult& r = results[i];
      if (r.header) {
        c.kind = *r.header ? m_peeks[i].if_header : m_peeks[i].otherwise;
        c.real = std::move(r.resolved);
        continue;
      }
      Candidate skip; // in its place: what a reader that cannot read it lists
      skip.kind = CandidateKind::Skipped;
      skip.source = std::move(c.source);
      skip.reason = r.reason;
      skip.detail = std::move(r.detail);
      c = std::move(skip);
    }
    m_peeks.clear();
  }

  struct Peek {
    size_t candidate; // index in m_out.candidates
    std::string path;
    std::optional<fs::path> real;
    CandidateKind if_header, otherwise;
  };

  struct PeekResult {
    std::optional<bool> header; // opens front matter; nullopt: not read (reason, detail)
    fs::path resolved;
    const char* reason = nullptr;
    std::string detail;
  };

  // Whether the file opens front matter, or why it cannot be read. `real`: the path already
  // resolved inside the root, when the listing did it. Reads no member that the walk changes:
  // settle_peeks() runs it on several threads.
  PeekResult peek(const std::string& path, const std::optional<fs::path>& real) const {
    PeekResult out;
    auto resolved = real ? real : util::resolve_inside(m_root, m_real_root, path);
    if (!resolved) {
      out.reason = reason::symlink_outside;
      out.detail = "leaves the site root: not read";
      return out;
    }
    util::ReadResult r = util::read_file_prefix(*resolved, k_peek_bytes, m_limits.max_file_bytes);
    if (r.status == util::ReadResult::Status::Ok && r.bytes.size() < r.size &&
        r.bytes.starts_with("---") && r.bytes.find('\n') == std::string::npos) {
      // A first line longer than the peek: read it whole to decide.
      r = util::read_file(*resolved, m_limits.max_file_bytes);
    }
    if (r.status != util::ReadResult::Status::Ok) {
      out.reason = reason::unreadable;
      out.detail = r.status == util::ReadResult::Status::TooLarge
                       ? "larger than " + std::to_string(m_limits.max_file_bytes) + " bytes"
                       : "cannot be read: " + r.error;
      return out;
    }
    out.header = has_yaml_header(r.bytes);
    out.resolved = std::move(*resolved);
    return out;
  }

  void skipped(std::string source, const char* why, std::string detail) {
    Candidate c;
    c.kind = CandidateKind::Skipped;
    c.source = std::move(source);
    c.reason = why;
    c.detail = std::move(detail);
    add(std::move(c));
  }

  void add(Candidate c) { m_out.candidates.push_back(std::move(c)); }

  fs::path m_root;
  fs::path m_real_root;
  const SiteLimits& m_limits;
  SiteInventory& m_out;
  EntryFilter m_filter;
  std::set<std::string> m_walk_stack; // real paths of the folders being walked
  std::set<std::string> m_tree_visited;
  std::map<std::string, unsigned> m_aliases; // real folder -> times entered
  std::set<std::string> m_seen;
  std::vector<Peek> m_peeks; // files added whose first bytes are not read yet
  size_t m_entries = 0;
  bool m_budget_reported = false;
};

} // namespace

SiteInventory take_inventory(const fs::path& root, const SiteLimits& limits) {
  SiteInventory inventory;
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  inventory.config = load_site_config(root, real_root, inventory.problems, limits.max_config_bytes);
  Walker walker(root, limits, inventory);
  walker.run();
  return inventory;
}

} // namespace verity::site
