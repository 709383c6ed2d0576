#include "net/transfer.hpp"

#include "verity/version.hpp"

#include <array>
#include <ctime>
#include <string_view>

namespace verity::net {
namespace {

// Bytes of a 403/429/503 body read to recognise a bot-protection challenge page.
constexpr size_t k_error_body_cap = 16 * 1024;

bool reads_error_body(long status) {
  return status == 403 || status == 429 || status == 503;
}

// Markers of the common bot-protection interstitials (Cloudflare, Akamai, Imperva, PerimeterX,
// DataDome): a human in a browser passes them, a checker never does.
bool looks_like_challenge(std::string_view body) {
  static constexpr std::array<std::string_view, 7> k_markers = {"<title>Just a moment...</title>",
                                                                "cf-chl-",
                                                                "challenge-platform",
                                                                "_Incapsula_Resource",
                                                                "px-captcha",
                                                                "captcha-delivery.com",
                                                                "<title>Attention Required!"};
  for (auto marker : k_markers) {
    if (body.find(marker) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// Seconds to wait from a rate-limit reset header, as text ("" when unusable): the IETF draft's
// RateLimit-Reset is a delay in seconds, GitHub's and GitLab's X-RateLimit-Reset a Unix time.
std::string rate_limit_wait(const std::string& name, const std::string& value) {
  if (value.empty() || value.size() > 12 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return "";
  }
  long long n = std::stoll(value);
  if (name == "x-ratelimit-reset") {
    long long now = static_cast<long long>(std::time(nullptr));
    n = n > now ? n - now : 0;
  }
  return std::to_string(n);
}

size_t on_header(char* data, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  std::string line(data, size * n);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = util::ascii_lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    size_t first = value.find_first_not_of(" \t");
    size_t last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    if (name == "content-type")
      t->response.content_type = value;
    else if (name == "content-range")
      t->response.content_range = value;
    else if (name == "content-encoding")
      t->response.content_encoding = value;
    else if (name == "retry-after")
      t->response.retry_after = value;
    else if (name == "cf-mitigated" || name == "x-amzn-waf-action")
      t->response.bot_wall = true;
    else if (name == "ratelimit-reset" || name == "x-ratelimit-reset")
      t->rate_limit_reset = rate_limit_wait(name, value);
  } else if (line.rfind("HTTP/", 0) == 0) {
    // A new status line (after a 100 Continue, say): reset what the previous one said.
    t->response.content_type.clear();
    t->response.content_range.clear();
    t->response.content_encoding.clear();
    t->response.retry_after.clear();
    t->response.bot_wall = false;
    t->rate_limit_reset.clear();
  }
  return size * n;
}

size_t on_write(char* data, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  size_t len = size * n;
  long code = 0;
  if (!t->status_known) {
    curl_easy_getinfo(t->easy.get(), CURLINFO_RESPONSE_CODE, &code);
    t->response.status = static_cast<int>(code);
    t->status_known = true;
    t->deliver = code >= 200 && code < 300;
  }
  if (!t->deliver) {
    if (reads_error_body(t->response.status) && t->error_body.size() < k_error_body_cap) {
      t->error_body.append(data, std::min(len, k_error_body_cap - t->error_body.size()));
      if (looks_like_challenge(t->error_body)) {
        t->response.bot_wall = true;
        return 0;
      }
      return t->error_body.size() < k_error_body_cap ? len : 0;
    }
    return 0; // an error page or a redirect body: nothing to read, stop now
  }
  t->response.body_bytes += len;
  if (!t->job->on_body({reinterpret_cast<const std::uint8_t*>(data), len})) {
    t->response.stopped_by_job = true;
    return 0; // the job has what it needs: abort the transfer (CURLE_WRITE_ERROR, not a failure)
  }
  return len;
}

curl_socket_t on_open_socket(void* p, curlsocktype, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(p);
  if (!t->guard->permits(&address->addr)) {
    t->refused = AddressGuard::text(&address->addr) + ": " + AddressGuard::reason(&address->addr);
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

} // namespace

void prepare(Transfer& t, const FetchOptions& o, const HostPolicy& policy) {
  t.easy.reset(curl_easy_init());
  CURL* e = t.easy.get();
  t.status_known = false;
  t.deliver = false;
  t.refused.clear();
  t.error_body.clear();
  t.rate_limit_reset.clear();
  t.response.status = 0;
  t.response.body_bytes = 0;
  t.response.stopped_by_job = false;
  t.response.bot_wall = false;
  curl_easy_setopt(e, CURLOPT_URL, t.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); // followed by the scheduler, hop by hop
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  // No proxy from the environment: the guard must see the address of the target itself.
  curl_easy_setopt(e, CURLOPT_PROXY, "");
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o.total_timeout_ms);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  std::string ua = o.user_agent.empty() ? "verity/" + std::string(version()) : o.user_agent;
  curl_easy_setopt(e, CURLOPT_USERAGENT, ua.c_str());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &t);
  t.headers.reset();
  for (const auto& h : policy.headers) {
    t.headers.reset(curl_slist_append(t.headers.release(), h.c_str()));
  }
  if (t.headers) {
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers.get());
  }
  if (t.request.head) {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  }
  if (t.request.range) {
    std::string r =
        std::to_string(t.request.range->first) + "-" + std::to_string(t.request.range->second);
    curl_easy_setopt(e, CURLOPT_RANGE, r.c_str());
  }
}

bool finished_normally(CURLcode code, const Transfer& t) {
  return code == CURLE_OK ||
         (code == CURLE_WRITE_ERROR && (t.response.stopped_by_job || !t.deliver));
}

FetchError classify(CURLcode code, const Transfer& t) {
  if (!t.refused.empty()) {
    return {FetchError::Kind::PrivateAddress, "refused to connect to private address " + t.refused};
  }
  if (finished_normally(code, t)) {
    return {};
  }
  switch (code) {
  case CURLE_COULDNT_RESOLVE_HOST:
    return {FetchError::Kind::Dns, "host name not found"};
  case CURLE_COULDNT_CONNECT:
    return {FetchError::Kind::Connect, "connection failed"};
  case CURLE_OPERATION_TIMEDOUT:
    return {FetchError::Kind::Timeout, "timed out"};
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CACERT_BADFILE:
    return {FetchError::Kind::Tls, std::string("TLS: ") + curl_easy_strerror(code)};
  case CURLE_UNSUPPORTED_PROTOCOL:
    return {FetchError::Kind::Scheme, "only http and https URLs are fetched"};
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
    return {FetchError::Kind::Reset, std::string("connection broken: ") + curl_easy_strerror(code)};
  default:
    return {FetchError::Kind::Other, curl_easy_strerror(code)};
  }
}

} // namespace verity::net
