// Fuzz target: URL handling: credential redaction, authorities, Retry-After and duration
// parsing, local image path resolution and the uri formats. Properties: redaction removes exactly
// the userinfo (the text before the last '@' of the authority) and keeps everything else, so the
// redacted URL never contains that text unless the kept parts themselves contain it; the
// redacted authority has no '@' left; an authority always names its port.
#include "config/links_config.hpp"
#include "media/local_images.hpp"
#include "net/fetch.hpp"
#include "schema/formats.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

// Checks redact_url against the URL's own userinfo, found here independently of src/net.
void check_redaction(const std::string& url, const std::string& redacted) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) {
    if (redacted != url) {
      __builtin_trap(); // no authority: nothing to redact, nothing may change
    }
    return;
  }
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority = std::string_view(url).substr(
      start, end == std::string::npos ? std::string::npos : end - start);
  size_t at = authority.rfind('@');
  if (at == std::string_view::npos) {
    if (redacted != url) {
      __builtin_trap(); // no userinfo: the URL is kept as it is
    }
    return;
  }
  std::string_view userinfo = authority.substr(0, at);
  std::string kept = url.substr(0, start) + url.substr(start + at + 1);
  if (redacted != kept) {
    __builtin_trap(); // exactly the userinfo and its '@' are removed
  }
  // The claim itself: the text before the '@' never survives, unless the kept text has it anyway.
  if (!userinfo.empty() && kept.find(userinfo) == std::string::npos &&
      redacted.find(userinfo) != std::string::npos) {
    __builtin_trap();
  }
  size_t redacted_end = redacted.find_first_of("/?#", start);
  std::string_view redacted_authority = std::string_view(redacted).substr(
      start, redacted_end == std::string::npos ? std::string::npos : redacted_end - start);
  if (redacted_authority.find('@') != std::string_view::npos) {
    __builtin_trap(); // no second userinfo is left behind
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string url(reinterpret_cast<const char*>(data), size);
  check_redaction(url, verity::net::redact_url(url));
  std::string authority = verity::net::url_authority(url);
  if (!authority.empty() && authority.find(':') == std::string::npos) {
    __builtin_trap(); // an authority always names its port
  }
  (void)verity::net::parse_retry_after(url);
  (void)verity::config::parse_duration_seconds(url);
  std::vector<verity::config::Remap> remap{{"https://site.example/blog", "/"}};
  (void)verity::media::local_image_path(url, remap);
  (void)verity::schema::check_format("uri", url);
  (void)verity::schema::check_format("uri-reference", url);
  (void)verity::schema::check_format("email", url);
  (void)verity::schema::check_format("date-time", url);
  return 0;
}
