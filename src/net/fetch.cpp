#include "net/fetch.hpp"

#include "net/curl_handles.hpp"
#include "verity/version.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <thread>

namespace verity::net {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct Transfer {
  FetchJob* job = nullptr;
  FetchRequest request;
  std::string url; // this hop
  std::vector<std::string> redirects;
  std::vector<int> redirect_statuses;
  std::string host;
  Easy easy;
  Slist headers;
  FetchResponse response;
  const AddressGuard* guard = nullptr;
  std::string refused; // the address the guard refused
  bool status_known = false;
  bool deliver = false; // 2xx: body goes to the job
};

size_t on_header(char* data, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  std::string line(data, size * n);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.pop_back();
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
  } else if (line.rfind("HTTP/", 0) == 0) {
    // A new status line (after a 100 Continue, say): reset what the previous one said.
    t->response.content_type.clear();
    t->response.content_range.clear();
    t->response.content_encoding.clear();
    t->response.retry_after.clear();
    t->response.bot_wall = false;
  }
  return size * n;
}

size_t on_write(char* data, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  size_t len = size * n;
  if (!t->status_known) {
    long code = 0;
    curl_easy_getinfo(t->easy.get(), CURLINFO_RESPONSE_CODE, &code);
    t->response.status = static_cast<int>(code);
    t->status_known = true;
    t->deliver = code >= 200 && code < 300;
  }
  if (!t->deliver) {
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
    t->refused = AddressGuard::text(&address->addr);
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

void prepare(Transfer& t, const FetchOptions& o) {
  t.easy.reset(curl_easy_init());
  CURL* e = t.easy.get();
  t.status_known = false;
  t.deliver = false;
  t.refused.clear();
  t.response.status = 0;
  t.response.body_bytes = 0;
  t.response.stopped_by_job = false;
  curl_easy_setopt(e, CURLOPT_URL, t.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); // followed here, hop by hop
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_PROXY,
                   ""); // no proxy from the environment: the guard must see the target
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
  if (t.request.head) {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  }
  if (t.request.range) {
    std::string r =
        std::to_string(t.request.range->first) + "-" + std::to_string(t.request.range->second);
    curl_easy_setopt(e, CURLOPT_RANGE, r.c_str());
  }
}

FetchError classify(CURLcode code, const Transfer& t) {
  if (!t.refused.empty()) {
    return {FetchError::Kind::PrivateAddress, "refused to connect to private address " + t.refused};
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
  default:
    return {FetchError::Kind::Other, curl_easy_strerror(code)};
  }
}

} // namespace

std::string url_host(const std::string& url) {
  Url u(curl_url());
  char* host = nullptr;
  std::string out;
  if (u && curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK) {
    out = lower(host);
  }
  curl_free(host);
  return out;
}

