// Unit tests of the link checker's pieces: status sets, durations, Retry-After, URL authorities,
// host policies and the link cache's rules (working links only, expiry, credentials never stored).
#include "config/config.hpp"
#include "config/links_config.hpp"
#include "links/link_cache.hpp"
#include "links/status_set.hpp"
#include "net/fetch.hpp"
#include "support.hpp"

#include <ctime>

namespace verity {
namespace {

TEST(StatusSet, RangesAndSingleCodes) {
  links::StatusSet s({{200, 299}, {403, 403}});
  EXPECT_TRUE(s.contains(200));
  EXPECT_TRUE(s.contains(299));
  EXPECT_TRUE(s.contains(403));
  EXPECT_FALSE(s.contains(300));
  EXPECT_FALSE(s.contains(404));
  EXPECT_FALSE(links::StatusSet::success().contains(199));
}

TEST(Durations, UnitsAndRefusals) {
  using config::parse_duration_seconds;
  EXPECT_EQ(parse_duration_seconds("1d"), 86400);
  EXPECT_EQ(parse_duration_seconds("12h"), 43200);
  EXPECT_EQ(parse_duration_seconds("30m"), 1800);
  EXPECT_EQ(parse_duration_seconds("45s"), 45);
  EXPECT_EQ(parse_duration_seconds("3600"), 3600);
  EXPECT_EQ(parse_duration_seconds("0"), 0);
  EXPECT_EQ(parse_duration_seconds(""), std::nullopt);
  EXPECT_EQ(parse_duration_seconds("d"), std::nullopt);
  EXPECT_EQ(parse_duration_seconds("1w"), std::nullopt);
  EXPECT_EQ(parse_duration_seconds("-5s"), std::nullopt);
  EXPECT_EQ(parse_duration_seconds("9999999999d"), std::nullopt); // no overflow
}

TEST(RetryAfter, SecondsAndHttpDates) {
  EXPECT_EQ(net::parse_retry_after("120"), std::chrono::seconds(120));
  EXPECT_EQ(net::parse_retry_after("0"), std::chrono::seconds(0));
  EXPECT_GT(*net::parse_retry_after("99999999999999999999"), std::chrono::seconds(60));
  EXPECT_EQ(net::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), std::chrono::seconds(0));
  // An HTTP-date about 90 s from now.
  std::time_t later = std::time(nullptr) + 90;
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&later));
  auto wait = net::parse_retry_after(date);
  ASSERT_TRUE(wait);
  EXPECT_GE(wait->count(), 85);
  EXPECT_LE(wait->count(), 90);
  EXPECT_EQ(net::parse_retry_after("soon"), std::nullopt);
  EXPECT_EQ(net::parse_retry_after(""), std::nullopt);
}

TEST(UrlAuthority, DefaultPortsAndCase) {
  EXPECT_EQ(net::url_authority("https://Example.ORG/a"), "example.org:443");
  EXPECT_EQ(net::url_authority("http://example.org/a"), "example.org:80");
  EXPECT_EQ(net::url_authority("http://user:pw@127.0.0.1:8080/x"), "127.0.0.1:8080");
  EXPECT_EQ(net::url_authority("not a url"), "");
}

TEST(HostPolicy, ExactAuthorityThenHostThenDefault) {
  net::FetchOptions o;
  o.host.max_concurrent = 8;
  o.hosts["github.com"].max_concurrent = 2;
  o.hosts["127.0.0.1:9000"].max_concurrent = 1;
  EXPECT_EQ(o.policy_for("github.com:443").max_concurrent, 2u);
  EXPECT_EQ(o.policy_for("127.0.0.1:9000").max_concurrent, 1u);
  EXPECT_EQ(o.policy_for("127.0.0.1:9001").max_concurrent, 8u);
  EXPECT_EQ(o.policy_for("gitlab.com:443").max_concurrent, 8u);
}

links::LinkResult fetched(const std::string& url, const rules::Rule* rule, int status) {
  links::LinkResult r;
  r.url = url;
  r.rule = rule;
  r.status = status;
  r.final_url = url;
  r.fetched = true;
  return r;
}

