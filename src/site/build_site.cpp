// Reader#read_directories, PostReader, CollectionReader and DataReader (Jekyll 4.3) over a
// source tree: each file becomes one SiteItem. Every path is opened through util/confine, and
// a symlink that leaves the site is listed as refused, never followed.
#include "frontmatter/loader.hpp"
#include "frontmatter/source_text.hpp"
#include "site/config_yaml.hpp"
#include "site/defaults.hpp"
#include "site/entry_filter.hpp"
#include "site/item_url.hpp"
#include "site/post_name.hpp"
#include "site/site_model.hpp"
#include "site/site_time.hpp"
#include "site/url.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

#include <algorithm>
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

// Ruby's `Array(x).map(&:to_s)` for a category value, and String#split for a string.
std::vector<std::string> words(const nlohmann::json& v) {
  std::vector<std::string> out;
  auto text = [](const nlohmann::json& x) {
    return x.is_string() ? x.get<std::string>() : x.dump();
  };
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    size_t i = 0;
    while (i < s.size()) {
      size_t start = s.find_first_not_of(" \t\r\n\f\v", i);
      if (start == std::string::npos) {
        break;
      }
      size_t end = s.find_first_of(" \t\r\n\f\v", start);
      out.push_back(s.substr(start, end == std::string::npos ? end : end - start));
      i = end == std::string::npos ? s.size() : end;
    }
  } else if (v.is_array()) {
    for (const auto& x : v) {
      if (!x.is_null()) {
        out.push_back(text(x));
      }
    }
  } else if (!v.is_null()) {
    out.push_back(text(v));
  }
  return out;
}

void append_unique(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const auto& m : more) {
    if (std::find(into.begin(), into.end(), m) == into.end()) {
      into.push_back(m);
    }
  }
}

// Document#merge_categories!: a categories string is split, and unioned with those so far.
void merge_categories(nlohmann::json& data, nlohmann::json other) {
  if (other.contains("categories") && !other["categories"].is_null()) {
    std::vector<std::string> merged;
    if (data.contains("categories") && data["categories"].is_array()) {
      merged = words(data["categories"]);
    }
    append_unique(merged, other["categories"].is_string() ? words(other["categories"])
                                                          : words(other["categories"]));
    other["categories"] = merged;
  }
  data = deep_merge(std::move(data), other);
}

bool published_false(const nlohmann::json& data) {
  auto it = data.find("published");
  return it != data.end() && it->is_boolean() && !it->get<bool>();
}

std::optional<std::string> string_value(const nlohmann::json& data, const char* key) {
  auto it = data.find(key);
  if (it == data.end() || it->is_null()) {
    return std::nullopt;
  }
  return it->is_string() ? it->get<std::string>() : it->dump();
}

class Builder {
public:
  Builder(const fs::path& root, const SiteOptions& options, SiteModel& model)
      : m_root(root), m_options(options), m_model(model), m_filter(model.config),
        m_defaults(model.config), m_zone(model.config.timezone) {
    std::error_code ec;
    m_real_root = fs::canonical(root, ec);
  }

  void run() {
    walk("", 0);
    read_collections();
    read_data();
    read_included_files();
    std::sort(m_model.items.begin(), m_model.items.end(),
              [](const SiteItem& a, const SiteItem& b) { return a.source < b.source; });
  }

private:
  // --- the walk of ordinary folders (Reader#read_directories) ---

  struct Entry {
    std::string name;
    std::string path; // relative to the root
    bool is_dir = false;
  };

  bool budget() {
    if (++m_entries > m_options.limits.max_entries) {
      if (!m_budget_reported) {
        m_budget_reported = true;
        m_model.problems.push_back({"",
                                    {},
                                    "more than " + std::to_string(m_options.limits.max_entries) +
                                        " files and folders: the rest is not listed"});
      }
      return false;
    }
    return true;
  }

