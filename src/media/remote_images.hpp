// Remote images: each unique URL is fetched once per run, a small first range (bytes 0-4095)
// then only the ranges the probe names (a big JPEG APP segment, a TIFF IFD at the end), and the
// transfer is stopped as soon as the probe has the size, which also bounds servers that ignore
// Range and send the whole file (200). 416 means empty. The private-address guard applies.
#pragma once

#include "media/image_verdict.hpp"
#include "net/fetch.hpp"

#include <string>
#include <vector>

namespace verity::media {

struct RemoteImageOptions {
  net::FetchOptions fetch;
  std::uint64_t max_bytes = 256 * 1024; // per image, all requests together
  std::uint64_t first_range = 4096;
};

struct RemoteProbe {
  std::string url;
  ProbeResult result;
  net::FetchResponse last_response; // status, error, redirects of the last request
  bool reached = false;             // false: a network error or a non-2xx status
  std::uint64_t bytes_transferred = 0;
  int requests = 0;
};

// Probes every URL (deduplicated by the caller or not: duplicates are fetched once).
std::vector<RemoteProbe> probe_remote_images(const std::vector<std::string>& urls,
                                             const RemoteImageOptions& options);

// Findings for one reference from its URL's remote probe.
void judge_remote_image(const ImageRef& ref, const RemoteProbe& probe, Findings& out);

} // namespace verity::media
