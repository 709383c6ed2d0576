// The scan `check` and `linkrot` share: every selected file is loaded in parallel, its references
// are extracted once, and a visitor (the document checks, or nothing) reads the loaded document
// in the worker thread; the document is then dropped and only what the scan keeps of it stays.
#pragma once

#include "body/body_scan.hpp"
#include "config/config.hpp"
#include "engine/discover.hpp"
#include "engine/selection.hpp"
#include "refs/reference.hpp"
#include "verity/check.hpp"
#include "verity/record.hpp"

#include <functional>
#include <vector>

namespace verity::engine {

// What a scan keeps of one document.
struct DocumentScan {
  Findings findings; // loading findings, then the visitor's
  Records records;
  std::vector<refs::Reference> references; // the visitor may drop those no later phase needs
  // The body's anchors, malformed links and <base href> (its references are in `references`);
  // empty when the body is not Markdown or HTML. Dropped after the visitor.
  body::BodyScan body;
  bool body_read = false;
  bool unparseable = false; // JUnit reports it as an error
};

// Called for each parsed document, in a worker thread.
using ScanVisitor =
    std::function<void(const Document& doc, const SourceFile& src, DocumentScan& scan)>;

// Everything a scan kept, merged in file order.
struct ScannedSite {
  Findings findings;
  Records records;
  std::vector<refs::Reference> references;
  std::vector<DocumentSummary> documents; // the reported documents
};

// Scans every file of `selection` with `jobs` threads (0 = one per core).
ScannedSite scan_site(const config::Config& cfg, const Selection& selection, unsigned jobs,
                      const ScanVisitor& visit);

} // namespace verity::engine
