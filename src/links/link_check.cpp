#include "links/link_check.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <random>

namespace verity::links {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_image_object(const nlohmann::json& obj) {
  return obj.is_object() && obj.contains("url") &&
         (obj.contains("width") || obj.contains("height"));
}

void walk(const Document& doc, const nlohmann::json& node, const std::string& pointer,
          std::vector<LinkRef>& out, int depth) {
  if (depth > 64) {
    return;
  }
  if (node.is_string()) {
    const std::string& s = node.get_ref<const std::string&>();
    size_t sep = s.find("://");
    if (sep != std::string::npos && sep > 0 && s.find_first_of(" \t\n\"<>") == std::string::npos &&
        std::all_of(s.begin(), s.begin() + static_cast<long>(sep), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
        })) {
      out.push_back({doc.path, pointer, s, doc.map.find(pointer).value});
    }
    return;
  }
  if (node.is_object()) {
    bool image = is_image_object(node);
    for (auto& [k, v] : node.items()) {
      if (image && k == "url") {
        continue; // fetched by the image probe
      }
      walk(doc, v, pointer + "/" + escape_pointer_token(k), out, depth + 1);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      walk(doc, node[i], pointer + "/" + std::to_string(i), out, depth + 1);
    }
  }
}

bool transient(const net::FetchResponse& r) {
  using K = net::FetchError::Kind;
  if (r.error.kind == K::Timeout || r.error.kind == K::Connect || r.error.kind == K::Other) {
    return true;
  }
  if (r.error.kind != K::None) {
    return false; // DNS (retried once below), TLS, guard, scheme: never
  }
  return (r.status >= 500 && r.status != 501) || r.status == 408 || r.status == 429;
}

class LinkJob : public net::FetchJob {
public:
  LinkJob(std::string url, const LinkOptions& o, std::mt19937& rng) : m_options(o), m_rng(rng) {
    m_result.url = std::move(url);
  }

  std::optional<net::FetchRequest> next() override {
    if (m_done) {
      return std::nullopt;
    }
    net::FetchRequest req{m_result.url, std::nullopt, m_head, m_delay};
    m_delay = std::chrono::milliseconds(0);
    ++m_result.attempts;
    return req;
  }

  bool on_body(std::span<const std::uint8_t>) override { return false; } // the status is enough

  void on_response(const net::FetchResponse& r) override {
    m_last = r;
    bool ok = r.error.kind == net::FetchError::Kind::None && r.status >= 200 && r.status < 300;
    if (ok) {
      finish(r);
      return;
    }
    // HEAD is often refused or mishandled: fall back to GET once.
    bool head_refused = r.error.kind == net::FetchError::Kind::None &&
                        (r.status == 405 || r.status == 403 || r.status == 400 || r.status == 501);
    if (m_head && (head_refused || r.error.kind == net::FetchError::Kind::Other)) {
      m_head = false;
      return;
    }
    bool dns_once = r.error.kind == net::FetchError::Kind::Dns && m_retries == 0;
    if ((transient(r) || dns_once) && m_retries < m_options.retries) {
      ++m_retries;
      auto base = m_options.retry_base * (1 << (m_retries - 1));
      std::uniform_int_distribution<long> jitter(0, m_options.retry_base.count());
      m_delay = std::chrono::duration_cast<std::chrono::milliseconds>(base) +
                std::chrono::milliseconds(jitter(m_rng));
      if (auto after = net::parse_retry_after(r.retry_after);
          after && *after <= m_options.fetch.max_retry_after) {
        m_delay = std::max(m_delay, std::chrono::duration_cast<std::chrono::milliseconds>(*after));
      }
      return;
    }
    finish(r);
  }

