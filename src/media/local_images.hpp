// Local images: every object with a `url` and a `width` or `height`, at any depth, whose URL is
// site-absolute (/assets/...) or starts with a remapped site URL must name a file under the site
// root whose header has exactly the declared size. Paths that leave the site root, lexically or
// through a symlink, are refused and never opened.
#pragma once

#include "config/config.hpp"
#include "media/image_probe.hpp"
#include "media/image_verdict.hpp"
#include "refs/reference.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace verity::media {

// Probe results per resolved file, shared by all documents of a run (many documents cite the
// same logo). Thread-safe.
class ProbeCache {
public:
  explicit ProbeCache(std::uint64_t max_bytes = 256 * 1024) : m_max_bytes(max_bytes) {}
  ProbeResult probe(const std::filesystem::path& file);

private:
  std::uint64_t m_max_bytes;
  std::mutex m_mutex;
  std::map<std::filesystem::path, ProbeResult> m_results;
};

// The site-relative path a URL refers to, when it is local: "" for remote URLs. Strips a
// remapped prefix, the query and fragment, and percent-decodes.
std::string local_image_path(const std::string& url, const std::vector<config::Remap>& remap);

// Checks the local images among the references of `doc` (front-matter image objects).
void check_local_images(const Document& doc, const std::vector<refs::Reference>& references,
                        const config::Config& config, ProbeCache& cache, Findings& out);

// True for an image reference the network phase probes: http(s), not remapped to a site file.
bool is_remote_image(const refs::Reference& ref, const std::vector<config::Remap>& remap);

} // namespace verity::media
