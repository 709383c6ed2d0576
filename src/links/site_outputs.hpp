// SiteOutputs: the files a Jekyll build writes under _site (pages, documents, static files), and
// what a link path finds among them as HTMLProofer 3.19 looks for it on disk (design note
// site-model.md §4.3, §5.2): `/docs/` and `/docs` find `docs/index.html`, `/about` does not find
// `about.html`; one difference, where a real server decides: `/about.html/` finds nothing
// (HTMLProofer's File.expand_path drops the slash and passes it; the deployed site answers 404).
// verity checks links against this, never against source paths, so a link is broken exactly when
// the built site would 404 it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace verity::links {

class SiteOutputs {
public:
  // One written file: its path under the destination ("docs/index.html", no leading '/') and the
  // source it comes from ("docs/index.md"; a static file is its own source).
  void add(std::string output, std::string source);

  // The output file a decoded, site-absolute URL path ("/docs/", no query, no fragment, no
  // baseurl) reaches, or nullopt. Call after every add().
  std::optional<std::string_view> find(std::string_view url_path) const;

  // The output file written from `source` ("docs/guide.md"), when it is output.
  std::optional<std::string_view> output_of(std::string_view source) const;

  // A URL the author probably meant by `url_path` that does not exist: the URL of a source file
  // of that path (a link written to `guide.md` instead of its URL), else an output of the same
  // file name, else the one page of that name (a page that moved: `/2020/01/02/hello.html` for
  // /blog/hello/), else "". Bounded work per call. `certain`, when given, says whether it is the
  // only answer: the source path itself, or the one output or page of the site with that name.
  std::string suggestion(std::string_view url_path, bool* certain = nullptr) const;

  std::size_t size() const { return m_sources.size(); }

private:
  void add_directories(std::string_view output);

  std::unordered_map<std::string, std::string> m_sources;              // output -> source
  std::unordered_map<std::string, std::string> m_output_of;            // source -> output
  std::unordered_set<std::string> m_directories;                       // "docs", "2024/01/05"
  std::unordered_map<std::string, std::vector<std::string>> m_by_name; // file name -> outputs
  std::unordered_map<std::string, std::vector<std::string>> m_by_stem; // page name -> pages
};

// The URL a browser requests for an output file: "docs/index.html" -> "/docs/",
// "about.html" -> "/about.html".
std::string url_of_output(std::string_view output);

} // namespace verity::links
