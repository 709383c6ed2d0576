// The Liquid subset evaluated inside URLs (design note site-model.md §4.2, §2.3; Jekyll 4.3.1's
// tags/link.rb, tags/post_url.rb, filters/url_filters.rb).
#include "body/liquid_url.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace verity::body {
namespace {

using Status = LiquidUrl::Status;

struct Fixture {
  nlohmann::json page = {{"img", "/assets/a.png"}, {"n", 3}, {"nested", {{"k", "v"}}}};
  nlohmann::json data = {{"a", {{"b", "/from-data"}}}};
  LiquidContext ctx;
  Fixture() {
    ctx.baseurl = "/base";
    ctx.url = "https://example.org";
    ctx.page = &page;
    ctx.site_data = &data;
    ctx.link = [](std::string_view p) -> std::optional<std::string> {
      if (p == "docs/guide.md")
        return "/docs/guide.html";
      return std::nullopt;
    };
    ctx.post_url = [](std::string_view p) -> std::optional<std::string> {
      if (p == "2020-01-02-hello" || p == "cat/2020-01-02-hello")
        return "/2020/01/02/hello.html";
      return std::nullopt;
    };
  }
};

void expect_url(std::string_view raw, Status status, const std::string& url) {
  Fixture f;
  LiquidUrl r = evaluate_liquid_url(raw, f.ctx);
  EXPECT_EQ(r.status, status) << raw << ": " << r.error;
  EXPECT_EQ(r.url, url) << raw;
}

TEST(LiquidUrl, LiteralUrlIsUntouched) {
  expect_url("/x/y.html#f", Status::Literal, "/x/y.html#f");
}

TEST(LiquidUrl, SiteVariables) {
  expect_url("{{ site.baseurl }}/about.html", Status::Evaluated, "/base/about.html");
  expect_url("{{site.url}}{{ site.baseurl }}/", Status::Evaluated, "https://example.org/base/");
}

TEST(LiquidUrl, RelativeAndAbsoluteUrlFilters) {
  expect_url("{{ \"/x\" | relative_url }}", Status::Evaluated, "/base/x");
  expect_url("{{ 'about' | relative_url }}", Status::Evaluated, "/base/about");
  expect_url("{{ '' | relative_url }}", Status::Evaluated, "/base");
  expect_url("{{ '/x' | absolute_url }}", Status::Evaluated, "https://example.org/base/x");
  expect_url("{{ 'https://o.org/p' | relative_url }}", Status::Evaluated, "https://o.org/p");
  expect_url("{{ page.img | relative_url }}", Status::Evaluated, "/base/assets/a.png");
}

TEST(LiquidUrl, FiltersFollowJekyllOnBaseurlEdges) {
  EXPECT_EQ(jekyll_relative_url("x", "/base/"), "/base/x");
  EXPECT_EQ(jekyll_relative_url("/x", ""), "/x");
  EXPECT_EQ(jekyll_absolute_url("/x", "", ""), "/x");
  EXPECT_EQ(jekyll_absolute_url("mailto:a@b", "/b", "https://e"), "mailto:a@b");
}

TEST(LiquidUrl, PageAndDataVariables) {
  expect_url("{{ page.img }}", Status::Evaluated, "/assets/a.png");
  expect_url("/p/{{ page.n }}", Status::Evaluated, "/p/3");
  expect_url("{{ page.nested.k }}", Status::Evaluated, "v");
  expect_url("{{ site.data.a.b }}/x", Status::Evaluated, "/from-data/x");
}

TEST(LiquidUrl, LinkAndPostUrlTags) {
  expect_url("{% link docs/guide.md %}#s", Status::Evaluated, "/base/docs/guide.html#s");
  expect_url("{% post_url 2020-01-02-hello %}", Status::Evaluated, "/base/2020/01/02/hello.html");
  expect_url("{% post_url cat/2020-01-02-hello %}", Status::Evaluated,
             "/base/2020/01/02/hello.html");
  expect_url("{% post_url /2020-01-02-hello %}", Status::Evaluated, "/base/2020/01/02/hello.html");
}

TEST(LiquidUrl, MissingTargetsAreBrokenWithJekyllsMessage) {
  Fixture f;
  LiquidUrl link = evaluate_liquid_url("{% link nope.md %}", f.ctx);
  EXPECT_EQ(link.status, Status::Broken);
  EXPECT_EQ(link.error, "Could not find document 'nope.md' in tag 'link'.\n\nMake sure the "
                        "document exists and the path is correct.\n");
  LiquidUrl post = evaluate_liquid_url("{% post_url 2020-01-03-gone %}", f.ctx);
  EXPECT_EQ(post.status, Status::Broken);
  EXPECT_EQ(post.error, "Could not find post \"2020-01-03-gone\" in tag 'post_url'.\nMake sure "
                        "the post exists and the name is correct.\n");
  LiquidUrl bad = evaluate_liquid_url("{% post_url hello %}", f.ctx);
  EXPECT_EQ(bad.status, Status::Broken);
  EXPECT_EQ(bad.error.rfind("Could not parse name of post \"hello\" in tag 'post_url'.", 0), 0u);
}

TEST(LiquidUrl, RawIsLiteral) {
  expect_url("{% raw %}{{ not.rendered }}{% endraw %}/x", Status::Evaluated,
             "{{ not.rendered }}/x");
}

TEST(LiquidUrl, WhitespaceControl) {
  expect_url("  {{- site.baseurl -}}  /x", Status::Evaluated, "/base/x");
  expect_url("{{-site.baseurl-}}", Status::Evaluated, "/base");
}

TEST(LiquidUrl, OutsideTheSubsetIsUnverifiable) {
  expect_url("{{ page.img | append: 'x' }}", Status::Unverifiable, "");
  expect_url("{{ page.unset }}", Status::Unverifiable, "");
  expect_url("{{ page.nested }}", Status::Unverifiable, "");
  expect_url("{{ site.title }}", Status::Unverifiable, "");
  expect_url("{% include x.html %}", Status::Unverifiable, "");
  expect_url("{{ site.baseurl", Status::Unverifiable, "");
  expect_url("{% raw %}x", Status::Unverifiable, "");
  expect_url("{% link {{ page.x }} %}", Status::Unverifiable, "");
  Fixture f;
  f.ctx.site_data = nullptr;
  EXPECT_EQ(evaluate_liquid_url("{{ site.data.a.b }}", f.ctx).status, Status::Unverifiable);
  EXPECT_EQ(evaluate_liquid_url(std::string(kMaxLiquidUrlLength + 1, '{'), f.ctx).status,
            Status::Unverifiable);
}

} // namespace
} // namespace verity::body

