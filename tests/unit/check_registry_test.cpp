// Unit tests of the check registry over the shared scan: every registered document check runs
// once per parsed document, and a corpus check sees the records of every document.
#include "checks/registry.hpp"
#include "content/local_date.hpp"
#include "engine/scan.hpp"
#include "support.hpp"

#include <algorithm>
#include <map>
#include <mutex>

namespace verity {
namespace {
using test::TempDir;
using test::write_file;
namespace fs = std::filesystem;

struct Site {
  TempDir dir;
  config::Config cfg;
  engine::Selection selection;
  CheckOptions options;
  content::LocalDate zone{""};
  media::ProbeCache probes;

  explicit Site(const std::map<std::string, std::string>& files) {
    cfg.site_root = dir.path();
    cfg.real_site_root = fs::canonical(dir.path());
    for (const auto& [name, text] : files) {
      write_file(dir.path() / name, text);
      selection.files.push_back({dir.path() / name, name, nullptr});
    }
  }

  checks::RunContext context() {
    return {cfg,
            options,
            zone,
            probes,
            {&cfg.secured, nullptr, nullptr, false},
            [](const std::string&) { return true; }};
  }

  engine::ScannedSite scan(const checks::Registry& registry, const checks::RunContext& run) {
    return engine::scan_site(
        cfg, selection, 2,
        [&](const Document& doc, const engine::SourceFile& src, engine::DocumentScan& scan) {
          checks::run_document_checks(registry, {doc, src.collection, scan.references}, run,
                                      scan.findings, scan.records);
        });
  }
};

const std::map<std::string, std::string> k_files = {
    {"a.md", "---\nwebUrl: https://x.example/same\n---\n"},
    {"b.md", "---\nwebUrl: https://x.example/same\n---\n"},
    {"c.md", "---\nwebUrl: https://x.example/other\nhero: https://h.example/\n---\n"},
    {"broken.md", "---\nwebUrl: [unclosed\n---\n"}, // never parsed: no check sees it
};

} // namespace

TEST(CheckRegistry, EveryRegisteredDocumentCheckRunsOncePerParsedDocument) {
  Site site(k_files);
  checks::Registry counted = checks::registry();
  ASSERT_GE(counted.document.size(), 5u); // schema, filename-date, images, secured, unique fields
  std::mutex mutex;
  std::map<std::string, std::vector<std::string>> calls; // check name -> documents
  for (auto& check : counted.document) {
    check.run = [real = check.run, name = std::string(check.name), &mutex,
                 &calls](const checks::DocumentInput& in, const checks::RunContext& run,
                         Findings& out, Records& records) {
      {
        std::lock_guard lock(mutex);
        calls[name].push_back(in.doc.path);
      }
      real(in, run, out, records);
    };
  }
  checks::RunContext run = site.context();
  engine::ScannedSite scanned = site.scan(counted, run);

  EXPECT_EQ(calls.size(), counted.document.size());
  for (auto& [name, docs] : calls) {
    std::sort(docs.begin(), docs.end());
    EXPECT_EQ(docs, (std::vector<std::string>{"a.md", "b.md", "c.md"})) << name;
  }
  EXPECT_EQ(scanned.documents.size(), 4u); // the unparsed one is still reported (as unparseable)
  auto broken = std::find_if(scanned.documents.begin(), scanned.documents.end(),
                             [](const DocumentSummary& d) { return d.file == "broken.md"; });
  ASSERT_NE(broken, scanned.documents.end());
  EXPECT_TRUE(broken->unparseable);
  // The references of every parsed document are kept, in file order: each webUrl, and c.md's hero.
  ASSERT_EQ(scanned.references.size(), 4u);
  EXPECT_EQ(scanned.references[0].file, "a.md");
  EXPECT_EQ(scanned.references[1].file, "b.md");
  EXPECT_EQ(scanned.references[2].file, "c.md");
  EXPECT_EQ(scanned.references[3].raw, "https://x.example/other"); // "/webUrl" after "/hero"
}

TEST(CheckRegistry, ACorpusCheckSeesTheRecordsOfEveryDocument) {
  Site site(k_files);
  checks::Registry registry = checks::registry();
  std::vector<std::string> seen;
  registry.corpus.push_back(
      {"spy", [&](const Records& records, const checks::RunContext&, Findings&) {
         for (const auto& r : records) {
           seen.push_back(r.file + " " + std::string(r.kind) + " " + r.value);
         }
       }});
  checks::RunContext run = site.context();
  engine::ScannedSite scanned = site.scan(registry, run);
  Findings out, site_wide;
  checks::run_corpus_checks(registry, scanned.records, run, out, site_wide);

  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "a.md unique-field https://x.example/same",
                      "b.md unique-field https://x.example/same",
                      "c.md unique-field https://x.example/other",
                  }));
  // The registered duplicate-fields check saw them too: a.md and b.md name each other.
  ASSERT_EQ(out.size(), 2u);
  for (const auto& f : out) {
    EXPECT_EQ(f.rule, "content/duplicate-url");
    EXPECT_EQ(f.line, 2);
  }
  EXPECT_TRUE(site_wide.empty()); // no legacy blob: no secured/no-lockfile note
}

TEST(CheckRegistry, NoLockfileIsOneSiteWideNoteWhenLegacyBlobsAreRecordedWithoutPins) {
  Site site({});
  checks::RunContext run = site.context();
  const checks::Registry& registry = checks::registry();
  Records records = {{secured::k_legacy_blob_record, "a.md", "secured", "", {2, 10}},
                     {secured::k_legacy_blob_record, "b.md", "secured", "", {2, 10}}};
  Findings out, site_wide;
  checks::run_corpus_checks(registry, records, run, out, site_wide);
  EXPECT_TRUE(out.empty());
  ASSERT_EQ(site_wide.size(), 1u);
  EXPECT_EQ(site_wide[0].rule, "secured/no-lockfile");
  EXPECT_EQ(site_wide[0].severity, Severity::Note);
  EXPECT_EQ(site_wide[0].file, "secured.lock");
  // With pins there is a lockfile: no note.
  secured::PinFile pins;
  run.secured.pins = &pins;
  site_wide.clear();
  checks::run_corpus_checks(registry, records, run, out, site_wide);
  EXPECT_TRUE(site_wide.empty());
}

} // namespace verity
