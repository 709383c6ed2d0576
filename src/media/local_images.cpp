#include "media/local_images.hpp"

#include "frontmatter/document_finding.hpp"
#include "media/file_source.hpp"
#include "media/image_verdict.hpp"
#include "refs/site_path.hpp"
#include "rules/catalogue.hpp"
#include "util/confine.hpp"

#include <climits>

#include <cerrno>
#include <cstdlib>

namespace verity::media {
namespace fs = std::filesystem;

namespace {

// A finding at the reference: its front-matter value, or its body position.
Finding make(const Document& doc, const rules::Rule& rule, const refs::Reference& ref,
             std::string message) {
  if (ref.origin.source == refs::Origin::Source::FrontMatter) {
    return frontmatter::finding_at(doc, rule, ref.origin.pointer, std::move(message));
  }
  Finding f = rules::make_finding(rule);
  f.file = doc.path;
  f.line = ref.origin.position.line;
  f.column = ref.origin.position.column;
  f.message = std::move(message);
  return f;
}

bool inside(const fs::path& root, const fs::path& p) {
  return util::is_within(root, p);
}

void check_object(const Document& doc, const refs::Reference& ref, const config::Config& config,
                  const SiteLocation& where, ProbeCache& cache, Findings& out) {
  const std::string& url = ref.raw;
  SitePath site_path = image_site_path(url, where, config.remap);
  if (site_path.kind == SitePath::Kind::None || site_path.kind == SitePath::Kind::External) {
    return; // nothing to find, or remote (the network phase probes http(s) images)
  }
  fs::path candidate = (config.site_root / fs::path(site_path.path)).lexically_normal();
  if (site_path.kind == SitePath::Kind::Outside || !inside(config.site_root, candidate)) {
    out.push_back(make(doc, rules::image_outside_site, ref,
                       "image path " + url + " leaves the site root: refused, not opened"));
    return;
  }
  const ProbeCache::Location where_to = cache.locate(candidate, config);
  if (where_to.kind == ProbeCache::Location::Kind::Missing) {
    out.push_back(make(doc, rules::image_missing, ref,
                       "image " + url + " not found (expected the file " +
                           candidate.lexically_relative(config.site_root).string() +
                           " under the site root): add it or fix the URL"));
    return;
  }
  if (where_to.kind == ProbeCache::Location::Kind::Outside) {
    out.push_back(make(doc, rules::image_outside_site, ref,
                       "image " + url + " is a symbolic link whose target " +
                           util::k_missing_or_outside + ": refused, not opened"));
    return;
  }
  ImageRef judged = image_ref(ref);
  if (ref.attributes.count("from") > 0) {
    // A srcset candidate: the <img>'s width/height describe its src, not each candidate.
    judged.width.reset();
    judged.height.reset();
  }
  judge_image(judged, cache.probe(where_to.real), out);
}

} // namespace

ProbeCache::Location ProbeCache::locate(const fs::path& candidate, const config::Config& config) {
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_locations.find(candidate.native()); it != m_locations.end()) {
      return it->second;
    }
  }
  Location at;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(candidate, ec))) {
    // A symlink is followed only when it stays inside the site; a dangling link gets the same
    // words as one pointing outside, so no finding tells whether a file outside exists.
    auto resolved = util::resolve_inside(config.site_root, config.real_site_root, candidate);
    at.kind = resolved ? Location::Kind::Found : Location::Kind::Outside;
    if (resolved)
      at.real = std::move(*resolved);
  }
  std::lock_guard lock(m_mutex);
  m_locations.emplace(candidate.native(), at);
  return at;
}

ProbeResult ProbeCache::probe(const fs::path& file) {
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_results.find(file.native()); it != m_results.end()) {
      return it->second;
    }
  }
  ProbeResult r;
  FileSource src(file);
  if (!src.ok()) {
    r.status = ProbeStatus::Corrupt;
    r.reason = "cannot open: " + src.error();
  } else {
    r = probe_image(src, {m_max_bytes});
  }
  std::lock_guard lock(m_mutex);
  m_results.emplace(file.native(), r);
  return r;
}

std::optional<std::string> remapped_url(const std::string& url,
                                        const std::vector<config::Remap>& remap) {
  for (const auto& r : remap) {
    if (url.size() >= r.from.size() && url.compare(0, r.from.size(), r.from) == 0 &&
        (url.size() == r.from.size() || url[r.from.size()] == '/' || url[r.from.size()] == '?' ||
         url[r.from.size()] == '#')) {
      std::string rest = url.substr(r.from.size());
      return (r.to == "/" ? "" : r.to) + (rest.empty() || rest[0] != '/' ? "/" + rest : rest);
    }
  }
  return std::nullopt;
}

std::string local_image_path(const std::string& url, const std::vector<config::Remap>& remap) {
  std::string path = remapped_url(url, remap).value_or("");
  if (path.empty()) {
    if (url.size() < 2 || url[0] != '/' || url[1] == '/') {
      return ""; // remote, protocol-relative, or relative to the page: not a site file
    }
    path = url;
  }
  size_t cut = path.find_first_of("?#");
  if (cut != std::string::npos) {
    path.resize(cut);
  }
  return percent_decode(path);
}

SitePath image_site_path(const std::string& url, const SiteLocation& where,
                         const std::vector<config::Remap>& remap) {
  if (auto site_url = remapped_url(url, remap)) {
    // A remap's target is a path under the site root already: no baseurl in front of it.
    return resolve_site_path(*site_url, {where.document_url, where.document_file, ""});
  }
  return resolve_site_path(url, where);
}

void resolve_references(std::vector<refs::Reference>& references, const SiteLocation& where,
                        const std::vector<config::Remap>& remap) {
  for (auto& ref : references) {
    SitePath p = image_site_path(ref.raw, where, remap);
    if (p.kind == SitePath::Kind::Local) {
      ref.resolved = resolved_text(p);
    } else if (p.kind == SitePath::Kind::External) {
      ref.resolved = ref.raw;
    }
  }
}

void check_local_images(const Document& doc, const std::vector<refs::Reference>& references,
                        const config::Config& config, const SiteLocation& where, ProbeCache& cache,
                        Findings& out) {
  for (const auto& ref : references) {
    if (ref.kind != refs::ReferenceKind::Image)
      continue;
    const std::size_t before = out.size();
    check_object(doc, ref, config, where, cache, out);
    if (ref.origin.source != refs::Origin::Source::FrontMatter) {
      for (std::size_t i = before; i < out.size(); ++i)
        out[i].extra["url"] = ref.raw; // as body-link findings name their target
    }
  }
}

bool is_remote_image(const refs::Reference& ref, const std::vector<config::Remap>& remap) {
  return ref.kind == refs::ReferenceKind::Image && local_image_path(ref.raw, remap).empty() &&
         (ref.raw.rfind("http://", 0) == 0 || ref.raw.rfind("https://", 0) == 0);
}

} // namespace verity::media