  // The entries of a folder, sorted, each resolved inside the root (refused ones listed).
  std::vector<Entry> list(const std::string& dir) {
    std::vector<Entry> out;
    std::error_code ec;
    fs::path abs = dir.empty() ? m_root : m_root / dir;
    std::vector<std::string> names;
    for (fs::directory_iterator it(abs, ec), end; !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (auto& name : names) {
      if (!budget()) {
        break;
      }
      Entry e;
      e.name = name;
      e.path = join(dir, name);
      auto resolved = util::resolve_inside(m_root, m_real_root, e.path);
      if (!resolved) {
        skipped(e.path, reason::symlink_outside,
                "a symbolic link that leaves the site root: not followed");
        continue;
      }
      e.is_dir = fs::is_directory(*resolved, ec);
      out.push_back(std::move(e));
    }
    return out;
  }

  // Jekyll follows a symlinked folder wherever it appears (the same files can be output twice,
  // under both names); only a folder that contains itself (a loop) is not entered again.
  // Returns the folder's real path, "" when it is not entered.
  std::string enter(const std::string& dir, size_t depth) {
    if (depth > m_options.limits.max_depth) {
      skipped(dir + "/", reason::unreadable,
              "folders nested deeper than " + std::to_string(m_options.limits.max_depth));
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
    return real.string();
  }

  bool handled_elsewhere(const std::string& path) const {
    const SiteConfig& c = m_model.config;
    std::string name(base_name(path));
    if (name == "_posts" || name == "_drafts") {
      std::string dir = path.substr(0, path.size() - name.size());
      return c.collections_dir.empty() || ("/" + dir).starts_with("/" + c.collections_dir);
    }
    if (path == "_data") {
      return true;
    }
    for (const auto& [label, _] : c.collections) {
      if (path == join(c.collections_dir, "_" + label)) {
        return true;
      }
    }
    return false;
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
        read_file(dir, e.name);
      }
    }
    m_walk_stack.erase(real);
  }

  // A file of the walk: a page when its first line opens front matter, else a static file.
  void read_file(const std::string& dir, const std::string& name) {
    std::string path = join(dir, name);
    if (m_seen.count(path)) {
      return;
    }
    m_seen.insert(path);
    auto bytes = read(path);
    if (!bytes) {
      return;
    }
    if (has_yaml_header(*bytes)) {
      read_page(dir, name, *bytes);
    } else {
      read_static(path);
    }
  }

  void read_page(const std::string& dir, const std::string& name, std::string bytes) {
    std::string path = join(dir, name);
    SiteItem item;
    item.kind = ItemKind::Page;
    item.source = path;
    bool utf8 = util::is_valid_utf8(bytes);
    nlohmann::json front = front_matter(path, std::move(bytes), nullptr);
    // Pages read defaults lazily (data.default_proc), so `published` in defaults does not
    // unpublish a page (Publisher uses data.fetch), but `permalink` in defaults applies.
    nlohmann::json defaults = m_defaults.all(path, std::string("pages"), path);
    item.data = deep_merge(defaults, front);
    ItemUrl u = page_url(m_model.config, dir, name, string_value(item.data, "permalink"));
    item.url = u.url;
    if (!utf8 && converter_ext(m_model.config, extname(name)) == ".html" &&
        extname(name) != ".html") {
      build_error(std::move(item), "not valid UTF-8: kramdown refuses it and the build stops");
      return;
    }
    if (published_false(front) && !m_model.config.unpublished) {
      item.reason = reason::unpublished;
      item.detail = "`published: false` in its front matter";
    } else {
      item.output = u.output;
      add_source_map(item, name, u);
    }
    add(std::move(item));
  }

  // jekyll-sass-converter 2.2 adds a SourceMapPage beside each Sass page: named
  // `<basename>.css.map`, in the CSS page's URL folder, unless `sass.sourcemap` says never (or
  // development outside JEKYLL_ENV=development).
  void add_source_map(SiteItem& item, const std::string& name, const ItemUrl& css) {
    const std::string& option = m_model.config.sass_sourcemap;
    std::string ext = extname(name);
    bool sass =
        css.output_ext == ".css" && converter_ext(m_model.config, ext) == ".css" && ext != ".css";
    if (!sass || option == "never" ||
        (option == "development" && m_options.jekyll_env != "development")) {
      return;
    }
    std::string basename = name.substr(0, name.size() - ext.size());
    std::string dir = css.url.back() == '/' ? css.url : css.url.substr(0, css.url.rfind('/') + 1);
    std::string map_url = sanitize_url(dir + "/" + basename + ".css.map");
    item.extra_outputs.emplace_back(map_url, output_path_of(map_url, ".map", true));
  }

