// Unit tests of refs::resolve_site_path: where a URL written in a document points inside the
// site, for site-absolute, baseurl-prefixed and relative URLs, and what is refused.
#include "media/local_images.hpp"
#include "refs/site_path.hpp"

#include <gtest/gtest.h>

using namespace verity;
using refs::SiteLocation;
using refs::SitePath;
using Kind = refs::SitePath::Kind;

namespace {

const SiteLocation k_post{"/2024/01/05/post.html", "_posts/2024-01-05-post.md", "/blog"};
const SiteLocation k_pretty{"/recipes/pie/", "_recipes/pie.md", ""};
const SiteLocation k_unknown{"", "docs/guide/a.md", ""};

// "kind:path" for compact, exact comparisons.
std::string show(std::string_view url, const SiteLocation& where) {
  SitePath p = refs::resolve_site_path(url, where);
  const char* kind = p.kind == Kind::Local      ? "local"
                     : p.kind == Kind::External ? "external"
                     : p.kind == Kind::Outside  ? "outside"
                                                : "none";
  return std::string(kind) + ":" + p.path + p.fragment;
}

} // namespace

TEST(SitePath, SiteAbsoluteIsTheSiteFile) {
  EXPECT_EQ(show("/assets/x.png", k_pretty), "local:assets/x.png");
  EXPECT_EQ(show("/assets/x.png", k_post), "local:assets/x.png"); // no baseurl in it: kept
  EXPECT_EQ(show("/assets//./x.png", k_pretty), "local:assets/x.png");
}

TEST(SitePath, BaseurlIsStrippedOnlyAsAWholeSegment) {
  EXPECT_EQ(show("/blog/assets/x.png", k_post), "local:assets/x.png");
  EXPECT_EQ(show("/blogger/x.png", k_post), "local:blogger/x.png");
  EXPECT_EQ(show("/blog", k_post), "local:");
  // Without a baseurl the same path is a folder named blog.
  EXPECT_EQ(show("/blog/assets/x.png", k_pretty), "local:blog/assets/x.png");
  SiteLocation trailing{"", "a.md", "/blog/"};
  EXPECT_EQ(show("/blog/x.png", trailing), "local:x.png");
}

TEST(SitePath, RelativeToTheDocumentsUrlFolder) {
  EXPECT_EQ(show("img/x.png", k_post), "local:2024/01/05/img/x.png");
  EXPECT_EQ(show("img/x.png", k_pretty), "local:recipes/pie/img/x.png");
  EXPECT_EQ(show("./img/x.png", k_pretty), "local:recipes/pie/img/x.png");
  EXPECT_EQ(show("../x.png", k_post), "local:2024/01/x.png");
  // A relative URL never gets a baseurl stripped: it is under the document's folder.
  EXPECT_EQ(show("blog/x.png", k_post), "local:2024/01/05/blog/x.png");
}

TEST(SitePath, RelativeToTheSourceFolderWhenTheUrlIsUnknown) {
  EXPECT_EQ(show("img/x.png", k_unknown), "local:docs/guide/img/x.png");
  EXPECT_EQ(show("x.png", SiteLocation{"", "root.md", ""}), "local:x.png");
}

TEST(SitePath, QueryFragmentAndPercentEncoding) {
  EXPECT_EQ(show("/assets/a%20b.png?v=2#top", k_pretty), "local:assets/a b.png#top");
  EXPECT_EQ(show("/assets/x.png#", k_pretty), "local:assets/x.png#");
  EXPECT_EQ(show("/assets/%zz.png", k_pretty), "local:assets/%zz.png"); // malformed: as written
  EXPECT_EQ(show("/a/%2e%2e/b.png", k_pretty), "local:b.png");          // decoded, then applied
  EXPECT_EQ(show("?v=1", k_pretty), "none:");
  EXPECT_EQ(show("#top", k_pretty), "none:#top");
}

