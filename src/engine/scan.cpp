#include "engine/scan.hpp"

#include "body/body_scan.hpp"
#include "content/data_file.hpp"
#include "engine/data_links.hpp"
#include "engine/load_source.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "refs/front_matter.hpp"
#include "rules/make_finding.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"
#include "util/parallel.hpp"
#include "util/phase_timer.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace verity::engine {
namespace {

// True when a document could not be parsed (its findings say why).
bool unparseable(const Document& doc, const Findings& findings) {
  return !doc.parsed && (doc.has_front_matter || !findings.empty());
}

// A _data file: read through the confinement, parsed as Jekyll's DataReader would.
DocumentScan scan_data_file(const SourceFile& src, const config::Config& cfg,
                            std::string_view site_url, const ScanVisitor& visit) {
  DocumentScan out;
  auto inside = util::resolve_inside(cfg.site_root, cfg.real_site_root, src.absolute);
  util::ReadResult r =
      inside ? util::read_file(*inside, cfg.limits.max_file_bytes) : util::ReadResult{};
  if (r.status == util::ReadResult::Status::Ok) {
    // One YAML parse serves the syntax check and the references.
    std::optional<frontmatter::Conversion> yaml;
    const std::string ext = content::data_file_extension(src.relative);
    if (ext == "yml" || ext == "yaml") {
      yaml = frontmatter::yaml_to_json(r.bytes, {}, true);
    }
    out.findings = content::check_data_file(src.relative, r.bytes, yaml ? &*yaml : nullptr);
    out.references = data_references(src.relative, r.bytes, site_url, yaml ? &*yaml : nullptr);
    if (visit && !out.references.empty()) {
      Document doc; // what the checks of shared markup read: the file's name, its references
      doc.path = src.relative;
      doc.parsed = true;
      visit(doc, src, out);
    }
    return out;
  }
  Finding f = rules::make_finding(r.status == util::ReadResult::Status::TooLarge
                                      ? rules::frontmatter_limit
                                      : rules::frontmatter_unreadable);
  f.file = src.relative;
  f.message = r.status == util::ReadResult::Status::TooLarge
                  ? "the data file is larger than " + std::to_string(cfg.limits.max_file_bytes) +
                        " bytes: not read"
              : inside ? "not read: " + r.error
                       : std::string("not read: the file ") + util::k_missing_or_outside;
  out.findings.push_back(std::move(f));
  out.unparseable = true;
  return out;
}

enum class BodyFormat { None, Markdown, Html };

// How Jekyll renders the file: Markdown by `markdown_ext`, HTML by .html/.htm; nothing else is
// read for links (a .xml feed, a .scss sheet).
BodyFormat body_format(std::string_view path, const std::vector<std::string>& markdown_ext) {
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) {
    return BodyFormat::None;
  }
  std::string ext(path.substr(dot));
  for (char& c : ext)
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (ext == ".html" || ext == ".htm")
    return BodyFormat::Html;
  for (const auto& md : markdown_ext) {
    if (ext == md)
      return BodyFormat::Markdown;
  }
  return BodyFormat::None;
}

void scan_body(const Document& doc, BodyFormat format, DocumentScan& out) {
  if (format == BodyFormat::None)
    return;
  out.body = format == BodyFormat::Markdown ? body::scan_markdown(doc.bytes, doc.body_offset)
                                            : body::scan_html(doc.bytes, doc.body_offset);
  out.body_read = true;
  for (auto& ref : out.body.references) {
    ref.file = doc.path;
  }
  if (out.references.empty()) { // the usual case: no image or URL in the front matter
    out.references.swap(out.body.references);
  } else {
    out.references.reserve(out.references.size() + out.body.references.size());
    std::move(out.body.references.begin(), out.body.references.end(),
              std::back_inserter(out.references));
  }
  std::vector<refs::Reference>().swap(out.body.references);
}

DocumentScan scan_one(const SourceFile& src, const config::Config& cfg,
                      const site::SiteConfig* site, const ScanVisitor& visit) {
  static const std::vector<std::string> k_no_markdown;
  const std::vector<std::string>& markdown_ext = site ? site->markdown_ext : k_no_markdown;
  if (src.data) {
    return scan_data_file(src, cfg, site ? std::string_view(site->url) : std::string_view(), visit);
  }
  DocumentScan out;
  Document doc = load_source(src, cfg, out.findings);
  out.unparseable = unparseable(doc, out.findings);
  if (doc.parsed) {
    out.references = refs::front_matter_references(doc, cfg.image_fields);
    if (src.jekyll) { // a file Jekyll renders; a file only a glob names has no body to follow
      scan_body(doc, body_format(src.relative, markdown_ext), out);
    }
    if (visit) {
      visit(doc, src, out);
    }
    out.body = body::BodyScan{};
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
  const site::SiteConfig* jekyll_config =
      selection.discovery ? &selection.discovery->inventory.config : nullptr;
  std::vector<DocumentScan> scans(files.size());
  util::PhaseTimer phase;
  util::parallel_for(files.size(), jobs,
                     [&](size_t i) { scans[i] = scan_one(files[i], cfg, jekyll_config, visit); });
  phase.mark("documents: read and checked");
  ScannedSite site;
  size_t findings = 0, records = 0, references = 0;
  for (const auto& s : scans) {
    findings += s.findings.size();
    records += std::count_if(s.records.begin(), s.records.end(),
                             [](const Record& r) { return !r.file.empty(); });
    references += s.references.size();
  }
  // Reserved and freed as it goes, so that the merge never holds a site's worth twice.
  std::vector<std::string_view> site_facts; // kinds of the file-less records kept so far
  site.findings.reserve(findings);
  site.records.reserve(records + 8); // + the site facts, a few kinds at most
  site.references.reserve(references);
  for (size_t i = 0; i < files.size(); ++i) {
    DocumentScan& s = scans[i];
    append(site.findings, s.findings);
    for (auto& r : s.records) {
      // A record without a file is a fact about the site: kept once, however many say it.
      if (r.file.empty() && r.key.empty() && r.value.empty()) {
        if (std::find(site_facts.begin(), site_facts.end(), r.kind) != site_facts.end()) {
          continue;
        }
        site_facts.push_back(r.kind);
      }
      site.records.push_back(std::move(r));
    }
    append(site.references, s.references);
    if (selection.is_reported(files[i].relative)) {
      site.documents.push_back(
          {files[i].relative, files[i].collection ? files[i].collection->name : "", s.unparseable});
    }
    s = DocumentScan{};
  }
  phase.mark("documents: merged");
  return site;
}

} // namespace verity::engine
