#include "media/image_verdict.hpp"

#include "rules/make_finding.hpp"

namespace verity::media {
namespace {

std::string size_text(std::uint32_t w, std::uint32_t h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

} // namespace

ImageRef image_ref(const refs::Reference& r) {
  ImageRef ref;
  ref.file = r.file;
  ref.pointer = r.element.pointer;
  ref.url_pointer = r.origin.pointer;
  ref.url = r.raw;
  ref.width = r.declared.width;
  ref.height = r.declared.height;
  ref.url_pos = r.origin.position;
  ref.width_pos = r.declared.width_origin.position;
  ref.height_pos = r.declared.height_origin.position;
  return ref;
}

void judge_image(const ImageRef& ref, const ProbeResult& r, Findings& out) {
  const std::string& url = ref.url;
  const std::string& url_ptr = ref.url_pointer;
  auto emit = [&](const rules::Rule& rule, const std::string& at, std::string message) -> Finding& {
    Position pos = at == url_ptr            ? ref.url_pos
                   : at.ends_with("/width") ? ref.width_pos
                                            : ref.height_pos;
    if (pos.line == 0)
      pos = ref.url_pos; // a body attribute without its own position
    Finding f = rules::make_finding(rule);
    f.file = ref.file;
    f.line = pos.line;
    f.column = pos.column;
    // A body image has no front-matter pointer (its url_pointer is "", never so in front matter).
    f.pointer = url_ptr.empty() ? std::string() : at;
    f.message = std::move(message);
    out.push_back(std::move(f));
    return out.back();
  };
  switch (r.status) {
  case ProbeStatus::NotAnImage:
    emit(rules::image_not_an_image, url_ptr, "image " + url + " is not an image: " + r.reason);
    return;
  case ProbeStatus::Unsupported:
    emit(rules::image_unsupported_format, url_ptr, "image " + url + ": " + r.reason);
    return;
  case ProbeStatus::Corrupt:
  case ProbeStatus::NeedMore:
    emit(rules::image_unreadable, url_ptr, "image " + url + " has no readable size: " + r.reason);
    return;
  case ProbeStatus::UnknownSize:
    emit(rules::image_unknown_size, url_ptr,
         "image " + url + " has no intrinsic size to compare: " + r.reason);
    return;
  case ProbeStatus::Ok:
    break;
  }
  const auto& w = ref.width;
  const auto& h = ref.height;
  const std::string& pointer = ref.pointer;
  auto matches = [&](std::uint32_t aw, std::uint32_t ah) {
    return (!w || *w == aw) && (!h || *h == ah);
  };
  std::string kind = std::string(to_string(r.format)) + (r.note.empty() ? "" : ", " + r.note);
  if (matches(r.display_width, r.display_height)) {
    return;
  }
  auto show = [](std::optional<std::int64_t> v) {
    return v ? std::to_string(*v) : std::string("?");
  };
  std::string declared_text = show(w) + "x" + show(h);
  bool rotated = r.display_width != r.width || r.display_height != r.height;
  if (rotated && matches(r.width, r.height)) {
    Finding& f = emit(rules::image_orientation, pointer + "/width",
                      "declared " + declared_text + " ignores the image's rotation: " + url +
                          " is stored as " + size_text(r.width, r.height) + " but shown as " +
                          size_text(r.display_width, r.display_height) + " (orientation " +
                          std::to_string(r.orientation) + ", " + kind + "): swap width and height");
    f.extra["actual"] = {{"width", r.display_width}, {"height", r.display_height}};
    return;
  }
  bool w_bad = w && *w != r.display_width;
  Finding& f = emit(rules::image_dimension_mismatch, pointer + (w_bad ? "/width" : "/height"),
                    "declared " + declared_text + " but " + url + " is " +
                        size_text(r.display_width, r.display_height) +
                        (rotated ? " as shown (stored " + size_text(r.width, r.height) +
                                       ", orientation " + std::to_string(r.orientation) + ")"
                                 : "") +
                        " (" + kind + "): fix width/height or the image");
  f.extra["declared"] = {{"width", w ? nlohmann::json(*w) : nlohmann::json()},
                         {"height", h ? nlohmann::json(*h) : nlohmann::json()}};
  f.extra["actual"] = {{"width", r.display_width}, {"height", r.display_height}};
}

} // namespace verity::media