std::optional<std::chrono::seconds> parse_retry_after(const std::string& value) {
  if (value.empty()) {
    return std::nullopt;
  }
  if (value.find_first_not_of("0123456789") == std::string::npos) {
    try {
      return std::chrono::seconds(std::stoll(value.substr(0, 12)));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  time_t when = curl_getdate(value.c_str(), nullptr); // HTTP-date
  if (when < 0) {
    return std::nullopt;
  }
  time_t now = time(nullptr);
  return std::chrono::seconds(when > now ? when - now : 0);
}

std::string redact_url(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) {
    return url;
  }
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  size_t at = url.rfind('@', end == std::string::npos ? url.size() : end);
  if (at == std::string::npos || at < start) {
    return url;
  }
  return url.substr(0, start) + url.substr(at + 1);
}

void run_fetches(const std::vector<FetchJob*>& jobs, const FetchOptions& o) {
  Multi multi(curl_multi_init());
  std::deque<std::unique_ptr<Transfer>> queue;
  using Clock = std::chrono::steady_clock;
  std::map<std::string, unsigned> per_host;
  std::map<std::string, Clock::time_point> host_ready; // next allowed start (interval, Retry-After)
  std::map<Transfer*, Clock::time_point> not_before;
  unsigned active = 0;
  auto enqueue = [&](FetchJob* job) {
    if (auto req = job->next()) {
      auto t = std::make_unique<Transfer>();
      t->job = job;
      t->request = *req;
      t->url = req->url;
      t->host = url_host(req->url);
      t->guard = &o.guard;
      if (req->delay.count() > 0) {
        not_before[t.get()] = Clock::now() + req->delay;
      }
      queue.push_back(std::move(t));
    }
  };
  for (FetchJob* job : jobs) {
    enqueue(job);
  }
  std::map<Transfer*, std::unique_ptr<Transfer>> running;
  while (!queue.empty() || active > 0) {
    auto now = Clock::now();
    bool waiting = false;
    for (auto it = queue.begin(); it != queue.end() && active < o.max_total;) {
      Transfer* candidate = it->get();
      auto nb = not_before.find(candidate);
      auto ready = host_ready.find(candidate->host);
      bool too_early = (nb != not_before.end() && nb->second > now) ||
                       (ready != host_ready.end() && ready->second > now);
      if (per_host[candidate->host] >= o.max_per_host || too_early) {
        waiting = waiting || too_early;
        ++it;
        continue;
      }
      not_before.erase(candidate);
      if (o.min_host_interval.count() > 0) {
        host_ready[candidate->host] = now + o.min_host_interval;
      }
      std::unique_ptr<Transfer> t = std::move(*it);
      it = queue.erase(it);
      prepare(*t, o);
      ++per_host[t->host];
      ++active;
      curl_multi_add_handle(multi.get(), t->easy.get());
      running[t.get()] = std::move(t);
    }
    int still = 0;
    curl_multi_perform(multi.get(), &still);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      Transfer* raw = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
      CURLcode code = msg->data.result;
      curl_multi_remove_handle(multi.get(), msg->easy_handle);
      std::unique_ptr<Transfer> t = std::move(running[raw]);
      running.erase(raw);
      --active;
      --per_host[t->host];
      long status = 0;
      curl_easy_getinfo(t->easy.get(), CURLINFO_RESPONSE_CODE, &status);
      t->response.status = static_cast<int>(status);
      if ((status == 429 || status == 503) && !t->response.retry_after.empty()) {
        // Retry-After pauses the whole host, not just this URL (capped).
        if (auto wait = parse_retry_after(t->response.retry_after);
            wait && *wait <= o.max_retry_after) {
          auto until = Clock::now() + *wait;
          host_ready[t->host] = std::max(host_ready[t->host], until);
        }
      }
      bool ok = code == CURLE_OK ||
                (code == CURLE_WRITE_ERROR && (t->response.stopped_by_job || !t->deliver));
      if (ok && status >= 300 && status < 400) {
        char* location = nullptr;
        curl_easy_getinfo(t->easy.get(), CURLINFO_REDIRECT_URL, &location);
        if (location && static_cast<int>(t->redirects.size()) < o.max_redirects) {
          std::string next(location);
          if (next.rfind("http://", 0) != 0 && next.rfind("https://", 0) != 0) {
            t->response.error = {FetchError::Kind::Scheme, "redirect to a non-http(s) URL"};
          } else {
            t->redirects.push_back(t->url);
            t->redirect_statuses.push_back(static_cast<int>(status));
            t->url = next;
            t->host = url_host(next);
            queue.push_front(std::move(t)); // the next hop, through the same limits and guard
            continue;
          }
        } else if (location) {
          t->response.error = {FetchError::Kind::TooManyRedirects,
                               "more than " + std::to_string(o.max_redirects) + " redirects"};
        }
      } else if (!ok) {
        t->response.error = classify(code, *t);
      }
      t->response.final_url = t->url;
      t->response.redirects = t->redirects;
      t->response.redirect_statuses = t->redirect_statuses;
      FetchJob* job = t->job;
      job->on_response(t->response);
      enqueue(job);
    }
    if (active > 0) {
      curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
    } else if (waiting) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10)); // only delayed requests are left
    }
  }
}

} // namespace verity::net
