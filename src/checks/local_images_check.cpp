// Document check: the size of every local image the document cites (media/local_images.hpp). A
// body image whose URL is Liquid (`{{ site.baseurl }}/assets/a.png`, `{{ '/a.png' | relative_url
// }}`) is judged by the URL Jekyll writes; one whose Liquid verity cannot evaluate is left alone
// (body-links reports a tag that stops the build).
#include "checks/body_liquid.hpp"
#include "checks/internal_links.hpp"
#include "checks/registry.hpp"
#include "media/local_images.hpp"

namespace verity::checks {
namespace {

// The URL Jekyll writes for `raw`, with {% link path %} as the static file's own path; nullopt
// when verity cannot know it.
std::optional<std::string> written_url(const DocumentInput& in, const RunContext& run,
                                       const std::string& raw) {
  body::LiquidUrl value = evaluate_body_url(in, run, raw);
  if (value.status != body::LiquidUrl::Status::Literal &&
      value.status != body::LiquidUrl::Status::Evaluated)
    return std::nullopt;
  std::string url;
  std::string_view rest = value.url;
  while (!rest.empty()) {
    auto open = rest.find(k_liquid_marker);
    if (open == std::string_view::npos) {
      url.append(rest);
      break;
    }
    auto close = rest.find(k_liquid_marker, open + 1);
    std::string_view marker =
        close == std::string_view::npos ? "" : rest.substr(open + 1, close - open - 1);
    if (!marker.starts_with("link:"))
      return std::nullopt; // {% post_url %} names a post, not an image
    url.append(rest.substr(0, open));
    if (!url.empty() && url.back() == '/')
      url.pop_back();
    std::string_view path = marker.substr(5);
    while (path.starts_with('/'))
      path.remove_prefix(1);
    url += '/';
    url.append(path); // a static file is served at its own path
    rest.remove_prefix(close + 1);
  }
  return url;
}

} // namespace

void local_images(const DocumentInput& in, const RunContext& run, Findings& out, Records& records) {
  media::SiteLocation where{in.url, in.doc.path, run.baseurl};
  bool any_liquid = false;
  for (const auto& ref : in.references)
    any_liquid = any_liquid || (ref.origin.source == refs::Origin::Source::Body &&
                                ref.kind == refs::ReferenceKind::Image && has_liquid(ref.raw));
  if (!any_liquid && !in.template_file) {
    media::check_local_images(in.doc, in.references, run.cfg, where, run.probes, out);
    return;
  }
  std::vector<refs::Reference> evaluated;
  evaluated.reserve(in.references.size());
  for (const auto& ref : in.references) {
    if (ref.origin.source != refs::Origin::Source::Body) {
      evaluated.push_back(ref);
      continue;
    }
    std::optional<std::string> url = has_liquid(ref.raw) ? written_url(in, run, ref.raw) : ref.raw;
    if (!url)
      continue;
    if (in.template_file && relative_to_page(*url)) {
      // A different file on every page: checked per page using it (template-links).
      if (ref.kind == refs::ReferenceKind::Image && run.templates &&
          run.templates->find(in.doc.path) != std::string_view::npos)
        records.push_back(
            {k_template_image_record, in.doc.path, *url, ref.raw, ref.origin.position});
      continue;
    }
    evaluated.push_back(ref);
    evaluated.back().raw = std::move(*url);
  }
  media::check_local_images(in.doc, evaluated, run.cfg, where, run.probes, out);
}

} // namespace verity::checks