TEST(SitePath, ClimbingAboveTheRootIsOutside) {
  EXPECT_EQ(show("/../etc/passwd", k_pretty), "outside:");
  EXPECT_EQ(show("../../../x.png", k_pretty), "outside:");
  EXPECT_EQ(show("../../x.png", k_pretty), "local:x.png"); // boundary: exactly to the root
  EXPECT_EQ(show("/%2e%2e/x.png", k_pretty), "outside:");
  EXPECT_EQ(show("/a%00.png", k_pretty), "outside:");
  EXPECT_EQ(show("../../x.png", k_unknown), "local:x.png");
  EXPECT_EQ(show("../../../x.png", k_unknown), "outside:");
}

TEST(SitePath, ExternalAndEmpty) {
  EXPECT_EQ(show("https://cdn.example/x.png", k_pretty), "external:");
  EXPECT_EQ(show("//cdn.example/x.png", k_pretty), "external:");
  EXPECT_EQ(show("data:image/png;base64,AAAA", k_pretty), "external:");
  EXPECT_EQ(show("", k_pretty), "none:");
  // A colon after the first slash is part of a path, not a scheme.
  EXPECT_EQ(show("img/a:b.png", k_pretty), "local:recipes/pie/img/a:b.png");
}

TEST(SitePath, RemapsComeFirstWithoutBaseurl) {
  std::vector<config::Remap> remap{{"https://site.example/blog", "/"}};
  auto p = media::image_site_path("https://site.example/blog/assets/x.png?v=1", k_post, remap);
  EXPECT_EQ(p.kind, Kind::Local);
  EXPECT_EQ(p.path, "assets/x.png");
  // The remap's target is a site path: a folder named like the baseurl stays.
  p = media::image_site_path("https://site.example/blog/blog/x.png", k_post, remap);
  EXPECT_EQ(p.path, "blog/x.png");
  EXPECT_EQ(media::image_site_path("https://other.example/x.png", k_post, remap).kind,
            Kind::External);
}

TEST(SitePath, ResolveReferencesFillsResolved) {
  std::vector<refs::Reference> refs(4);
  refs[0].raw = "img/x.png#f";
  refs[1].raw = "https://cdn.example/x.png";
  refs[2].raw = "../../../x.png";
  refs[3].raw = "";
  media::resolve_references(refs, k_pretty, {});
  EXPECT_EQ(refs[0].resolved, "recipes/pie/img/x.png#f");
  EXPECT_EQ(refs[1].resolved, "https://cdn.example/x.png");
  EXPECT_EQ(refs[2].resolved, "");
  EXPECT_EQ(refs[3].resolved, "");
}

namespace verity {
namespace {

TEST(SitePath, ALinkClampsDotDotAtTheRootAsABrowserDoes) {
  refs::SiteLocation link{"/recipes/pie/", "_recipes/pie.md", "", true};
  EXPECT_EQ(refs::resolve_site_path("/../about.html", link).path, "about.html");
  EXPECT_EQ(refs::resolve_site_path("../../../about.html", link).path, "about.html");
  EXPECT_EQ(refs::resolve_site_path("../about.html", link).path, "recipes/about.html");
  EXPECT_EQ(refs::resolve_site_path("/../about.html", link).kind, refs::SitePath::Kind::Local);
  // A NUL byte is never a path, clamped or not.
  EXPECT_EQ(refs::resolve_site_path("/a%00.html", link).kind, refs::SitePath::Kind::Outside);
}

TEST(SitePath, ASiteAbsolutePathWithoutTheBaseurlIsMarked) {
  refs::SiteLocation blog{"/2024/01/05/post.html", "_posts/2024-01-05-post.md", "/blog", true};
  EXPECT_TRUE(refs::resolve_site_path("/about.html", blog).without_baseurl);
  EXPECT_FALSE(refs::resolve_site_path("/blog/about.html", blog).without_baseurl);
  EXPECT_FALSE(refs::resolve_site_path("about.html", blog).without_baseurl); // relative
  refs::SiteLocation no_base{"/a.html", "a.md", "", true};
  EXPECT_FALSE(refs::resolve_site_path("/about.html", no_base).without_baseurl);
}

} // namespace
} // namespace verity
