// Fuzz target: URL handling: credential redaction, authorities, Retry-After and duration
// parsing, local image path resolution and the uri formats. Property: a redacted URL never contains
// the text before an '@' of the authority.
#include "config/links_config.hpp"
#include "media/local_images.hpp"
#include "net/fetch.hpp"
#include "schema/formats.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string url(reinterpret_cast<const char*>(data), size);
  std::string redacted = verity::net::redact_url(url);
  if (redacted.size() > url.size()) {
    __builtin_trap();
  }
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
