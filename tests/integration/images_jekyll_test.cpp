// Image fields as Jekyll sites write them (fixtures/images-jekyll): `image: /x.png`,
// jekyll-seo-tag's `image: {path, width, height}`, a remapped absolute URL and a configured
// `logo:` field, checked by the real binary with exact findings; and a string image on a
// loopback server, probed with --online without a declared size.
#include "loopback_server.hpp"
#include "support.hpp"

#include <set>
#include <tuple>

namespace verity::test {
namespace {

using Found = std::multiset<std::tuple<std::string, std::string, std::string>>;

// (file, rule, pointer) of every finding.
Found findings(const nlohmann::json& report) {
  Found out;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "schema/none") {
      EXPECT_EQ(f.value("collection", ""), "posts"); // the one collection here: no schema
      continue;
    }
    out.emplace(f["file"].get<std::string>(), f["rule"].get<std::string>(),
                f.value("pointer", std::string()));
  }
  return out;
}

void make_site(const fs::path& dest) {
  fs::copy(source_dir() / "fixtures/images-jekyll", dest, fs::copy_options::recursive);
  write_file(dest / "assets/ok.png", png_header(30, 20));
}

const Found k_defects = {
    {"_posts/2024-01-06-missing.md", "image/missing", "/image"},
    {"_posts/2024-01-07-object.md", "image/dimension-mismatch", "/image/width"},
    {"_posts/2024-01-08-text.md", "image/not-an-image", "/image"},
    {"_posts/2024-01-09-remapped.md", "image/missing", "/image"},
    {"_posts/2024-01-11-escape.md", "image/outside-site", "/image"},
};

} // namespace

TEST(ImagesJekyll, ImageFieldsOfTheJekyllProfileGiveExactlyTheKnownDefects) {
  TempDir dir;
  make_site(dir.path());
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.err << r.out;
  auto report = r.json();
  EXPECT_EQ(report["summary"]["documents"], 8);
  EXPECT_EQ(findings(report), k_defects);
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "image/missing" && f["file"] == "_posts/2024-01-09-remapped.md") {
      EXPECT_NE(f["message"].get<std::string>().find("assets/gone.png under the site root"),
                std::string::npos)
          << f["message"];
    }
  }
}

TEST(ImagesJekyll, AVerityYamlInTheTreeMayAddImageFields) {
  TempDir dir;
  make_site(dir.path());
  // Untrusted (in the checked tree), and allowed: it only adds checks of files inside the site.
  write_file(dir.path() / "verity.yaml", "version: 1\nimages:\n  fields: [image, logo]\n");
  auto r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.err << r.out;
  Found expected = k_defects;
  expected.emplace("_posts/2024-01-10-logo.md", "image/missing", "/logo");
  EXPECT_EQ(findings(r.json()), expected);
  // A list replaces the profile's: without `image`, only the logo is an image field.
  write_file(dir.path() / "verity.yaml", "version: 1\nimages:\n  fields: [logo]\n");
  r = run_verity({"check", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.err << r.out;
  EXPECT_EQ(findings(r.json()), (Found{{"_posts/2024-01-10-logo.md", "image/missing", "/logo"}}));
}

TEST(ImagesJekyll, RemoteStringImagesAreProbedWithoutASizeToCompare) {
  LoopbackServer server("127.0.0.1");
  ASSERT_GT(server.port(), 0);
  const std::string png = png_header(30, 20);
  server.http().Get("/a.png", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(png, "image/png");
  });
  server.http().Get("/page.png", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html></html>", "text/html");
  });
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  TempDir dir;
  write_file(dir.path() / "_posts/2024-01-01-a.md", "---\nimage: " + base + "/a.png\n---\n");
  write_file(dir.path() / "_posts/2024-01-02-b.md", "---\nimage: " + base + "/page.png\n---\n");
  write_file(dir.path() / "_posts/2024-01-03-c.md", "---\nimage: " + base + "/gone.png\n---\n");
  auto r = run_verity({"check", "--format", "json", "--online", "--allow-address", "127.0.0.1"},
                      dir.path());
  ASSERT_EQ(r.exit_code, 1) << r.err << r.out;
  EXPECT_EQ(findings(r.json()), (Found{{"_posts/2024-01-02-b.md", "image/not-an-image", "/image"},
                                       {"_posts/2024-01-03-c.md", "image/unreachable", "/image"}}));
}

} // namespace verity::test
