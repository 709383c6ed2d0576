// What a probe result means for an image object of a document ({url, width, height}): the
// declared size is compared with the displayed size (EXIF orientation and HEIF irot applied);
// matching only the stored size is an orientation warning. Shared by local and remote images.
#pragma once

#include "media/image_probe.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <string>

namespace verity::media {

// `pointer` is the image object's JSON Pointer; findings go at its url, width or height.
void judge_image(const Document& doc, const std::string& pointer, const std::string& url,
                 const ProbeResult& result, Findings& out);

} // namespace verity::media
