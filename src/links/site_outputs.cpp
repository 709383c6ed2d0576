#include "links/site_outputs.hpp"

#include <algorithm>

namespace verity::links {
namespace {

constexpr std::size_t k_max_suggestions_scanned = 64;

std::string_view file_name(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view strip_slashes(std::string_view path) {
  while (!path.empty() && path.front() == '/')
    path.remove_prefix(1);
  return path;
}

std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n])
    ++n;
  return n;
}

// The name a page is known by: `b` for b.html and for b/index.html; "" for other files.
std::string page_stem(std::string_view path) {
  while (!path.empty() && path.back() == '/')
    path.remove_suffix(1);
  std::string_view name = file_name(path);
  if (name == "index.html") {
    path.remove_suffix(name.size());
    while (!path.empty() && path.back() == '/')
      path.remove_suffix(1);
    name = file_name(path);
  } else if (name.ends_with(".html")) {
    name.remove_suffix(5);
  } else {
    return {};
  }
  return name == "index" ? std::string() : std::string(name);
}

} // namespace

std::string url_of_output(std::string_view output) {
  std::string url = "/";
  url += output;
  if (file_name(url) == "index.html")
    url.resize(url.size() - std::string_view("index.html").size());
  return url;
}

void SiteOutputs::add(std::string output, std::string source) {
  add_directories(output);
  m_by_name[std::string(file_name(output))].push_back(output);
  if (std::string stem = page_stem(output); !stem.empty())
    m_by_stem[stem].push_back(output);
  m_output_of.emplace(source, output);
  m_sources.emplace(std::move(output), std::move(source));
}

void SiteOutputs::add_directories(std::string_view output) {
  for (auto slash = output.rfind('/'); slash != std::string_view::npos && slash > 0;
       slash = output.rfind('/', slash - 1)) {
    if (!m_directories.emplace(output.substr(0, slash)).second)
      break; // its parents are in too
  }
}

std::optional<std::string_view> SiteOutputs::find(std::string_view url_path) const {
  std::string_view path = strip_slashes(url_path);
  bool trailing_slash = !path.empty() && path.back() == '/';
  while (!path.empty() && path.back() == '/')
    path.remove_suffix(1);
  // HTMLProofer passes `/about.html/` (File.expand_path drops the slash), but a web server
  // answers 404 there: with a trailing slash only a folder's index.html is found.
  if (!path.empty() && !trailing_slash) {
    if (auto it = m_sources.find(std::string(path)); it != m_sources.end())
      return it->first;
  }
  // A directory (or the root) is served by its index.html.
  if (path.empty() || m_directories.count(std::string(path)) > 0 || trailing_slash) {
    std::string index =
        path.empty() ? std::string("index.html") : std::string(path) + "/index.html";
    if (auto it = m_sources.find(index); it != m_sources.end())
      return it->first;
  }
  return std::nullopt;
}

std::optional<std::string_view> SiteOutputs::output_of(std::string_view source) const {
  auto it = m_output_of.find(std::string(source));
  if (it == m_output_of.end())
    return std::nullopt;
  return it->second;
}

std::string SiteOutputs::suggestion(std::string_view url_path, bool* certain) const {
  if (certain)
    *certain = false;
  std::string_view path = strip_slashes(url_path);
  // A source path written where its URL belongs (`guide.md`, `_posts/2020-01-02-x.md`).
  if (auto out = output_of(path)) {
    if (certain)
      *certain = true;
    return url_of_output(*out);
  }
  // The same file name elsewhere, or the page of that name (`/about` -> `/about.html`).
  std::string_view name = file_name(path);
  while (!name.empty() && name.back() == '/')
    name.remove_suffix(1);
  for (std::string candidate : {std::string(name), std::string(name) + ".html"}) {
    auto it = m_by_name.find(candidate);
    if (it == m_by_name.end())
      continue;
    const std::string* best = nullptr;
    std::size_t best_prefix = 0, scanned = 0;
    for (const std::string& out : it->second) {
      if (++scanned > k_max_suggestions_scanned)
        break;
      std::size_t prefix = common_prefix(out, path);
      if (!best || prefix > best_prefix) {
        best = &out;
        best_prefix = prefix;
      }
    }
    if (best) {
      if (certain)
        *certain = it->second.size() == 1;
      return url_of_output(*best);
    }
  }
  // A page that moved (a new permalink, the same name): `/2020/01/02/hello.html` when the post
  // is now at /blog/hello/. Only the one page of that name is an answer.
  std::string stem = page_stem(std::string(path) + (url_path.ends_with('/') ? "/index.html" : ""));
  if (stem.empty() && !path.empty() && path.find('.') == std::string_view::npos)
    stem = std::string(name); // `/old/hello` written without extension or slash
  if (auto it = m_by_stem.find(stem); !stem.empty() && it != m_by_stem.end() &&
                                       it->second.size() == 1) {
    if (certain)
      *certain = true;
    return url_of_output(it->second.front());
  }
  return {};
}

} // namespace verity::links
