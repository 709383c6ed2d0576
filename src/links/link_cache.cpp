#include "links/link_cache.hpp"

#include "net/url.hpp"
#include "util/hash.hpp"
#include "util/sqlite_schema.hpp"

#include <nlohmann/json.hpp>

#include <array>

namespace verity::links {
namespace {

// Migration N takes the cache from version N-1 to N. Never edit a released step: add one.
constexpr std::array<std::string_view, 1> k_migrations = {
    "CREATE TABLE links ("
    " url TEXT PRIMARY KEY,"
    " status INTEGER NOT NULL,"
    " final_url TEXT NOT NULL,"
    " redirects TEXT NOT NULL," // JSON array of the hops before final_url
    " permanent INTEGER NOT NULL,"
    " checked_at INTEGER NOT NULL);",
};

std::string redacted_chain(const std::vector<std::string>& hops) {
  nlohmann::json chain = nlohmann::json::array();
  for (const auto& hop : hops) {
    chain.push_back(net::redact_url(hop));
  }
  return chain.dump();
}

} // namespace

LinkCache::LinkCache(const std::filesystem::path& path) : m_db(path, true) {
  util::open_versioned(m_db, k_migrations, static_cast<int>(k_migrations.size()),
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
}

std::optional<std::filesystem::path> LinkCache::default_path(const std::filesystem::path& site_root,
                                                             const char* xdg_cache_home,
                                                             const char* home) {
  std::filesystem::path base;
  // The XDG base directory spec: a relative XDG_CACHE_HOME is invalid and ignored.
  if (xdg_cache_home && *xdg_cache_home && std::filesystem::path(xdg_cache_home).is_absolute()) {
    base = xdg_cache_home;
  } else if (home && *home && std::filesystem::path(home).is_absolute()) {
    base = std::filesystem::path(home) / ".cache";
  } else {
    return std::nullopt;
  }
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(site_root, ec);
  if (ec) {
    real = std::filesystem::absolute(site_root, ec).lexically_normal();
  }
  // One directory per site (its real path, so two spellings of one root share a cache).
  return base / "verity" / util::sha256_hex(real.string()).substr(0, 32) / "links.sqlite";
}

std::optional<CachedLink> LinkCache::fresh(const std::string& url, std::int64_t now,
                                           std::int64_t max_age_seconds) {
  auto q = m_db.prepare(
      "SELECT status, final_url, redirects, permanent, checked_at FROM links WHERE url = ?1");
  q.bind(1, net::redact_url(url)); // credentials are never written to disk
  if (!q.step()) {
    return std::nullopt;
  }
  CachedLink c;
  c.status = static_cast<int>(q.column_int(0));
  c.final_url = q.column_text(1);
  auto hops = nlohmann::json::parse(q.column_text(2), nullptr, false);
  if (hops.is_array()) {
    for (const auto& h : hops) {
      if (h.is_string()) {
        c.redirects.push_back(h.get<std::string>());
      }
    }
  }
  c.permanent_redirect = q.column_int(3) != 0;
  c.every_redirect_permanent = q.column_int(3) == 2;
  c.checked_at = q.column_int(4);
  if (c.checked_at > now || now - c.checked_at >= max_age_seconds) {
    return std::nullopt; // too old, or from a clock in the future
  }
  return c;
}

void LinkCache::record(const std::vector<LinkResult>& results, std::int64_t now) {
  util::Transaction tx(m_db);
  auto upsert = m_db.prepare("INSERT OR REPLACE INTO links"
                             " (url, status, final_url, redirects, permanent, checked_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  auto forget = m_db.prepare("DELETE FROM links WHERE url = ?1");
  for (const auto& r : results) {
    if (!r.fetched) {
      continue;
    }
    if (r.works()) {
      upsert.bind(1, net::redact_url(r.url))
          .bind(2, std::int64_t{r.status})
          .bind(3, net::redact_url(r.final_url))
          .bind(4, redacted_chain(r.redirects))
          .bind(5, std::int64_t{r.every_redirect_permanent ? 2 : r.permanent_redirect ? 1 : 0})
          .bind(6, now)
          .run();
    } else {
      forget.bind(1, net::redact_url(r.url)).run();
    }
  }
  tx.commit();
}

} // namespace verity::links