  const LinkResult& result() const { return m_result; }

private:
  void finish(const net::FetchResponse& r) {
    m_done = true;
    m_result.status = r.status;
    m_result.redirects = r.redirects;
    m_result.final_url = r.final_url;
    using K = net::FetchError::Kind;
    auto set = [&](const char* rule, Severity s, std::string reason) {
      m_result.rule = rule;
      m_result.severity = s;
      m_result.reason = std::move(reason);
    };
    switch (r.error.kind) {
    case K::None:
      break;
    case K::PrivateAddress:
      set("link/private-address", Severity::Error,
          r.error.detail + " (use --allow-private or --allow-address)");
      return;
    case K::Scheme:
      set("link/unsupported-scheme", Severity::Error, r.error.detail);
      return;
    case K::Timeout:
      set("link/timeout", Severity::Warning,
          "timed out after " + std::to_string(m_result.attempts) + " attempts");
      return;
    default:
      set("link/broken", Severity::Error, r.error.detail);
      return;
    }
    if (r.status == 999 || (r.status == 403 && r.bot_wall) || r.status == 429) {
      set("link/blocked", Severity::Warning,
          r.status == 429
              ? "rate limited (429) after " + std::to_string(m_result.attempts) + " attempts"
              : "a bot wall answered (HTTP " + std::to_string(r.status) +
                    "): check it in a browser");
      return;
    }
    if (r.status < 200 || r.status >= 300) {
      set("link/broken", Severity::Error, "HTTP " + std::to_string(r.status));
      return;
    }
    bool permanent = std::any_of(r.redirect_statuses.begin(), r.redirect_statuses.end(),
                                 [](int s) { return s == 301 || s == 308; });
    if (permanent) {
      set("link/redirect", Severity::Note,
          "redirects to " + net::redact_url(r.final_url) + ": update the link");
    }
  }

  const LinkOptions& m_options;
  std::mt19937& m_rng;
  LinkResult m_result;
  net::FetchResponse m_last;
  bool m_head = true;
  bool m_done = false;
  int m_retries = 0;
  std::chrono::milliseconds m_delay{0};
};

} // namespace

bool reserved_example_host(const std::string& url) {
  std::string h = net::url_host(url);
  for (const char* base : {"example.com", "example.net", "example.org"}) {
    if (h == base || ends_with(h, std::string(".") + base)) {
      return true;
    }
  }
  for (const char* tld : {".test", ".invalid", ".example", ".localhost"}) {
    if (ends_with(h, tld) || h == std::string(tld + 1)) {
      return true;
    }
  }
  return false;
}

std::vector<LinkRef> extract_links(const Document& doc) {
  std::vector<LinkRef> out;
  if (doc.parsed) {
    walk(doc, doc.data, "", out, 0);
  }
  return out;
}

std::vector<LinkResult> check_links(const std::vector<std::string>& urls,
                                    const LinkOptions& options) {
  std::mt19937 rng(12345);
  std::map<std::string, std::unique_ptr<LinkJob>> jobs;
  std::vector<LinkResult> results;
  std::vector<net::FetchJob*> raw;
  for (const auto& url : urls) {
    if (jobs.count(url)) {
      continue;
    }
    std::string scheme = lower(url.substr(0, url.find("://")));
    LinkResult pre;
    pre.url = url;
    bool included = options.include.empty() ||
                    std::any_of(options.include.begin(), options.include.end(),
                                [&](const std::regex& re) { return std::regex_search(url, re); });
    bool excluded = std::any_of(options.exclude.begin(), options.exclude.end(),
                                [&](const std::regex& re) { return std::regex_search(url, re); });
    if (scheme != "http" && scheme != "https") {
      pre.rule = "link/unsupported-scheme";
      pre.severity = Severity::Error;
      pre.reason = "only http and https links are checked";
    } else if (reserved_example_host(url) || excluded || !included) {
      pre.rule = "link/excluded";
      pre.severity = Severity::Note;
      pre.reason = reserved_example_host(url) ? "a reserved example host: never fetched"
                                              : "excluded by the configuration";
    }
    if (!pre.rule.empty()) {
      jobs[url] = nullptr;
      results.push_back(pre);
      continue;
    }
    auto job = std::make_unique<LinkJob>(url, options, rng);
    raw.push_back(job.get());
    jobs[url] = std::move(job);
  }
  net::run_fetches(raw, options.fetch);
  for (const auto& [url, job] : jobs) {
    if (job) {
      results.push_back(job->result());
    }
  }
  return results;
}

void report_link(const LinkRef& ref, const LinkResult& r, Findings& out) {
  if (r.rule.empty()) {
    return;
  }
  Finding f;
  f.rule = r.rule;
  f.severity = r.severity;
  f.file = ref.file;
  f.line = ref.position.line;
  f.column = ref.position.column;
  f.pointer = ref.pointer;
  f.message = net::redact_url(ref.url) + ": " + r.reason;
  f.extra["url"] = net::redact_url(ref.url);
  if (r.status) {
    f.extra["status"] = r.status;
  }
  if (!r.redirects.empty()) {
    nlohmann::json chain = nlohmann::json::array();
    for (const auto& hop : r.redirects) {
      chain.push_back(net::redact_url(hop));
    }
    chain.push_back(net::redact_url(r.final_url));
    f.extra["redirects"] = chain;
  }
  out.push_back(std::move(f));
}

} // namespace verity::links
