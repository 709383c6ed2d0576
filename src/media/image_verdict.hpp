// What a probe result means for an image object of a document ({url, width, height}): the
// declared size is compared with the displayed size (EXIF orientation and HEIF irot applied);
// matching only the stored size is an orientation warning. Shared by local and remote images, so
// it works on a small extracted reference rather than the whole document.
#pragma once

#include "media/image_probe.hpp"
#include "refs/reference.hpp"
#include "verity/finding.hpp"

#include <optional>
#include <string>

namespace verity::media {

struct ImageRef {
  std::string file;
  std::string pointer;     // the image object (or an image field's string)
  std::string url_pointer; // its URL: pointer + "/url" or "/path", or the string itself
  std::string url;
  std::optional<std::int64_t> width, height;
  Position url_pos, width_pos, height_pos;
  // In a body, the byte offsets of the width and height attribute values (for their fix).
  std::optional<std::size_t> width_offset, height_offset;
};

// The verdict's view of an image reference (a front-matter image object).
ImageRef image_ref(const refs::Reference& ref);

void judge_image(const ImageRef& ref, const ProbeResult& result, Findings& out);

} // namespace verity::media
