// Document check: a page's body links, as far as one page can tell. It keeps what the page writes
// and defines (its output file, its anchors) and each internal link it makes, for the corpus
// check internal-links; it reports at once what needs no other page: destinations that leave
// the site root, malformed destinations, and images without alt text.
#include "checks/body_liquid.hpp"
#include "checks/internal_links.hpp"
#include "checks/registry.hpp"
#include "checks/site_targets.hpp"
#include "refs/site_path.hpp"
#include "rules/make_finding.hpp"

namespace verity::checks {
namespace {

// A finding at a body position; `url` (the destination as written) goes to extra.url, as the
// corpus check's findings carry it, so every report names the target without parsing messages.
Finding body_finding(const DocumentInput& in, const rules::Rule& rule, Position at,
                     std::string message, const std::string& url = {}) {
  Finding f = rules::make_finding(rule);
  f.file = in.doc.path;
  f.line = at.line;
  f.column = at.column;
  f.message = std::move(message);
  if (!url.empty())
    f.extra["url"] = url;
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

// `mailto:` or `tel:` with nothing after it: HTMLProofer fails it, and so does every reader.
bool is_empty_address(std::string_view raw) {
  for (std::string_view scheme : {"mailto:", "tel:"}) {
    if (raw.size() == scheme.size() && is_unresolvable_scheme(raw) &&
        (raw[0] | 0x20) == scheme[0]) {
      return true;
    }
  }
  return false;
}

// A URL whose Liquid verity does not evaluate, for the site's unverifiable-links note.
void count_unverifiable(const DocumentInput& in, const refs::Reference& ref, Records& records) {
  records.push_back(
      {k_body_link_unverifiable_record, in.doc.path, {}, ref.raw, ref.origin.position});
}

void keep_link(const DocumentInput& in, const RunContext& run, const refs::Reference& ref,
               Findings& out, Records& records) {
  std::string url = ref.raw;
  if (has_liquid(url)) {
    body::LiquidUrl value = evaluate_body_url(in, run, url);
    if (value.status == body::LiquidUrl::Status::Unverifiable) {
      count_unverifiable(in, ref, records);
      return; // counted, never broken
    }
    if (value.status == body::LiquidUrl::Status::Broken) {
      out.push_back(
          body_finding(in, rules::link_liquid_broken, ref.origin.position, value.error, ref.raw));
      return;
    }
    url = std::move(value.url);
    if (url.find(k_liquid_marker) != std::string::npos) {
      records.push_back(
          {k_body_liquid_link_record, in.doc.path, url, ref.raw, ref.origin.position});
      return;
    }
  }
  if (is_empty_address(url)) {
    Finding f = body_finding(in, rules::link_malformed, ref.origin.position,
                             "'" + url +
                                 "' has no address: write the address after the colon, "
                                 "or drop the link",
                             url);
    out.push_back(std::move(f));
    return;
  }
  if (url.empty() || is_unresolvable_scheme(url))
    return;
  if (in.template_file && relative_to_page(url)) {
    // A different target on every page: checked per page using it (template-links).
    if (run.templates && run.templates->find(in.doc.path) != std::string_view::npos)
      records.push_back({k_template_link_record, in.doc.path, url, ref.raw, ref.origin.position});
    return;
  }

  // A <base href> moves every relative link of the page (its folder is the base).
  std::string_view base_url = in.body && !in.body->base_href.empty() && in.body->base_href[0] == '/'
                                  ? std::string_view(in.body->base_href)
                                  : in.url;
  refs::SitePath target = refs::resolve_site_path(url, {base_url, in.doc.path, run.baseurl, true});
  switch (target.kind) {
  case refs::SitePath::Kind::External:
    return;                           // the network checks read it
  case refs::SitePath::Kind::Outside: // with `..` clamped, only a NUL byte gets here
    out.push_back(body_finding(in, rules::link_internal_missing, ref.origin.position,
                               "'" + ref.raw + "' is no path of the site (it holds a NUL byte)",
                               ref.raw));
    return;
  case refs::SitePath::Kind::None:
    if (target.fragment.size() <= 1 || in.output.empty())
      return; // "" or "#": nothing to find
    records.push_back({k_body_link_record, in.doc.path, std::string(in.output) + target.fragment,
                       url, ref.origin.position});
    return;
  case refs::SitePath::Kind::Local:
    records.push_back(
        {target.without_baseurl ? k_body_link_without_baseurl_record : k_body_link_record,
         in.doc.path, "/" + target.path + (target.trailing_slash ? "/" : "") + target.fragment, url,
         ref.origin.position});
    return;
  }
}

// The layout a page renders with: its own `layout:`, else what `defaults:` give it ("" for none).
// A `layout: null` falls back to the defaults, as for a collection document.
std::string page_layout(const DocumentInput& in) {
  auto own = in.doc.data.find("layout");
  if (own != in.doc.data.end() && own->is_string())
    return own->get<std::string>();
  if (own != in.doc.data.end() && !own->is_null())
    return {};
  if (in.defaults) {
    auto given = in.defaults->values.find("layout");
    if (given != in.defaults->values.end() && given->is_string())
      return given->get<std::string>();
  }
  return {};
}

// Which templates the page renders with, for the template-links check.
void keep_page_templates(const DocumentInput& in, Records& records) {
  std::string uses = page_layout(in);
  if (uses == "none")
    uses.clear();
  if (in.body) {
    for (const std::string& name : in.body->includes) {
      uses += k_liquid_marker;
      uses += name;
    }
  }
  if (uses.empty())
    return;
  bool own_base = in.body && in.body->base_href.starts_with('/');
  records.push_back({k_page_templates_record,
                     in.doc.path,
                     own_base ? in.body->base_href : std::string(in.url),
                     std::move(uses),
                     {}});
}

} // namespace

void body_links(const DocumentInput& in, const RunContext& run, Findings& out, Records& records) {
  if (!in.output.empty()) { // every page is a link target, Markdown or not (feed.xml, a .scss)
    records.push_back(
        {k_page_output_record, in.doc.path, std::string(in.output), std::string(in.url), {}});
  }
  if (run.templates_link_relative && !in.template_file && !in.url.empty() &&
      is_html_output(in.output))
    keep_page_templates(in, records);
  if (!in.body)
    return;
  if (in.body->truncated) {
    out.push_back(body_finding(in, rules::frontmatter_limit, {1, 1},
                               "the body's HTML is too large, nests too deep or has too wide "
                               "a tag (over 4 MiB, 100,000 tags, 512 levels or 1,000 attributes "
                               "on one tag) to be read for links: none of its links or images "
                               "was checked"));
  }
  if (!in.output.empty()) {
    for (const auto& anchor : in.body->anchors) {
      records.push_back(
          {k_page_anchor_record, in.doc.path, std::string(in.output), anchor.id, anchor.position});
    }
  }
  for (const auto& e : in.body->liquid_errors)
    out.push_back(body_finding(in, rules::link_liquid_broken, e.position, e.message));
  for (const auto& bad : in.body->malformed) {
    std::string message =
        "the destination '" + bad.written + "' is not what kramdown makes a link of";
    if (!bad.suggestion.empty())
      message += ": write '" + bad.suggestion + "'";
    Finding f =
        body_finding(in, rules::link_malformed, bad.position, std::move(message), bad.written);
    if (!bad.suggestion.empty())
      f.extra["suggestion"] = bad.suggestion;
    out.push_back(std::move(f));
  }
  for (const auto& ref : in.references) {
    if (ref.origin.source != refs::Origin::Source::Body)
      continue;
    if (is_navigation(ref.kind)) {
      keep_link(in, run, ref, out, records);
      continue;
    }
    if (ref.kind == refs::ReferenceKind::Image && has_liquid(ref.raw)) {
      // The image itself is the local-images check's; a tag that stops the build is this one's.
      body::LiquidUrl value = evaluate_body_url(in, run, ref.raw);
      if (value.status == body::LiquidUrl::Status::Unverifiable)
        count_unverifiable(in, ref, records);
      if (value.status == body::LiquidUrl::Status::Broken)
        out.push_back(
            body_finding(in, rules::link_liquid_broken, ref.origin.position, value.error, ref.raw));
    }
    if (ref.kind == refs::ReferenceKind::Image &&
        ref.attributes.count("from") == 0 && // a srcset candidate shares its <img>'s alt
        (!ref.alt || (ref.alt->empty() && !run.cfg.allow_empty_alt))) {
      out.push_back(body_finding(in, rules::image_alt_missing, ref.origin.position,
                                 ref.alt ? "the image '" + ref.raw + "' has an empty alt text"
                                         : "the image '" + ref.raw + "' has no alt attribute",
                                 ref.raw));
    }
  }
}

} // namespace verity::checks
