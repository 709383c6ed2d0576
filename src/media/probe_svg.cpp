// SVG: the root element's width, height and viewBox, read from at most 64 KiB of text. A size is
// verifiable for px or unitless lengths, or a viewBox with one absolute length; absolute units are
// converted at 96 dpi; %, em, ex or no size at all mean the image has no intrinsic size. Only the
// root's attributes count (a child <rect width> is not the image's), and an HTML page that embeds
// an <svg> is not an SVG image.
#include "media/byte_reader.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace verity::media {
namespace {

constexpr size_t k_svg_cap = 64 * 1024;

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct Length {
  bool defined = false;  // a number with an absolute unit (or none)
  bool relative = false; // %, em, ex
  double px = 0;
  bool converted = false;
};

Length parse_length(const std::string& v) {
  Length l;
  const char* s = v.c_str();
  char* end = nullptr;
  double n = std::strtod(s, &end);
  if (end == s || !std::isfinite(n) || n < 0) {
    return l;
  }
  std::string unit(end);
  while (!unit.empty() && space(unit.back()))
    unit.pop_back();
  static const struct {
    const char* unit;
    double px;
  } k_units[] = {{"", 1},           {"px", 1},         {"in", 96}, {"cm", 96 / 2.54},
                 {"mm", 96 / 25.4}, {"pt", 96.0 / 72}, {"pc", 16}};
  for (const auto& u : k_units) {
    if (unit == u.unit) {
      l.defined = true;
      l.px = n * u.px;
      l.converted = u.px != 1;
      return l;
    }
  }
  l.relative = true; // %, em, ex, or anything else: no intrinsic size
  return l;
}

bool parse_viewbox(const std::string& v, double& w, double& h) {
  double n[4];
  const char* s = v.c_str();
  for (double& x : n) {
    while (*s && (space(*s) || *s == ','))
      ++s;
    char* end = nullptr;
    x = std::strtod(s, &end);
    if (end == s)
      return false;
    s = end;
  }
  w = n[2];
  h = n[3];
  return w > 0 && h > 0;
}

} // namespace

ProbeResult probe_svg(ByteReader& in) {
  std::vector<std::uint8_t> bytes = in.take(0, k_svg_cap);
  std::string text(bytes.begin(), bytes.end());
  size_t p = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  auto skip_space = [&] {
    while (p < text.size() && space(text[p]))
      ++p;
  };
  auto truncated = [&] {
    return probe_bad(ImageFormat::Svg,
                     in.need() ? "need more" : "SVG root element not found within 64 KiB");
  };
  // Prolog: XML declaration, processing instructions, comments, DOCTYPE (with an internal subset).
  while (true) {
    skip_space();
    if (text.compare(p, 2, "<?") == 0) {
      size_t e = text.find("?>", p);
      if (e == std::string::npos)
        return truncated();
      p = e + 2;
    } else if (text.compare(p, 4, "<!--") == 0) {
      size_t e = text.find("-->", p);
      if (e == std::string::npos)
        return truncated();
      p = e + 3;
    } else if (text.compare(p, 9, "<!DOCTYPE") == 0) {
      int depth = 0;
      size_t e = p;
      for (; e < text.size(); ++e) {
        if (text[e] == '[')
          ++depth;
        else if (text[e] == ']')
          --depth;
        else if (text[e] == '>' && depth <= 0)
          break;
      }
      if (e >= text.size())
        return truncated();
      p = e + 1;
    } else {
      break;
    }
  }
  if (p >= text.size() || text[p] != '<') {
    return in.need()
               ? truncated()
               : probe_bad(ImageFormat::Unknown, "not an image (text without an XML root element)",
                           ProbeStatus::NotAnImage);
  }
  size_t name_end = p + 1;
  while (name_end < text.size() && !space(text[name_end]) && text[name_end] != '>' &&
         text[name_end] != '/')
    ++name_end;
  std::string name = text.substr(p + 1, name_end - p - 1);
  std::string local = name.substr(name.find(':') == std::string::npos ? 0 : name.find(':') + 1);
  if (local != "svg") {
    return probe_bad(ImageFormat::Unknown,
                     "not an image: the root element is <" + name + ">, not <svg>",
                     ProbeStatus::NotAnImage);
  }
  // Attributes of the root start tag only.
  std::string width, height, viewbox;
  bool have_w = false, have_h = false, have_vb = false;
  p = name_end;
  while (true) {
    skip_space();
    if (p >= text.size())
      return truncated();
    if (text[p] == '>' || text[p] == '/')
      break;
    size_t a = p;
    while (p < text.size() && !space(text[p]) && text[p] != '=' && text[p] != '>')
      ++p;
    std::string attr = text.substr(a, p - a);
    skip_space();
    if (p >= text.size() || text[p] != '=')
      return probe_bad(ImageFormat::Svg, "malformed attribute in the <svg> tag");
    ++p;
    skip_space();
    if (p >= text.size() || (text[p] != '"' && text[p] != '\''))
      return truncated();
    char q = text[p++];
    size_t e = text.find(q, p);
    if (e == std::string::npos)
      return truncated();
    std::string value = text.substr(p, e - p);
    p = e + 1;
    if (attr == "width") {
      width = value;
      have_w = true;
    } else if (attr == "height") {
      height = value;
      have_h = true;
    } else if (attr == "viewBox") {
      viewbox = value;
      have_vb = true;
    }
  }
  Length w = have_w ? parse_length(width) : Length{};
  Length h = have_h ? parse_length(height) : Length{};
  double vw = 0, vh = 0;
  bool vb = have_vb && parse_viewbox(viewbox, vw, vh);
  double rw, rh;
  if (w.defined && h.defined) {
    rw = w.px;
    rh = h.px;
  } else if (w.defined && !have_h && vb) {
    rw = w.px;
    rh = w.px * vh / vw;
  } else if (h.defined && !have_w && vb) {
    rh = h.px;
    rw = h.px * vw / vh;
  } else {
    std::string why = (w.relative || h.relative)
                          ? "width/height are relative (" + width + " x " + height + ")"
                      : vb ? "only a viewBox, no width or height"
                           : "no width, height or viewBox";
    return probe_bad(ImageFormat::Svg, "SVG has no intrinsic size: " + why,
                     ProbeStatus::UnknownSize);
  }
  ProbeResult r = probe_ok(ImageFormat::Svg, static_cast<std::uint32_t>(std::lround(rw)),
                           static_cast<std::uint32_t>(std::lround(rh)));
  if (w.converted || h.converted) {
    r.note = "SVG size converted from " + (have_w ? width : std::string("(viewBox)")) + " x " +
             (have_h ? height : std::string("(viewBox)")) + " at 96 dpi";
  }
  return r;
}

} // namespace verity::media
