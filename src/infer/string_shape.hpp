// What kind of text a front-matter string is, as an editor would tell them apart: a date, a
// duration, a URL, a path, free text. Siblings that agree on a shape make the one that does not
// an outlier ("2 hours" among ISO 8601 durations, a relative path among absolute URLs).
#pragma once

#include <cstddef>
#include <string_view>

namespace verity::infer {

enum class Shape {
  Empty,
  DateTime,       // RFC 3339 with a zone: 2020-05-19T15:00:00Z
  JekyllDateTime, // a date and time Jekyll reads that is not RFC 3339: 2024-09-19 21:34:22 +0530
  Date,           // 2020-05-19
  TimeDuration,   // ISO 8601 duration in time units only: PT13M57S
  DateDuration,   // ISO 8601 duration with date units: P3D, P1Y2M, P1DT2H
  Url,            // an absolute URI with an authority: https://example.org/a
  OtherUri,       // an absolute URI without one: mailto:a@b.example, urn:isbn:...
  Email,          // name@example.org
  SitePath,       // /assets/a.png
  RelativePath,   // assets/a.png, ../a.png
  Encoded,        // base64 and the like (a `secured` blob "<ciphertext>;<IV>"): not a path
  Text,           // anything else
};
inline constexpr size_t k_shape_count = static_cast<size_t>(Shape::Text) + 1;

Shape shape_of(std::string_view text);

// "an ISO 8601 duration in time units (PT…)", for messages.
std::string_view describe(Shape shape);

// True for the shapes whose siblings are expected to agree (not free text or empty).
bool is_structured(Shape shape);

} // namespace verity::infer
