#include "engine/load_source.hpp"

#include "frontmatter/loader.hpp"
#include "rules/make_finding.hpp"
#include "util/confine.hpp"

namespace verity::engine {

Document load_source(const SourceFile& src, const config::Config& cfg, Findings& findings) {
  // A document that is a symlink leaving the site is never opened: none of its bytes may reach a
  // report. A dangling link gets the same words, so nothing tells whether the target exists.
  // The walk that found it resolved it already: one realpath a document, not two (a readlink per
  // path component each, the largest share of a 20,000-page gate's system calls).
  auto inside = src.jekyll && !src.jekyll->real.empty()
                    ? std::optional<std::filesystem::path>(src.jekyll->real)
                    : util::resolve_inside(cfg.site_root, cfg.real_site_root, src.absolute);
  if (!inside) {
    Document doc;
    doc.path = src.relative;
    doc.absolute_path = src.absolute;
    doc.collection = src.collection ? src.collection->name : "";
    Finding f = rules::make_finding(rules::frontmatter_unreadable);
    f.file = src.relative;
    f.message = std::string("not read: the file ") + util::k_missing_or_outside +
                ": replace the link with the file, or remove it";
    findings.push_back(std::move(f));
    return doc;
  }
  frontmatter::LoadOptions load;
  load.limits = cfg.limits;
  load.front_matter_required = src.collection ? src.collection->front_matter_required : true;
  Document doc = frontmatter::load_document(*inside, src.relative, load, findings);
  doc.absolute_path = src.absolute;
  doc.collection = src.collection ? src.collection->name : "";
  return doc;
}

} // namespace verity::engine
