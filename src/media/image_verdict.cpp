#include "media/image_verdict.hpp"

#include "rules/make_finding.hpp"

namespace verity::media {
namespace {

std::string size_text(std::uint32_t w, std::uint32_t h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

// The fix of a declared size: each declared side that differs from the shown size becomes it.
Fix size_fix(const ImageRef& ref, std::uint32_t width, std::uint32_t height, std::string what) {
  Fix fix;
  fix.description = std::move(what);
  auto side = [&](const std::optional<std::int64_t>& declared, std::uint32_t actual,
                  const char* name, Position pos, const std::optional<std::size_t>& offset) {
    if (!declared || *declared == actual)
      return;
    FixEdit e;
    e.mode = FixEdit::Mode::Replace;
    e.pointer = ref.url_pointer.empty() ? std::string() : ref.pointer + "/" + name;
    e.position = pos;
    if (offset) {
      e.has_offset = true;
      e.offset = *offset;
    }
    e.old_text = std::to_string(*declared);
    e.new_text = std::to_string(actual);
    fix.edits.push_back(std::move(e));
  };
  side(ref.width, width, "width", ref.width_pos, ref.width_offset);
  side(ref.height, height, "height", ref.height_pos, ref.height_offset);
  return fix;
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
  using Source = refs::Origin::Source;
  if (r.declared.width && r.declared.width_origin.source == Source::Body)
    ref.width_offset = r.declared.width_origin.offset;
  if (r.declared.height && r.declared.height_origin.source == Source::Body)
    ref.height_offset = r.declared.height_origin.offset;
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
    f.fix = size_fix(ref, r.display_width, r.display_height,
                     "swap width and height: " + declared_text + " -> " +
                         show(w ? std::optional<std::int64_t>(r.display_width) : w) + "x" +
                         show(h ? std::optional<std::int64_t>(r.display_height) : h));
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
  f.fix = size_fix(ref, r.display_width, r.display_height,
                   "declared size " + declared_text + " -> " +
                       show(w ? std::optional<std::int64_t>(r.display_width) : w) + "x" +
                       show(h ? std::optional<std::int64_t>(r.display_height) : h));
}

} // namespace verity::media
