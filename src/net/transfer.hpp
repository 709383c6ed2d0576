// One request in flight (internal to net/): its libcurl easy handle set up with verity's rules
// (no automatic redirects, http/https only, no proxy from the environment, the address guard on
// every connection attempt), the callbacks that fill a FetchResponse, and the translation of
// CURLcode into FetchError.
#pragma once

#include "net/curl_handles.hpp"
#include "net/fetch.hpp"

#include <string>
#include <vector>

namespace verity::net {

struct Transfer {
  FetchJob* job = nullptr;
  FetchRequest request;
  std::string url; // this hop
  std::vector<std::string> redirects;
  std::vector<int> redirect_statuses;
  std::string authority; // host:port of this hop
  Easy easy;
  Slist headers;
  FetchResponse response;
  const AddressGuard* guard = nullptr;
  std::string refused;          // the address the guard refused, and why
  std::string error_body;       // the start of a 403/429/503 body, to recognise challenge pages
  std::string rate_limit_reset; // seconds to wait from RateLimit-Reset / X-RateLimit-Reset
  bool status_known = false;
  bool deliver = false; // 2xx: body goes to the job
  // What a libcurl timeout of this transfer means: the request timeout, or the job's budget or
  // the run's deadline when less of those was left.
  FetchError::Kind cut_by = FetchError::Kind::Timeout;
};

// Creates the easy handle for the transfer's current hop.
void prepare(Transfer& t, const FetchOptions& options, const HostPolicy& policy);

// The error of a finished transfer (Kind::None when `code` means success).
FetchError classify(CURLcode code, const Transfer& t);

// True when `code` is a success for verity: CURLE_OK, or a write stopped on purpose (the job had
// enough, or a non-2xx body that nobody reads).
bool finished_normally(CURLcode code, const Transfer& t);

} // namespace verity::net
