#include "media/local_images.hpp"

#include "frontmatter/document_finding.hpp"
#include "media/file_source.hpp"
#include "media/image_verdict.hpp"
#include "rules/catalogue.hpp"
#include "util/ascii.hpp"
#include "util/confine.hpp"

#include <climits>

#include <cerrno>
#include <cstdlib>

namespace verity::media {
namespace fs = std::filesystem;

namespace {

using util::hex_value;

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Finding make(const Document& doc, const rules::Rule& rule, const std::string& pointer,
             std::string message) {
  return frontmatter::finding_at(doc, rule, pointer, std::move(message));
}

bool inside(const fs::path& root, const fs::path& p) {
  return util::is_within(root, p);
}

void check_object(const Document& doc, const refs::Reference& ref, const config::Config& config,
                  ProbeCache& cache, Findings& out) {
  const std::string& url = ref.raw;
  std::string rel = local_image_path(url, config.remap);
  if (rel.empty()) {
    return; // remote (the network phase probes http(s) images) or relative to the page
  }
  const std::string& url_ptr = ref.origin.pointer;
  fs::path candidate = (config.site_root / fs::path(rel).relative_path()).lexically_normal();
  if (rel.find('\0') != std::string::npos || !inside(config.site_root, candidate)) {
    out.push_back(make(doc, rules::image_outside_site, url_ptr,
                       "image path " + url + " leaves the site root: refused, not opened"));
    return;
  }
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(candidate, ec))) {
    out.push_back(make(doc, rules::image_missing, url_ptr,
                       "image " + url + " not found (expected the file " +
                           candidate.lexically_relative(config.site_root).string() +
                           " under the site root): add it or fix the URL"));
    return;
  }
  // A symlink is followed only when it stays inside the site; a dangling link gets the same words
  // as one pointing outside, so no finding tells whether a file outside the checkout exists.
  auto resolved = util::resolve_inside(config.site_root, config.real_site_root, candidate);
  if (!resolved) {
    out.push_back(make(doc, rules::image_outside_site, url_ptr,
                       "image " + url + " is a symbolic link whose target " +
                           util::k_missing_or_outside + ": refused, not opened"));
    return;
  }
  judge_image(image_ref(ref), cache.probe(resolved->string()), out);
}

} // namespace

ProbeResult ProbeCache::probe(const fs::path& file) {
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_results.find(file); it != m_results.end()) {
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
  m_results.emplace(file, r);
  return r;
}

std::string local_image_path(const std::string& url, const std::vector<config::Remap>& remap) {
  std::string path;
  for (const auto& r : remap) {
    if (url.size() >= r.from.size() && url.compare(0, r.from.size(), r.from) == 0 &&
        (url.size() == r.from.size() || url[r.from.size()] == '/' || url[r.from.size()] == '?' ||
         url[r.from.size()] == '#')) {
      std::string rest = url.substr(r.from.size());
      path = (r.to == "/" ? "" : r.to) + (rest.empty() || rest[0] != '/' ? "/" + rest : rest);
      break;
    }
  }
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

void check_local_images(const Document& doc, const std::vector<refs::Reference>& references,
                        const config::Config& config, ProbeCache& cache, Findings& out) {
  for (const auto& ref : references) {
    if (ref.kind == refs::ReferenceKind::Image &&
        ref.origin.source == refs::Origin::Source::FrontMatter) {
      check_object(doc, ref, config, cache, out);
    }
  }
}

bool is_remote_image(const refs::Reference& ref, const std::vector<config::Remap>& remap) {
  return ref.kind == refs::ReferenceKind::Image && local_image_path(ref.raw, remap).empty() &&
         (ref.raw.rfind("http://", 0) == 0 || ref.raw.rfind("https://", 0) == 0);
}

} // namespace verity::media