  void read_static(const std::string& path) {
    SiteItem item;
    item.kind = ItemKind::StaticFile;
    item.source = path;
    ItemUrl u = static_url(path);
    item.url = u.url;
    // StaticFile#defaults looks the scope up by URL, with no type.
    if (published_false(m_defaults.all(u.url, std::nullopt, path))) {
      item.reason = reason::unpublished;
      item.detail = "`published: false` from `defaults`";
    } else {
      item.output = u.output;
    }
    add(std::move(item));
  }

  // --- posts and drafts (Reader#retrieve_posts, PostReader) ---

  void read_posts(const std::string& dir, size_t depth) {
    const std::string& coll = m_model.config.collections_dir;
    // Reader#outside_configured_directory?: "/dir".start_with?("/collections_dir")
    if (!coll.empty() && !("/" + dir).starts_with("/" + coll)) {
      return;
    }
    for (const char* magic : {"_posts", "_drafts"}) {
      std::string base = join(dir, magic);
      for (const auto& entry : list_tree(base, false, depth)) {
        std::string path = join(base, entry);
        FilterVerdict v = m_filter.verdict(entry, path, false);
        if (v != FilterVerdict::Keep) {
          skipped(path, v == FilterVerdict::Excluded ? reason::excluded : reason::special_name,
                  v == FilterVerdict::Excluded ? "matched by `exclude`"
                                               : "names starting with . _ # ~ are not read");
          continue;
        }
        bool draft = std::string_view(magic) == "_drafts";
        if (draft && !m_model.config.show_drafts) {
          SiteItem item;
          item.kind = ItemKind::Draft;
          item.source = path;
          item.collection = "posts";
          item.reason = reason::draft;
          item.detail = "a draft: built only with `show_drafts: true` (jekyll build --drafts)";
          add(std::move(item));
          continue;
        }
        auto name = draft ? match_dateless_name(entry) : match_dated_name(entry);
        if (!name) {
          SiteItem item;
          item.kind = draft ? ItemKind::Draft : ItemKind::Post;
          item.source = path;
          item.collection = "posts";
          item.reason = reason::post_name_without_date;
          item.detail = draft ? "a draft needs an extension in its name"
                              : "a post's file name must be YYYY-MM-DD-slug.ext: Jekyll drops it";
          add(std::move(item));
          continue;
        }
        read_document(path, "posts", draft ? ItemKind::Draft : ItemKind::Post,
                      draft ? "_drafts" : "_posts");
      }
    }
  }

  // Files below `base` (relative paths), as Dir["**/*"] (no dotfiles) or with FNM_DOTMATCH.
  std::vector<std::string> list_tree(const std::string& base, bool dotmatch, size_t depth) {
    std::vector<std::string> out;
    std::error_code ec;
    auto resolved = util::resolve_inside(m_root, m_real_root, base);
    if (!resolved || !fs::is_directory(*resolved, ec)) {
      return out;
    }
    collect_tree(base, "", dotmatch, depth, out);
    return out;
  }

