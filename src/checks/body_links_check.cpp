// Document check: a page's body links, as far as one page can tell. It keeps what the page writes
// and defines (its output file, its anchors) and each internal link it makes, for the corpus
// check internal-links; it reports at once what needs no other page: destinations that leave
// the site root, malformed destinations, and images without alt text.
#include "checks/internal_links.hpp"
#include "checks/registry.hpp"
#include "refs/site_path.hpp"
#include "rules/make_finding.hpp"

namespace verity::checks {
namespace {

Finding body_finding(const DocumentInput& in, const rules::Rule& rule, Position at,
                     std::string message) {
  Finding f = rules::make_finding(rule);
  f.file = in.doc.path;
  f.line = at.line;
  f.column = at.column;
  f.message = std::move(message);
  return f;
}

bool is_navigation(refs::ReferenceKind kind) {
  return kind == refs::ReferenceKind::Link || kind == refs::ReferenceKind::Anchor ||
         kind == refs::ReferenceKind::Script || kind == refs::ReferenceKind::Stylesheet;
}

// Schemes a link may use without naming a page: nothing to resolve.
bool is_unresolvable_scheme(std::string_view raw) {
  for (std::string_view scheme : {"javascript:", "data:", "mailto:", "tel:"}) {
    if (raw.size() >= scheme.size()) {
      bool same = true;
      for (std::size_t i = 0; i < scheme.size() && same; ++i) {
        same = (raw[i] | 0x20) == scheme[i] || raw[i] == scheme[i];
      }
      if (same)
        return true;
    }
  }
  return false;
}

bool has_liquid(std::string_view raw) {
  return raw.find("{{") != std::string_view::npos || raw.find("{%") != std::string_view::npos;
}

void keep_link(const DocumentInput& in, const RunContext& run, const refs::Reference& ref,
               Findings& out, Records& records) {
  std::string_view raw = ref.raw;
  if (raw.empty() || is_unresolvable_scheme(raw) || has_liquid(raw))
    return;
  // A <base href> moves every relative link of the page (its folder is the base).
  std::string_view base_url = in.body && !in.body->base_href.empty() && in.body->base_href[0] == '/'
                                  ? std::string_view(in.body->base_href)
                                  : in.url;
  refs::SitePath target = refs::resolve_site_path(raw, {base_url, in.doc.path, run.baseurl, true});
  switch (target.kind) {
  case refs::SitePath::Kind::External:
    return;                           // the network checks read it
  case refs::SitePath::Kind::Outside: // with `..` clamped, only a NUL byte gets here
    out.push_back(body_finding(in, rules::link_internal_missing, ref.origin.position,
                               "'" + ref.raw + "' is no path of the site (it holds a NUL byte)"));
    return;
  case refs::SitePath::Kind::None:
    if (target.fragment.size() <= 1 || in.output.empty())
      return; // "" or "#": nothing to find
    records.push_back({k_body_link_record, in.doc.path, std::string(in.output) + target.fragment,
                       ref.raw, ref.origin.position});
    return;
  case refs::SitePath::Kind::Local:
    records.push_back(
        {target.without_baseurl ? k_body_link_without_baseurl_record : k_body_link_record,
         in.doc.path, "/" + target.path + target.fragment, ref.raw, ref.origin.position});
    return;
  }
}

} // namespace

void body_links(const DocumentInput& in, const RunContext& run, Findings& out, Records& records) {
  if (!in.output.empty()) { // every page is a link target, Markdown or not (feed.xml, a .scss)
    records.push_back(
        {k_page_output_record, in.doc.path, std::string(in.output), std::string(in.url), {}});
  }
  if (!in.body)
    return;
  if (!in.output.empty()) {
    for (const auto& anchor : in.body->anchors) {
      records.push_back(
          {k_page_anchor_record, in.doc.path, std::string(in.output), anchor.id, anchor.position});
    }
  }
  for (const auto& bad : in.body->malformed) {
    std::string message =
        "the destination '" + bad.written + "' is not what kramdown makes a link of";
    if (!bad.suggestion.empty())
      message += ": write '" + bad.suggestion + "'";
    Finding f = body_finding(in, rules::link_malformed, bad.position, std::move(message));
    if (!bad.suggestion.empty())
      f.extra["suggestion"] = bad.suggestion;
    out.push_back(std::move(f));
  }
  for (const auto& ref : in.references) {
    if (ref.origin.source != refs::Origin::Source::Body)
      continue;
    if (is_navigation(ref.kind)) {
      keep_link(in, run, ref, out, records);
    } else if (ref.kind == refs::ReferenceKind::Image &&
               ref.attributes.count("from") == 0 && // a srcset candidate shares its <img>'s alt
               (!ref.alt || (ref.alt->empty() && !run.cfg.allow_empty_alt))) {
      Position at = ref.element.position.line > 0 ? ref.element.position : ref.origin.position;
      out.push_back(body_finding(in, rules::image_alt_missing, at,
                                 ref.alt ? "the image '" + ref.raw + "' has an empty alt text"
                                         : "the image '" + ref.raw + "' has no alt attribute"));
    }
  }
}

} // namespace verity::checks