namespace verity::body {
namespace {

// A page value repeated in one URL would make megabytes of it: past kMaxLiquidUrlLength the URL
// is Unverifiable, whatever it is built from; right at the limit it is still evaluated.
TEST(LiquidUrl, AnEvaluatedUrlIsBoundedToo) {
  nlohmann::json page = {{"a", std::string(200000, 'a')}, {"b", std::string(4000, 'b')}};
  LiquidContext ctx;
  ctx.page = &page;
  std::string repeated = "/";
  for (int i = 0; i < 700; ++i)
    repeated += "{{page.a}}";
  LiquidUrl big = evaluate_liquid_url(repeated, ctx);
  EXPECT_EQ(big.status, LiquidUrl::Status::Unverifiable);
  EXPECT_TRUE(big.url.empty());
  LiquidUrl two = evaluate_liquid_url("/{{page.b}}{{page.b}}", ctx); // 8,001 bytes
  EXPECT_EQ(two.status, LiquidUrl::Status::Evaluated);
  EXPECT_EQ(two.url.size(), 8001u);
  LiquidUrl three = evaluate_liquid_url("/{{page.b}}{{page.b}}{{page.b}}", ctx);
  EXPECT_EQ(three.status, LiquidUrl::Status::Unverifiable);
}

} // namespace
} // namespace verity::body
