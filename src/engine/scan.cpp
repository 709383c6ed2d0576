#include "engine/scan.hpp"

#include "engine/load_source.hpp"
#include "refs/front_matter.hpp"
#include "util/parallel.hpp"

#include <iterator>

namespace verity::engine {
namespace {

// True when a document could not be parsed (its findings say why).
bool unparseable(const Document& doc, const Findings& findings) {
  return !doc.parsed && (doc.has_front_matter || !findings.empty());
}

DocumentScan scan_one(const SourceFile& src, const config::Config& cfg, const ScanVisitor& visit) {
  DocumentScan out;
  Document doc = load_source(src, cfg, out.findings);
  out.unparseable = unparseable(doc, out.findings);
  if (doc.parsed) {
    out.references = refs::front_matter_references(doc);
    if (visit) {
      visit(doc, src, out);
    }
  }
  return out;
}

template <typename T> void append(std::vector<T>& to, std::vector<T>& from) {
  std::move(from.begin(), from.end(), std::back_inserter(to));
}

} // namespace

ScannedSite scan_site(const config::Config& cfg, const Selection& selection, unsigned jobs,
                      const ScanVisitor& visit) {
  const std::vector<SourceFile>& files = selection.files;
  std::vector<DocumentScan> scans(files.size());
  util::parallel_for(files.size(), jobs == 0 ? util::default_jobs() : jobs,
                     [&](size_t i) { scans[i] = scan_one(files[i], cfg, visit); });
  ScannedSite site;
  size_t findings = 0, records = 0, references = 0;
  for (const auto& s : scans) {
    findings += s.findings.size();
    records += s.records.size();
    references += s.references.size();
  }
  // Reserved and freed as it goes, so that the merge never holds a site's worth twice.
  site.findings.reserve(findings);
  site.records.reserve(records);
  site.references.reserve(references);
  for (size_t i = 0; i < files.size(); ++i) {
    DocumentScan& s = scans[i];
    append(site.findings, s.findings);
    append(site.records, s.records);
    append(site.references, s.references);
    if (selection.is_reported(files[i].relative)) {
      site.documents.push_back(
          {files[i].relative, files[i].collection ? files[i].collection->name : "", s.unparseable});
    }
    s = DocumentScan{};
  }
  return site;
}

} // namespace verity::engine
