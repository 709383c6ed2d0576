// Concurrent HTTP(S) fetches over one libcurl multi handle: jobs hand out requests one at a time
// (so a probe can ask for the next byte range after seeing the first), bodies are streamed to the
// job, which may stop a transfer as soon as it has what it needs. Redirects are followed here, hop
// by hop, so the scheme allowlist and the private-address guard apply to every hop. Politeness is
// per host (host:port): at most N transfers at once, a minimum interval between starts, and a
// Retry-After pause for the whole host. Time is bounded twice: each job (one URL) has a budget
// from its first start that covers its retries, backoff, Retry-After waits and slow bodies, and
// the whole run may have a deadline; both cap each transfer's libcurl timeout and end requests
// that could not start in time. Time comes from a Clock, so tests can use a fake one. Library
// error codes end here: callers see FetchError kinds.
#pragma once

#include "net/address_guard.hpp"
#include "net/clock.hpp"
#include "net/url.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace verity::net {

struct FetchRequest {
  std::string url;
  std::optional<std::pair<std::uint64_t, std::uint64_t>> range; // inclusive byte range
  bool head = false;                                            // HEAD instead of GET
  std::chrono::milliseconds delay{0}; // wait this long first (retry backoff)
};

struct FetchError {
  enum class Kind {
    None,
    Dns,
    Connect,
    Timeout,
    Tls,
    PrivateAddress,
    Scheme,
    TooManyRedirects,
    Reset,    // the connection broke or the server sent nothing (retried)
    Budget,   // the job's time budget (FetchOptions::url_budget) ran out: its last response
    Deadline, // the run's deadline was reached: its last response
    Other
  };
  Kind kind = Kind::None;
  std::string detail;
};

struct FetchResponse {
  int status = 0;
  FetchError error;
  std::string final_url;
  std::vector<std::string> redirects; // every hop, in order, before final_url
  std::vector<int> redirect_statuses; // the status of each hop (301, 302, 307, 308...)
  std::string content_type;
  std::string content_range;
  std::string content_encoding;
  std::string retry_after; // Retry-After (429, 503); for a 429 without it, the rate-limit reset
  bool bot_wall = false;   // cf-mitigated, x-amzn-waf-action or a challenge page answered
  std::uint64_t body_bytes = 0; // delivered to the job
  bool stopped_by_job = false;  // the job had enough and stopped the transfer
  Clock::time_point started{};  // when the (last hop's) transfer started, on the options' clock
};

class FetchJob {
public:
  virtual ~FetchJob() = default;
  // The next request, or nullopt when the job is done.
  virtual std::optional<FetchRequest> next() = 0;
  // Body bytes of a 2xx response; return false to stop the transfer.
  virtual bool on_body(std::span<const std::uint8_t> bytes) = 0;
  // Called once when a request (after its redirects) ends. After a Budget or Deadline error,
  // next() is not called again: the job is over.
  virtual void on_response(const FetchResponse& response) = 0;
};

// How one host is treated.
struct HostPolicy {
  unsigned max_concurrent = 4;
  std::chrono::milliseconds min_interval{0}; // between transfer starts on the host
  std::vector<std::string> headers;          // "Name: value", sent with every request
};

struct FetchOptions {
  AddressGuard guard;
  unsigned max_total = 32;                 // transfers at once
  HostPolicy host;                         // every host not in `hosts`
  std::map<std::string, HostPolicy> hosts; // by "host" or "host:port" (lowercase)
  long connect_timeout_ms = 10000;
  long total_timeout_ms = 20000;
  int max_redirects = 10;
  std::string user_agent;                   // default: verity/<version>
  std::chrono::seconds max_retry_after{60}; // a longer Retry-After is not waited for
  // Per job, from its first transfer start: retries, backoff, Retry-After waits and slow bodies
  // included (0 = none).
  std::chrono::milliseconds url_budget{0};
  std::optional<Clock::time_point> deadline; // for the whole run, on `clock`
  Clock* clock = nullptr;                    // nullptr = Clock::real()

  // The policy for an authority ("host:port"): an exact entry, then the host's, then the default.
  const HostPolicy& policy_for(const std::string& authority) const;
};

// Seconds to wait from a Retry-After value (delta-seconds or an HTTP-date); nullopt if unparsable.
std::optional<std::chrono::seconds> parse_retry_after(const std::string& value);

// Runs every job to completion. Never throws for network problems: they are responses.
void run_fetches(const std::vector<FetchJob*>& jobs, const FetchOptions& options);

} // namespace verity::net