  void collect_tree(const std::string& base, const std::string& rel, bool dotmatch, size_t depth,
                    std::vector<std::string>& out) {
    std::string dir = rel.empty() ? base : join(base, rel);
    if (depth > m_options.limits.max_depth) {
      return;
    }
    std::error_code ec;
    fs::path real = fs::canonical(m_root / dir, ec);
    if (ec || !m_tree_visited.insert(real.string()).second) {
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
        out.push_back(child);
      }
    }
    m_tree_visited.erase(real.string());
  }

  // --- collections (Collection#read) ---

  void read_collections() {
    const SiteConfig& c = m_model.config;
    for (const auto& [label, meta] : c.collections) {
      if (label == "posts" || label == "data") {
        continue; // CollectionReader::SPECIAL_COLLECTIONS
      }
      std::string relative_dir = "_" + label;
      std::string base = join(c.collections_dir, relative_dir);
      for (const auto& entry : list_tree(base, true, 0)) {
        std::string path = join(base, entry);
        std::string from_source = join(relative_dir, entry);
        FilterVerdict v = m_filter.verdict(entry, from_source, false);
        if (v != FilterVerdict::Keep) {
          skipped(path, v == FilterVerdict::Excluded ? reason::excluded : reason::special_name,
                  v == FilterVerdict::Excluded ? "matched by `exclude`"
                                               : "names starting with . _ # ~ are not read");
          continue;
        }
        auto bytes = read(path);
        if (!bytes) {
          continue;
        }
        if (has_yaml_header(*bytes)) {
          read_document(path, label, ItemKind::Document, relative_dir);
        } else {
          read_collection_static(path, label, from_source, meta.output);
        }
      }
    }
  }

  void read_collection_static(const std::string& path, const std::string& label,
                              const std::string& relative_path, bool output) {
    SiteItem item;
    item.kind = ItemKind::StaticFile;
    item.source = path;
    item.collection = label;
    ItemUrl u = collection_static_url(m_model.config, label, relative_path);
    item.url = u.url;
    if (!output) {
      item.reason = reason::collection_not_output;
      item.detail = "collection `" + label + "` has no `output: true`";
    } else if (published_false(m_defaults.all(u.url, label, path))) {
      item.reason = reason::unpublished;
      item.detail = "`published: false` from `defaults`";
    } else {
      item.output = u.output;
    }
    add(std::move(item));
  }

  // --- documents (Document#read, populate_title, populate_categories) ---

  std::string relative_to_collections(const std::string& path) const {
    const std::string& coll = m_model.config.collections_dir;
    if (!coll.empty() && path.starts_with(coll + "/")) {
      return path.substr(coll.size() + 1);
    }
    return path;
  }

  // Document#categories_from_path: the folders above the special folder.
  static std::vector<std::string> path_categories(const std::string& relative_path,
                                                  const std::string& special_dir) {
    std::vector<std::string> out;
    if (relative_path.starts_with(special_dir)) {
      return out;
    }
    std::string above = relative_path.substr(0, relative_path.find(special_dir));
    std::string name(base_name(relative_path));
    size_t start = 0;
    while (start <= above.size()) {
      size_t slash = above.find('/', start);
      std::string part = above.substr(start, slash == std::string::npos ? slash : slash - start);
      if (!part.empty() && part != special_dir && part != name) {
        out.push_back(part);
      }
      if (slash == std::string::npos) {
        break;
      }
      start = slash + 1;
    }
    return out;
  }

  std::optional<std::int64_t> parse_date(const nlohmann::json& value, DateSource source) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    return parse_jekyll_date(text, source, m_zone);
  }

  void read_document(const std::string& path, const std::string& label, ItemKind kind,
                     const std::string& special_dir) {
    SiteItem item;
    item.kind = kind;
    item.source = path;
    item.collection = label;
    std::string relative_path = relative_to_collections(path);
    auto bytes = read(path);
    if (!bytes) {
      return;
    }
    bool utf8 = util::is_valid_utf8(*bytes);
    bool plain_date = false;
    nlohmann::json front = front_matter(path, std::move(*bytes), &plain_date);

    nlohmann::json data = {{"categories", path_categories(relative_path, special_dir)}};
    merge_categories(data, m_defaults.all(relative_path, label, path));
    std::optional<std::int64_t> date;
    std::string date_error;
    if (data.contains("date") && !data["date"].is_null()) {
      date = parse_date(data["date"], DateSource::Text);
      if (!date) {
        date_error = "`date` from `defaults` is not a date Jekyll reads";
      }
    }
    merge_categories(data, front);
    if (front.contains("date") && !front["date"].is_null()) {
      date = parse_date(front["date"], plain_date ? DateSource::PlainYaml : DateSource::Text);
      date_error = date ? ""
                        : "`date: " +
                              (front["date"].is_string() ? front["date"].get<std::string>()
                                                         : front["date"].dump()) +
                              "` is not a date Jekyll reads (\"Invalid date\": the build stops)";
    }
    // populate_title: the file name's date (when no date was given) and slug.
    auto dated = match_dated_name(relative_path);
    auto name = dated ? dated : match_dateless_name(relative_path);
    if (dated && !date && date_error.empty()) {
      date = parse_jekyll_date(dated->date, DateSource::Text, m_zone);
      if (!date) {
        date_error = "the date `" + dated->date +
                     "` in the file name is not a valid date "
                     "(\"Invalid date\": the build stops)";
      }
    }
    std::string slug = name ? name->slug : without_ext_name(relative_path);
    if (!data.contains("slug") || data["slug"].is_null()) {
      data["slug"] = slug;
    }
    if (!date && date_error.empty()) {
      date = kind == ItemKind::Draft ? mtime(path) : m_options.now;
    }
    // populate_categories
    std::vector<std::string> categories = words(data.value("categories", nlohmann::json()));
    if (data.contains("category") && !data["category"].is_null()) {
      append_unique(categories, words(data["category"]));
    }
    data["categories"] = categories;
    item.date = date;
    item.data = data;

    if (!date_error.empty()) {
      build_error(std::move(item), date_error);
      return;
    }
    DocumentFacts facts;
    facts.label = label;
    facts.relative_path = relative_path;
    facts.slug = string_value(data, "slug").value_or(slug);
    facts.categories = categories;
    facts.date = m_zone.local(*date);
    facts.permalink = string_value(data, "permalink");
    ItemUrl u = document_url(m_model.config, facts);
    if (!u.error.empty()) {
      build_error(std::move(item), u.error);
      return;
    }
    item.url = u.url;
    const SiteConfig& c = m_model.config;
    auto meta = c.collections.find(label);
    bool output = meta != c.collections.end() && meta->second.output;
    if (label == "posts" && !utf8) {
      item.reason = reason::not_utf8;
      item.detail = "not valid UTF-8: Jekyll skips the post";
    } else if (published_false(data) && !c.unpublished) {
      item.reason = reason::unpublished;
      item.detail = "`published: false`";
    } else if (!c.future && *date > m_options.now) {
      item.reason = reason::future;
      item.detail = "dated in the future: built only with `future: true`";
    } else if (!output) {
      item.reason = reason::collection_not_output;
      item.detail = "collection `" + label + "` has no `output: true`";
    } else {
      item.output = u.output;
    }
    add(std::move(item));
  }

  static std::string without_ext_name(const std::string& path) {
    std::string name(base_name(path));
    std::string ext = extname(name);
    return name.substr(0, name.size() - ext.size());
  }

  std::int64_t mtime(const std::string& path) {
    std::error_code ec;
    auto t = fs::last_write_time(m_root / path, ec);
    if (ec) {
      return m_options.now;
    }
    auto sys = std::chrono::file_clock::to_sys(t);
    return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
  }

  // --- _data, and `include` entries below special folders ---

  void read_data() {
    for (const auto& entry : list_tree("_data", false, 0)) {
      SiteItem item;
      item.kind = ItemKind::Data;
      item.source = join("_data", entry);
      item.reason = reason::data;
      item.detail = "a data file: read into site.data, never output";
      add(std::move(item));
    }
  }

  // Reader#read_included_excludes: files named in `include` by their path from the root.
  void read_included_files() {
    for (const auto& entry : m_model.config.include) {
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
      size_t slash = path.rfind('/');
      std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
      std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
      // The walk may have listed it as skipped; the included file replaces that row.
      std::erase_if(m_model.items, [&](const SiteItem& i) { return i.source == path; });
      read_file(dir, name);
    }
  }

  // --- reading ---

  std::optional<std::string> read(const std::string& path) {
    auto resolved = util::resolve_inside(m_root, m_real_root, path);
    if (!resolved) {
      skipped(path, reason::symlink_outside, "leaves the site root: not read");
      return std::nullopt;
    }
    util::ReadResult r = util::read_file(*resolved, m_options.limits.max_file_bytes);
    if (r.status != util::ReadResult::Status::Ok) {
      skipped(path, reason::unreadable,
              r.status == util::ReadResult::Status::TooLarge
                  ? "larger than " + std::to_string(m_options.limits.max_file_bytes) + " bytes"
                  : "cannot be read: " + r.error);
      return std::nullopt;
    }
    return std::move(r.bytes);
  }

  // Utils.has_yaml_header?: the first line matches \A---\s*\r?\n.
  static bool has_yaml_header(std::string_view bytes) {
    if (!bytes.starts_with("---")) {
      return false;
    }
    size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      return false;
    }
    for (size_t i = 3; i < nl; ++i) {
      char c = bytes[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
        return false;
      }
    }
    return true;
  }

  // The front matter as JSON ({} when missing or unreadable, as Jekyll then uses {}).
  nlohmann::json front_matter(const std::string& path, std::string bytes, bool* plain_date) {
    frontmatter::LoadOptions options;
    options.front_matter_required = false;
    Findings ignored; // `verity check` reports these; the site model only needs the values
    Document doc = frontmatter::parse_document(std::move(bytes), path, options, ignored);
    if (!doc.parsed || !doc.data.is_object()) {
      return nlohmann::json::object();
    }
    // Jekyll reads front matter as YAML 1.1: a plain `published: no` is false there.
    for (auto& [key, value] : doc.data.items()) {
      if (!value.is_string()) {
        continue;
      }
      std::string_view raw =
          frontmatter::rest_of_line(doc, doc.map.find("/" + escape_pointer_token(key)).value);
      if (auto b = psych_boolean(value.get<std::string>());
          b && raw.starts_with(value.get<std::string>())) {
        value = *b;
      }
    }
    if (plain_date && doc.data.contains("date")) {
      std::string_view rest = frontmatter::rest_of_line(doc, doc.map.find("/date").value);
      *plain_date = !rest.empty() && rest[0] != '"' && rest[0] != '\'';
    }
    return doc.data;
  }

  void skipped(std::string source, const char* why, std::string detail) {
    SiteItem item;
    item.kind = ItemKind::Skipped;
    item.source = std::move(source);
    item.reason = why;
    item.detail = std::move(detail);
    add(std::move(item));
  }

  void build_error(SiteItem item, const std::string& message) {
    item.reason = reason::build_error;
    item.detail = message;
    m_model.problems.push_back({item.source, {}, message});
    add(std::move(item));
  }

  void add(SiteItem item) { m_model.items.push_back(std::move(item)); }

  fs::path m_root;
  fs::path m_real_root;
  const SiteOptions& m_options;
  SiteModel& m_model;
  EntryFilter m_filter;
  Defaults m_defaults;
  SiteZone m_zone;
  std::set<std::string> m_walk_stack; // real paths of the folders being walked
  std::set<std::string> m_tree_visited;
  std::set<std::string> m_seen;
  size_t m_entries = 0;
  bool m_budget_reported = false;
};

} // namespace

SiteModel build_site_model(const fs::path& root, const SiteOptions& options) {
  SiteModel model;
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  model.config = load_site_config(root, real_root, model.problems, options.limits.max_config_bytes);
  Builder builder(root, options, model);
  builder.run();
  return model;
}

const char* to_string(ItemKind kind) {
  switch (kind) {
  case ItemKind::Page:
    return "page";
  case ItemKind::Post:
    return "post";
  case ItemKind::Draft:
    return "draft";
  case ItemKind::Document:
    return "document";
  case ItemKind::StaticFile:
    return "static";
  case ItemKind::Data:
    return "data";
  case ItemKind::Skipped:
    return "skipped";
  }
  return "skipped";
}

} // namespace verity::site
