#include "site/resolve.hpp"

#include "site/entry_filter.hpp"
#include "site/item_url.hpp"
#include "site/jekyll_data.hpp"
#include "site/post_name.hpp"
#include "site/url.hpp"
#include "util/jekyll_date.hpp"

#include <chrono>

namespace verity::site {
namespace fs = std::filesystem;
namespace {

std::string without_ext_name(const std::string& path) {
  std::string name(base_name(path));
  std::string ext = extname(name);
  return name.substr(0, name.size() - ext.size());
}

// Document#categories_from_path: the folders above the special folder.
std::vector<std::string> path_categories(const std::string& relative_path,
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

std::string dir_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

SiteItem build_error(SiteItem item, const std::string& message) {
  item.reason = reason::build_error;
  item.detail = message;
  return item;
}

// A `date` verity cannot read is a build error only when it surely is one: fields out of range,
// or no digit at all (Time.parse then finds no time information). Other text may be one of the
// many forms Ruby's Date._parse knows.
bool might_be_a_date(const std::string& text, bool plain_date) {
  util::DateReading r = util::read_jekyll_date(text, plain_date ? util::DateQuoting::Plain
                                                                : util::DateQuoting::Quoted);
  if (r.status == util::DateReading::Status::Impossible)
    return false;
  return text.find_first_of("0123456789") != std::string::npos;
}

} // namespace

ItemResolver::ItemResolver(const SiteConfig& config, const SiteOptions& options,
                           const fs::path& root)
    : m_config(config), m_options(options), m_root(root), m_defaults(config),
      m_zone(config.timezone) {}

SiteItem ItemResolver::resolve(const Candidate& c, const nlohmann::json& front, bool plain_date,
                               bool utf8) const {
  bool read = c.kind == CandidateKind::Page || c.kind == CandidateKind::Post ||
              c.kind == CandidateKind::Draft || c.kind == CandidateKind::Document;
  if (read && !front.is_object()) {
    // Convertible#validate_data! and Document#merge_data! take only a Hash (measured, 4.3.1).
    SiteItem item;
    item.kind = c.kind == CandidateKind::Page    ? ItemKind::Page
                : c.kind == CandidateKind::Post  ? ItemKind::Post
                : c.kind == CandidateKind::Draft ? ItemKind::Draft
                                                 : ItemKind::Document;
    item.source = c.source;
    item.collection = c.collection;
    return build_error(std::move(item), "its front matter is a YAML list or scalar, not a "
                                        "mapping: Jekyll stops with \"Invalid YAML front matter\"");
  }
  switch (c.kind) {
  case CandidateKind::Page:
    return page(c, front, utf8);
  case CandidateKind::Static:
    return static_file(c);
  case CandidateKind::CollectionStatic:
    return collection_static(c);
  case CandidateKind::Post:
  case CandidateKind::Draft:
  case CandidateKind::Document:
    return document(c, front, plain_date, utf8);
  case CandidateKind::Data:
  case CandidateKind::Skipped:
    break;
  }
  SiteItem item;
  item.kind = c.kind == CandidateKind::Data ? ItemKind::Data : ItemKind::Skipped;
  item.source = c.source;
  item.reason = c.reason ? c.reason : "";
  item.detail = c.detail;
  return item;
}

nlohmann::json ItemResolver::defaults_for(const Candidate& c) const {
  switch (c.kind) {
  case CandidateKind::Page:
    return m_defaults.all(c.source, std::string("pages"), c.source);
  case CandidateKind::Post:
  case CandidateKind::Draft:
  case CandidateKind::Document:
    return m_defaults.all(relative_to_collections(c.source), c.collection, c.source);
  default:
    return nlohmann::json::object();
  }
}

DefaultValues ItemResolver::located_defaults_for(const Candidate& c) const {
  switch (c.kind) {
  case CandidateKind::Page:
    return m_defaults.located(c.source, std::string("pages"), c.source);
  case CandidateKind::Post:
  case CandidateKind::Draft:
  case CandidateKind::Document:
    return m_defaults.located(relative_to_collections(c.source), c.collection, c.source);
  default:
    return {};
  }
}

SiteItem ItemResolver::page(const Candidate& c, const nlohmann::json& front, bool utf8) const {
  SiteItem item;
  item.kind = ItemKind::Page;
  item.source = c.source;
  std::string dir = dir_of(c.source);
  std::string name(base_name(c.source));
  // Pages read defaults lazily (data.default_proc), so `published` in defaults does not
  // unpublish a page (Publisher uses data.fetch), but `permalink` in defaults applies.
  item.data = deep_merge(defaults_for(c), front);
  ItemUrl u = page_url(m_config, dir, name, string_value(item.data, "permalink"));
  item.url = u.url;
  if (!utf8 && converter_ext(m_config, extname(name)) == ".html" && extname(name) != ".html") {
    return build_error(std::move(item), "not valid UTF-8: kramdown refuses it and the build stops");
  }
  if (published_false(front) && !m_config.unpublished) {
    item.reason = reason::unpublished;
    item.detail = "`published: false` in its front matter";
    return item;
  }
  item.output = u.output;
  // jekyll-sass-converter 2.2 adds a SourceMapPage beside each Sass page: named
  // `<basename>.css.map`, in the CSS page's URL folder, unless `sass.sourcemap` says never (or
  // development outside JEKYLL_ENV=development).
  const std::string& option = m_config.sass_sourcemap;
  std::string ext = extname(name);
  bool sass = u.output_ext == ".css" && converter_ext(m_config, ext) == ".css" && ext != ".css";
  if (sass && option != "never" &&
      (option != "development" || m_options.jekyll_env == "development")) {
    std::string basename = name.substr(0, name.size() - ext.size());
    std::string url_dir = u.url.back() == '/' ? u.url : u.url.substr(0, u.url.rfind('/') + 1);
    std::string map_url = sanitize_url(url_dir + "/" + basename + ".css.map");
    item.extra_outputs.emplace_back(map_url, output_path_of(map_url, ".map", true));
  }
  return item;
}

SiteItem ItemResolver::static_file(const Candidate& c) const {
  SiteItem item;
  item.kind = ItemKind::StaticFile;
  item.source = c.source;
  ItemUrl u = static_url(c.source);
  item.url = u.url;
  // StaticFile#defaults looks the scope up by URL, with no type.
  if (published_false(m_defaults.all(u.url, std::nullopt, c.source))) {
    item.reason = reason::unpublished;
    item.detail = "`published: false` from `defaults`";
  } else {
    item.output = u.output;
  }
  return item;
}

SiteItem ItemResolver::collection_static(const Candidate& c) const {
  SiteItem item;
  item.kind = ItemKind::StaticFile;
  item.source = c.source;
  item.collection = c.collection;
  ItemUrl u = collection_static_url(m_config, c.collection, c.in_collection);
  item.url = u.url;
  auto meta = m_config.collections.find(c.collection);
  if (meta == m_config.collections.end() || !meta->second.output) {
    item.reason = reason::collection_not_output;
    item.detail = "collection `" + c.collection + "` has no `output: true`";
  } else if (published_false(m_defaults.all(u.url, c.collection, c.source))) {
    item.reason = reason::unpublished;
    item.detail = "`published: false` from `defaults`";
  } else {
    item.output = u.output;
  }
  return item;
}

std::string ItemResolver::relative_to_collections(const std::string& path) const {
  const std::string& coll = m_config.collections_dir;
  if (!coll.empty() && path.starts_with(coll + "/")) {
    return path.substr(coll.size() + 1);
  }
  return path;
}

std::optional<std::int64_t> ItemResolver::parse_date(const nlohmann::json& value,
                                                     DateSource source) const {
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  return parse_jekyll_date(text, source, m_zone);
}

std::int64_t ItemResolver::mtime(const std::string& path) const {
  std::error_code ec;
  auto t = fs::last_write_time(m_root / path, ec);
  if (ec) {
    return m_options.now;
  }
  auto sys = std::chrono::file_clock::to_sys(t);
  return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
}

SiteItem ItemResolver::document(const Candidate& c, const nlohmann::json& front, bool plain_date,
                                bool utf8) const {
  SiteItem item;
  item.kind = c.kind == CandidateKind::Post    ? ItemKind::Post
              : c.kind == CandidateKind::Draft ? ItemKind::Draft
                                               : ItemKind::Document;
  item.source = c.source;
  item.collection = c.collection;
  if (c.reason) {
    // Listed by the reader but never read (a hidden draft, a post name without a date).
    item.reason = c.reason;
    item.detail = c.detail;
    return item;
  }
  std::string relative_path = relative_to_collections(c.source);
  nlohmann::json data = {{"categories", path_categories(relative_path, c.special_dir)}};
  merge_categories(data, defaults_for(c));
  std::optional<std::int64_t> date;
  std::string date_error;
  if (data.contains("date") && !data["date"].is_null()) {
    date = parse_date(data["date"], DateSource::Text);
    if (!date) {
      date_error = "`date` from `defaults` is not a date Jekyll reads";
    }
  }
  merge_categories(data, front);
  bool date_unread = false;
  if (front.contains("date") && !front["date"].is_null()) {
    date = parse_date(front["date"], plain_date ? DateSource::PlainYaml : DateSource::Text);
    std::string text =
        front["date"].is_string() ? front["date"].get<std::string>() : front["date"].dump();
    date_unread = !date && might_be_a_date(text, plain_date);
    date_error =
        date || date_unread
            ? ""
            : "`date: " + text + "` is not a date Jekyll reads (\"Invalid date\": the build stops)";
  }
  if (date_unread) {
    item.reason = reason::date_unread;
    item.detail =
        "`date: " +
        (front["date"].is_string() ? front["date"].get<std::string>() : front["date"].dump()) +
        "` is in a form verity does not read (Ruby's Time.parse may): its URL is "
        "not known";
    return item;
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
    date = c.kind == CandidateKind::Draft ? mtime(c.source) : m_options.now;
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
    return build_error(std::move(item), date_error);
  }
  DocumentFacts facts;
  facts.label = c.collection;
  facts.relative_path = relative_path;
  facts.slug = string_value(data, "slug").value_or(slug);
  facts.categories = categories;
  facts.date = m_zone.local(*date);
  facts.permalink = string_value(data, "permalink");
  ItemUrl u = document_url(m_config, facts);
  if (!u.error.empty()) {
    return build_error(std::move(item), u.error);
  }
  item.url = u.url;
  auto meta = m_config.collections.find(c.collection);
  bool output = meta != m_config.collections.end() && meta->second.output;
  if (c.collection == "posts" && !utf8) {
    item.reason = reason::not_utf8;
    item.detail = "not valid UTF-8: Jekyll skips the post";
  } else if (published_false(data) && !m_config.unpublished) {
    item.reason = reason::unpublished;
    item.detail = "`published: false`";
  } else if (!m_config.future && *date > m_options.now) {
    item.reason = reason::future;
    item.detail = "dated in the future: built only with `future: true`";
  } else if (!output) {
    item.reason = reason::collection_not_output;
    item.detail = "collection `" + c.collection + "` has no `output: true`";
  } else {
    item.output = u.output;
  }
  return item;
}

} // namespace verity::site
