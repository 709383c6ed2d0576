// Local images: every image reference of the front matter (an {url, width|height} object at any
// depth, or a configured image field: `image: /x.png`, `image: {path, width, height}`) whose URL
// is site-absolute (/assets/...), relative to the document (refs/site_path.hpp), or starts with
// a remapped site URL must name a file under the site root that is an image, of exactly the
// declared size when one is declared. Paths that leave the site root, lexically or through a
// symlink, are refused and never opened.
#pragma once

#include "config/config.hpp"
#include "media/image_probe.hpp"
#include "media/image_verdict.hpp"
#include "refs/reference.hpp"
#include "refs/site_path.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace verity::media {

// The URL resolution lives with the references (refs/site_path.hpp); images use it unqualified.
using refs::percent_decode;
using refs::resolve_site_path;
using refs::resolved_text;
using refs::SiteLocation;
using refs::SitePath;

// Probe results per resolved file, shared by all documents of a run (many documents cite the
// same logo). Thread-safe.
class ProbeCache {
public:
  explicit ProbeCache(std::uint64_t max_bytes = 256 * 1024) : m_max_bytes(max_bytes) {}
  ProbeResult probe(const std::filesystem::path& file);

  // Where an image path (lexically inside the site root) leads: missing, a symlink whose target
  // is missing or outside the root, or the real file. Remembered per path, since thousands of
  // references name the same few files and each resolution is a chain of system calls.
  struct Location {
    enum class Kind { Missing, Outside, Found } kind = Kind::Missing;
    std::filesystem::path real;
  };
  Location locate(const std::filesystem::path& candidate, const config::Config& config);

private:
  std::uint64_t m_max_bytes;
  std::mutex m_mutex;
  std::unordered_map<std::string, ProbeResult> m_results;
  std::unordered_map<std::string, Location> m_locations;
};

// A URL under a remapped prefix (config `remap`, `site_url`) as the site-absolute URL it maps to.
std::optional<std::string> remapped_url(const std::string& url,
                                        const std::vector<config::Remap>& remap);

// The site-absolute path a URL refers to, when it is site-absolute or remapped: "" for remote
// and relative URLs. Strips a remapped prefix, the query and fragment, and percent-decodes.
std::string local_image_path(const std::string& url, const std::vector<config::Remap>& remap);

// Where a URL written in the document at `where` points: a remapped URL is the site path it maps
// to, anything else goes through resolve_site_path.
SitePath image_site_path(const std::string& url, const SiteLocation& where,
                         const std::vector<config::Remap>& remap);

// Fills Reference::resolved of each reference (the site-relative path with its #fragment, or the
// absolute URL), so that later consumers reuse one resolution. For the engine, once it knows
// each document's URL.
void resolve_references(std::vector<refs::Reference>& references, const SiteLocation& where,
                        const std::vector<config::Remap>& remap);

// Checks the local images among the references of `doc`, written at `where`.
void check_local_images(const Document& doc, const std::vector<refs::Reference>& references,
                        const config::Config& config, const SiteLocation& where, ProbeCache& cache,
                        Findings& out);

// True for an image reference the network phase probes: http(s), not remapped to a site file.
bool is_remote_image(const refs::Reference& ref, const std::vector<config::Remap>& remap);

} // namespace verity::media
