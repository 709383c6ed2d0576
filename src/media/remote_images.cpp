#include "media/remote_images.hpp"

#include "media/range_source.hpp"
#include "net/fetch_fields.hpp"
#include "rules/make_finding.hpp"

#include <map>
#include <memory>

namespace verity::media {
namespace {

// "bytes 0-4095/673412" -> 673412
std::optional<std::uint64_t> content_range_total(const std::string& value) {
  size_t slash = value.rfind('/');
  if (slash == std::string::npos || value.substr(slash + 1) == "*") {
    return std::nullopt;
  }
  try {
    return std::stoull(value.substr(slash + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

class RemoteImageJob : public net::FetchJob {
public:
  RemoteImageJob(std::string url, const RemoteImageOptions& o) : m_options(o) {
    m_probe.url = std::move(url);
  }

  std::optional<net::FetchRequest> next() override {
    if (m_done) {
      return std::nullopt;
    }
    std::uint64_t start = m_probe.requests == 0 ? 0 : m_probe.result.need_offset;
    std::uint64_t left =
        m_options.max_bytes - std::min(m_options.max_bytes, m_probe.bytes_transferred);
    std::uint64_t len = std::min(m_window, left);
    if (len == 0) {
      finish_unreadable("no size within the first " + std::to_string(m_options.max_bytes) +
                        " bytes");
      return std::nullopt;
    }
    ++m_probe.requests;
    m_offset = start;
    m_window =
        std::min<std::uint64_t>(m_window * 2, 64 * 1024); // grow when several reads are needed
    return net::FetchRequest{m_probe.url, std::make_pair(start, start + len - 1)};
  }

  bool on_body(std::span<const std::uint8_t> bytes) override {
    m_source.add(m_offset, std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    m_offset += bytes.size();
    m_probe.bytes_transferred += bytes.size();
    m_probe.result = probe_image(m_source, {m_options.max_bytes});
    bool enough = m_probe.result.status != ProbeStatus::NeedMore;
    return !enough && m_probe.bytes_transferred < m_options.max_bytes;
  }

  void on_response(const net::FetchResponse& r) override {
    m_probe.last_response = r;
    if (r.error.kind != net::FetchError::Kind::None) {
      m_done = true;
      return;
    }
    if (r.status == 416) {
      m_probe.reached = true;
      finish_unreadable("the server has no bytes for it (416: empty)");
      return;
    }
    if (r.status != 200 && r.status != 206) {
      m_done = true; // unreachable with this status
      return;
    }
    m_probe.reached = true;
    bool ranged = r.status == 206 && r.content_encoding.empty();
    if (r.status == 206) {
      if (auto total = content_range_total(r.content_range)) {
        m_source.set_total(*total);
      }
    } else if (!r.stopped_by_job) {
      m_source.set_total(m_offset); // a whole 200 body: that is the end of the image
    }
    m_probe.result = probe_image(m_source, {m_options.max_bytes});
    if (m_probe.result.status != ProbeStatus::NeedMore) {
      m_done = true;
      return;
    }
    if (!ranged || (m_source.total() && m_probe.result.need_offset >= *m_source.total())) {
      // The server ignored Range (or encoded the body), or the image ends here: no more reads.
      finish_unreadable(r.stopped_by_job ? "no size within the first " +
                                               std::to_string(m_options.max_bytes) + " bytes"
                                         : "truncated image");
    }
  }

  const RemoteProbe& probe() const { return m_probe; }

private:
  void finish_unreadable(std::string reason) {
    m_done = true;
    m_probe.result.status = ProbeStatus::Corrupt;
    m_probe.result.reason = std::move(reason);
  }

  const RemoteImageOptions& m_options;
  RemoteProbe m_probe;
  RangeSource m_source;
  std::uint64_t m_offset = 0;
  std::uint64_t m_window = 4096;
  bool m_done = false;
};

} // namespace

std::vector<RemoteProbe> probe_remote_images(const std::vector<std::string>& urls,
                                             const RemoteImageOptions& options) {
  std::map<std::string, std::unique_ptr<RemoteImageJob>> jobs;
  std::vector<net::FetchJob*> raw;
  for (const auto& url : urls) {
    auto& slot = jobs[url];
    if (!slot) {
      slot = std::make_unique<RemoteImageJob>(url, options);
      raw.push_back(slot.get());
    }
  }
  net::run_fetches(raw, options.fetch);
  std::vector<RemoteProbe> out;
  for (const auto& [url, job] : jobs) {
    out.push_back(job->probe());
  }
  return out;
}

void judge_remote_image(const ImageRef& ref, const RemoteProbe& probe, Findings& out) {
  size_t before = out.size();
  if (!probe.reached) {
    const auto& r = probe.last_response;
    std::string why = r.error.kind != net::FetchError::Kind::None
                          ? r.error.detail
                          : "HTTP status " + std::to_string(r.status);
    bool refused = r.error.kind == net::FetchError::Kind::PrivateAddress;
    Finding f = rules::make_finding(rules::image_unreachable);
    f.file = ref.file;
    f.line = ref.url_pos.line;
    f.column = ref.url_pos.column;
    f.pointer = ref.url_pointer;
    f.message = "image " + net::redact_url(ref.url) + " could not be fetched: " + why +
                (refused ? " (use --allow-private or --allow-address for an intranet image)" : "");
    out.push_back(std::move(f));
  } else {
    ImageRef redacted = ref;
    redacted.url = net::redact_url(ref.url);
    judge_image(redacted, probe.result, out);
  }
  const auto& r = probe.last_response;
  net::FetchFacts facts{ref.url, r.status,
                        r.error.kind == net::FetchError::Kind::None ? "" : r.error.detail,
                        r.redirects, r.final_url};
  for (size_t i = before; i < out.size(); ++i) {
    net::add_fetch_fields(out[i].extra, facts);
    out[i].extra["bytes_transferred"] = probe.bytes_transferred;
  }
}

} // namespace verity::media
