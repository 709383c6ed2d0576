#include "infer/string_shape.hpp"

#include "schema/formats.hpp"
#include "util/jekyll_date.hpp"

namespace verity::infer {
namespace {

bool has_space(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
  }
  return false;
}

// Base64 (with `;` between parts, as legacy `secured` blobs have): long, only the base64
// alphabet, and either its padding or its `+`, or long mixed-case letters and digits without a
// `/`. A path's dots and a sentence's spaces are never in it.
bool looks_encoded(std::string_view s) {
  if (s.size() < 16) {
    return false;
  }
  bool upper = false, lower = false, digit = false, marks = false, slash = false;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '+' || c == '=' || c == ';') {
      marks = true;
    } else if (c == '/') {
      slash = true;
    } else {
      return false;
    }
  }
  return marks || (!slash && s.size() >= 24 && upper && lower && digit);
}

} // namespace

Shape shape_of(std::string_view text) {
  if (text.empty()) {
    return Shape::Empty;
  }
  if (schema::check_format("date-time", text)) {
    return Shape::DateTime;
  }
  if (schema::check_format("date", text)) {
    return Shape::Date;
  }
  if (schema::check_format("duration", text)) {
    // P5M is five months: among PT…M siblings, it is most likely PT5M with the T forgotten.
    size_t t = text.find('T');
    return t == 1 ? Shape::TimeDuration : Shape::DateDuration;
  }
  if (text.size() >= 16 && text[4] == '-' && text.find(':') != std::string_view::npos &&
      util::read_jekyll_date(text, util::DateQuoting::Quoted).status ==
          util::DateReading::Status::Date) {
    return Shape::JekyllDateTime;
  }
  if (looks_encoded(text)) {
    return Shape::Encoded;
  }
  if (schema::check_format("email", text)) {
    return Shape::Email;
  }
  if (schema::check_format("uri", text)) {
    return text.find("://") != std::string_view::npos ? Shape::Url : Shape::OtherUri;
  }
  if (!has_space(text) && schema::check_format("uri-reference", text)) {
    if (text[0] == '/' && (text.size() == 1 || text[1] != '/')) {
      return Shape::SitePath;
    }
    if (text.find('/') != std::string_view::npos && text.find(':') == std::string_view::npos &&
        text.substr(0, 2) != "//") {
      return Shape::RelativePath;
    }
  }
  return Shape::Text;
}

std::string_view describe(Shape shape) {
  switch (shape) {
  case Shape::Empty:
    return "empty";
  case Shape::DateTime:
    return "an RFC 3339 date-time (2020-05-19T15:00:00Z)";
  case Shape::JekyllDateTime:
    return "a date-time as Jekyll writes it (2020-05-19 15:00:00 +0200)";
  case Shape::Date:
    return "a date (YYYY-MM-DD)";
  case Shape::TimeDuration:
    return "an ISO 8601 duration in time units (PT…)";
  case Shape::DateDuration:
    return "an ISO 8601 duration in date units (P…Y/M/W/D: P5M is five months)";
  case Shape::Url:
    return "an absolute URL";
  case Shape::OtherUri:
    return "a URI without a host (mailto:, urn:, ...)";
  case Shape::Email:
    return "an e-mail address";
  case Shape::SitePath:
    return "a site path (/...)";
  case Shape::RelativePath:
    return "a relative path";
  case Shape::Encoded:
    return "encoded data (base64)";
  case Shape::Text:
    return "free text";
  }
  return "";
}

bool is_structured(Shape shape) {
  return shape != Shape::Text && shape != Shape::Empty;
}

} // namespace verity::infer
