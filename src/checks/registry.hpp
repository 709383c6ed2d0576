// The three shapes of a check and the one list that registers them.
//  - A document check reads one loaded document and its references, and returns findings and
//    records (small facts for the corpus checks). It runs in the scan's worker threads.
//  - A corpus check reads the records of every document, and returns findings.
//  - A network check (with --online) reads the references of every document, and returns findings.
// A check is one file in checks/ and one line in registry.cpp.
#pragma once

#include "body/body_scan.hpp"
#include "checks/run_context.hpp"
#include "refs/reference.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"
#include "verity/record.hpp"

#include <functional>
#include <string_view>
#include <vector>

namespace verity::checks {

struct DocumentInput {
  const Document& doc;                  // parsed: checks never see an unparsed document
  const config::Collection* collection; // nullptr outside every collection
  const std::vector<refs::Reference>& references;
  // The document's URL as the site serves it (Jekyll's `url`, without baseurl); "" when unknown
  // (a file Jekyll does not output). Relative references resolve against its folder.
  std::string_view url = {};
  // What `defaults:` in _config.yml gives the document (schema validation sees both); nullptr
  // when nothing applies.
  const DefaultValues* defaults = nullptr;
  // The file the build writes for it ("docs/index.html"); "" when not output.
  std::string_view output = {};
  // What its body cites and defines beyond `references` (anchors, malformed links, <base href>);
  // nullptr when the body is not read (not Markdown or HTML).
  const body::BodyScan* body = nullptr;
  // A layout, an include (engine/templates.hpp) or a _data file (engine/data_links.hpp), whose
  // links are part of every page using it: a URL relative to the page, a bare #fragment and
  // page.* Liquid differ per page, so only what is the same on every page is checked here.
  bool template_file = false;
};

using DocumentCheckFn = void(const DocumentInput& in, const RunContext& run, Findings& out,
                             Records& records);
using CorpusCheckFn = void(const Records& records, const RunContext& run, Findings& out);
using NetworkCheckFn = void(const std::vector<refs::Reference>& references, const RunContext& run,
                            Findings& out);

struct DocumentCheck {
  std::string_view name;
  std::function<DocumentCheckFn> run;
  // It also reads the site's templates (DocumentInput::template_file): body links and images.
  bool reads_templates = false;
};

struct CorpusCheck {
  std::string_view name;
  std::function<CorpusCheckFn> run;
  // Its findings are about the site, not a document (the lockfile): no selection narrows them.
  bool site_wide = false;
};

struct NetworkCheck {
  std::string_view name;
  std::function<NetworkCheckFn> run;
};

struct Registry {
  std::vector<DocumentCheck> document;
  std::vector<CorpusCheck> corpus;
  std::vector<NetworkCheck> network;
};

// Every check verity runs, in order.
const Registry& registry();

// Runs every document check of `registry` on one document.
void run_document_checks(const Registry& registry, const DocumentInput& in, const RunContext& run,
                         Findings& out, Records& records);

// Runs the document checks that read templates on one layout or include.
void run_template_checks(const Registry& registry, const DocumentInput& in, const RunContext& run,
                         Findings& out, Records& records);

// Runs every corpus check; findings about documents go to `out`, site-wide ones to `site`.
void run_corpus_checks(const Registry& registry, const Records& records, const RunContext& run,
                       Findings& out, Findings& site);

// Runs every network check.
void run_network_checks(const Registry& registry, const std::vector<refs::Reference>& references,
                        const RunContext& run, Findings& out);

} // namespace verity::checks