TEST(LinkCache, KeepsWorkingLinksOnlyAndForgetsThemWhenTheyFail) {
  test::TempDir dir;
  auto path = dir.path() / "sub" / "cache.sqlite"; // the directory is created
  std::int64_t now = 1'700'000'000;
  {
    links::LinkCache cache(path);
    auto redirect = fetched("https://a.example.org/old", &rules::link_redirect, 200);
    redirect.permanent_redirect = true;
    redirect.redirects = {"https://a.example.org/old"};
    redirect.final_url = "https://a.example.org/new";
    auto excluded = fetched("https://c.example.org/", &rules::link_excluded, 0);
    excluded.fetched = false;
    cache.record({fetched("https://user:secret@a.example.org/ok", nullptr, 200), redirect,
                  fetched("https://b.example.org/gone", &rules::link_broken, 404),
                  fetched("https://b.example.org/slow", &rules::link_timeout, 0), excluded},
                 now);
    auto hit = cache.fresh("https://a.example.org/old", now + 10, 86400);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->status, 200);
    EXPECT_TRUE(hit->permanent_redirect);
    EXPECT_EQ(hit->final_url, "https://a.example.org/new");
    EXPECT_EQ(hit->redirects, std::vector<std::string>{"https://a.example.org/old"});
    EXPECT_TRUE(cache.fresh("https://user:secret@a.example.org/ok", now, 86400));
    EXPECT_FALSE(cache.fresh("https://b.example.org/gone", now, 86400));
    EXPECT_FALSE(cache.fresh("https://b.example.org/slow", now, 86400));
    EXPECT_FALSE(cache.fresh("https://c.example.org/", now, 86400));
    // Expiry: exactly max_age old is stale; a check from the future is not trusted.
    EXPECT_FALSE(cache.fresh("https://a.example.org/old", now + 86400, 86400));
    EXPECT_FALSE(cache.fresh("https://a.example.org/old", now - 1, 86400));
    // A link that fails later is forgotten.
    cache.record({fetched("https://a.example.org/old", &rules::link_broken, 410)}, now + 20);
    EXPECT_FALSE(cache.fresh("https://a.example.org/old", now + 30, 86400));
  }
  std::string bytes = test::read_file(path);
  EXPECT_EQ(bytes.find("secret"), std::string::npos) << "credentials were written to the cache";
}

TEST(LinkCache, AFileThatIsNotADatabaseIsAnErrorNotACrash) {
  test::TempDir dir;
  test::write_file(dir.path() / "cache.sqlite", std::string(4096, 'x'));
  EXPECT_THROW(links::LinkCache(dir.path() / "cache.sqlite"), util::SqliteError);
}

} // namespace
} // namespace verity

namespace verity {
namespace {

TEST(ConfigFuzzRegressions, InvalidUtf8InAConfigIsAnErrorWithItsPosition) {
  // tests/fuzz/regressions/config-*: inputs fuzz_config found. Invalid UTF-8 once reached
  // valijson's string length code, which reads past a table on long continuation runs.
  size_t inputs = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(test::source_dir() / "tests/fuzz/regressions")) {
    if (e.path().filename().string().rfind("config-", 0) != 0) {
      continue;
    }
    test::TempDir dir;
    test::write_file(dir.path() / "verity.yaml", test::read_file(e.path()));
    try {
      config::load_config(dir.path() / "verity.yaml", {});
      ADD_FAILURE() << e.path() << " was accepted";
    } catch (const config::ConfigError& err) {
      ASSERT_FALSE(err.messages().empty());
      EXPECT_NE(err.messages()[0].find("verity.yaml:6:"), std::string::npos) << err.messages()[0];
      EXPECT_NE(err.messages()[0].find("UTF-8"), std::string::npos) << err.messages()[0];
    }
    ++inputs;
  }
  EXPECT_GE(inputs, 1u) << "no config-* input in tests/fuzz/regressions";
}

} // namespace
} // namespace verity
