#include "media/file_source.hpp"
#include "media/image_probe.hpp"
#include "media/local_images.hpp"
#include "media/range_source.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

using namespace verity::media;
using verity::test::png_header;

namespace {

ProbeResult probe(const std::string& bytes, std::uint64_t cap = 256 * 1024) {
  MemorySource src(bytes);
  return probe_image(src, {cap});
}

std::string le16(unsigned v) {
  return {char(v & 255), char(v >> 8)};
}
std::string le32(std::uint32_t v) {
  return le16(v & 0xFFFF) + le16(v >> 16);
}
std::string be16(unsigned v) {
  return {char(v >> 8), char(v & 255)};
}

std::string jpeg_segment(unsigned char marker, const std::string& payload) {
  return std::string("\xFF", 1) + char(marker) + be16(static_cast<unsigned>(payload.size() + 2)) +
         payload;
}

std::string sof(unsigned char marker, unsigned w, unsigned h) {
  return jpeg_segment(marker, std::string("\x08", 1) + be16(h) + be16(w) +
                                  std::string("\x03\x01\x22\x00", 4));
}

const std::string k_soi("\xFF\xD8", 2);

} // namespace

TEST(ImageProbe, Png) {
  auto r = probe(png_header(123, 456));
  ASSERT_EQ(r.status, ProbeStatus::Ok);
  EXPECT_EQ(r.format, ImageFormat::Png);
  EXPECT_EQ(r.width, 123u);
  EXPECT_EQ(r.height, 456u);
  EXPECT_EQ(probe(png_header(123, 456).substr(0, 20)).status, ProbeStatus::Corrupt);
}

TEST(ImageProbe, Gif) {
  auto r = probe("GIF89a" + le16(123) + le16(456) + std::string(10, '\0'));
  ASSERT_EQ(r.status, ProbeStatus::Ok);
  EXPECT_EQ(r.width, 123u);
  EXPECT_EQ(r.height, 456u);
}

TEST(ImageProbe, BmpWindowsTopDownAndOs2) {
  std::string head = "BM" + le32(0) + le32(0) + le32(54);
  auto r = probe(head + le32(40) + le32(123) + le32(static_cast<std::uint32_t>(-456)) +
                 std::string(30, '\0'));
  ASSERT_EQ(r.status, ProbeStatus::Ok);
  EXPECT_EQ(r.height, 456u);
  auto os2 = probe(head + le32(12) + le16(123) + le16(456) + std::string(8, '\0'));
  ASSERT_EQ(os2.status, ProbeStatus::Ok);
  EXPECT_EQ(os2.width, 123u);
}

TEST(ImageProbe, WebpVp8Vp8lVp8x) {
  auto riff = [](const std::string& chunk) { return "RIFF" + le32(100) + "WEBP" + chunk; };
  auto vp8 = probe(riff("VP8 " + le32(50) + std::string("\x00\x00\x00\x9D\x01\x2A", 6) +
                        le16(123 | 0x4000) + le16(456)));
  ASSERT_EQ(vp8.status, ProbeStatus::Ok);
  EXPECT_EQ(vp8.width, 123u); // scale bits masked
  EXPECT_EQ(vp8.height, 456u);
  std::uint32_t bits = (123 - 1) | ((456 - 1) << 14);
  auto vp8l = probe(riff("VP8L" + le32(50) + "\x2F" + le32(bits)));
  ASSERT_EQ(vp8l.status, ProbeStatus::Ok);
  EXPECT_EQ(vp8l.width, 123u);
  EXPECT_EQ(vp8l.height, 456u);
  auto vp8x = probe(riff("VP8X" + le32(10) + std::string(4, '\x02') +
                         std::string("\x7A\x00\x00\xC7\x01\x00", 6)));
  ASSERT_EQ(vp8x.status, ProbeStatus::Ok);
  EXPECT_EQ(vp8x.width, 123u);
  EXPECT_EQ(vp8x.height, 456u);
}

TEST(ImageProbe, JpegWalksSegmentsAndIgnoresTheExifThumbnail) {
  // APP1 carries a thumbnail with its own SOF0 (40x40); the real SOF2 comes after it.
  std::string thumb = k_soi + sof(0xC0, 40, 40) + "\xFF\xD9";
  std::string jpeg = k_soi + jpeg_segment(0xE0, "JFIF") + jpeg_segment(0xE1, "Exif\0\0" + thumb) +
                     sof(0xC2, 123, 456) + jpeg_segment(0xDA, "xx");
  auto r = probe(jpeg);
  ASSERT_EQ(r.status, ProbeStatus::Ok);
  EXPECT_EQ(r.width, 123u);
  EXPECT_EQ(r.height, 456u);
}

TEST(ImageProbe, JpegToleratesFillBytesGarbageAndSofFirst) {
  EXPECT_EQ(probe(k_soi + "\xFF\xFF\xFF" + sof(0xC0, 7, 9)).width, 7u);
  auto garbage = probe(k_soi + jpeg_segment(0xE0, "JFIF") + "garbage" + sof(0xC1, 7, 9));
  ASSERT_EQ(garbage.status, ProbeStatus::Ok);
  EXPECT_EQ(garbage.height, 9u);
  EXPECT_EQ(probe(k_soi + sof(0xCA, 5, 6)).status, ProbeStatus::Ok);          // SOF10, arithmetic
  EXPECT_EQ(probe(k_soi + sof(0xC0, 5, 0)).status, ProbeStatus::UnknownSize); // DNL
}

TEST(ImageProbe, JpegWithHugeAppSegmentReadsAcrossTheFirstWindow) {
  std::string big(65000, 'x');
  std::string jpeg = k_soi + jpeg_segment(0xE1, big) + jpeg_segment(0xE2, big) + sof(0xC0, 11, 22);
  auto r = probe(jpeg);
  ASSERT_EQ(r.status, ProbeStatus::Ok);
  EXPECT_EQ(r.width, 11u);
  EXPECT_EQ(probe(jpeg, 64 * 1024).status, ProbeStatus::Corrupt); // past the cap: no answer
}

TEST(ImageProbe, EveryPrefixGivesTheAnswerOrNoAnswerNeverAWrongOne) {
  std::string jpeg =
      k_soi + jpeg_segment(0xE0, "JFIF") + sof(0xC0, 123, 456) + jpeg_segment(0xDA, "x");
  for (const std::string& img : {png_header(123, 456), jpeg}) {
    size_t answered = 0;
    for (size_t n = 0; n <= img.size(); ++n) {
      auto r = probe(img.substr(0, n));
      if (r.status == ProbeStatus::Ok) {
        EXPECT_EQ(r.width, 123u);
        EXPECT_EQ(r.height, 456u);
        ++answered;
      }
    }
    // The whole image answers (positive control), and a prefix too short for the size does not.
    EXPECT_EQ(probe(img).status, ProbeStatus::Ok);
    EXPECT_GE(answered, 1u);
    EXPECT_LT(answered, img.size());
  }
}

TEST(ImageProbe, NotAnImage) {
  EXPECT_EQ(probe("<html>").status, ProbeStatus::NotAnImage);
  EXPECT_EQ(probe("").status, ProbeStatus::NotAnImage);
}

TEST(LocalImagePath, RemapQueryAndPercentDecoding) {
  std::vector<verity::config::Remap> remap{{"https://site.example/blog", "/"}};
  EXPECT_EQ(local_image_path("/assets/a.png", remap), "/assets/a.png");
  EXPECT_EQ(local_image_path("https://site.example/blog/assets/a%20b.png?v=2", remap),
            "/assets/a b.png");
  EXPECT_EQ(local_image_path("https://site.example/blogger/a.png", remap), "");
  EXPECT_EQ(local_image_path("https://other.example/a.png", remap), "");
  EXPECT_EQ(local_image_path("//cdn.example/a.png", remap), "");
  EXPECT_EQ(local_image_path("relative.png", remap), "");
}

TEST(ImageProbe, AgreesWithImageMagickIdentify) {
  // By full path, as tests/images/make-image-set.sh does: another `convert` on PATH must not
  // stand in for ImageMagick.
  VERITY_NEED_OR_SKIP(std::filesystem::exists("/usr/bin/convert") &&
                          std::filesystem::exists("/usr/bin/identify"),
                      "ImageMagick (/usr/bin/convert, /usr/bin/identify)");
  verity::test::TempDir dir;
  size_t compared = 0;
  for (const char* ext : {"png", "jpg", "gif", "bmp", "webp"}) {
    auto file = dir.path() / (std::string("img.") + ext);
    // Debian's ImageMagick writes all five: a coder that fails is a failure, not a skip.
    auto made = verity::util::run_process(
        {"/usr/bin/convert", "-size", "123x45", "gradient:red-blue", file.string()}, dir.path());
    ASSERT_EQ(made.exit_code, 0) << ext << ": " << made.err;
    auto id = verity::util::run_process({"/usr/bin/identify", "-format", "%w %h", file.string()},
                                        dir.path());
    ASSERT_EQ(id.exit_code, 0) << ext << ": " << id.err;
    FileSource src(file);
    auto r = probe_image(src);
    ASSERT_EQ(r.status, ProbeStatus::Ok) << ext << ": " << r.reason;
    EXPECT_EQ(std::to_string(r.width) + " " + std::to_string(r.height), id.out) << ext;
    EXPECT_EQ(id.out, "123 45") << ext; // identify itself saw the size that was asked for
    ++compared;
  }
  EXPECT_EQ(compared, 5u);
}

namespace {

ProbeResult svg(const std::string& text) {
  MemorySource src(text);
  return probe_image(src);
}

} // namespace

TEST(SvgProbe, UnitsViewBoxAndRootOnly) {
  auto px = svg("<svg width=\"10px\" height='20' stroke-width=\"99\"><rect width=\"500\"/></svg>");
  ASSERT_EQ(px.status, ProbeStatus::Ok);
  EXPECT_EQ(px.format, ImageFormat::Svg);
  EXPECT_EQ(px.width, 10u);
  EXPECT_EQ(px.height, 20u);
  auto bom = svg("\xEF\xBB\xBF  <svg height=\"30\" viewBox=\"0 0 20, 10\"/>");
  ASSERT_EQ(bom.status, ProbeStatus::Ok);
  EXPECT_EQ(bom.width, 60u);
  auto mm = svg("<svg width=\"25.4mm\" height=\"1in\"/>");
  ASSERT_EQ(mm.status, ProbeStatus::Ok);
  EXPECT_EQ(mm.width, 96u);
  EXPECT_NE(mm.note.find("96 dpi"), std::string::npos);
  EXPECT_EQ(svg("<svg width=\"100%\" height=\"50%\" viewBox=\"0 0 10 10\"/>").status,
            ProbeStatus::UnknownSize);
  EXPECT_EQ(svg("<svg width=\"2em\" height=\"1em\"/>").status, ProbeStatus::UnknownSize);
  EXPECT_EQ(svg("<svg viewBox=\"0 0 10 10\"/>").status, ProbeStatus::UnknownSize);
  EXPECT_EQ(svg("<svg/>").status, ProbeStatus::UnknownSize);
  EXPECT_EQ(svg("<!DOCTYPE html><html><body><svg width=\"1\" height=\"1\"/></body></html>").status,
            ProbeStatus::NotAnImage);
  EXPECT_EQ(svg("<svg width=\"10\" height=\"20\"").status,
            ProbeStatus::Corrupt); // tag never closed
  EXPECT_EQ(svg(std::string("\x1f\x8b\x08\x00", 4)).status, ProbeStatus::Unsupported); // svgz
}

TEST(IcoProbe, LargestEntryWithZeroMeaning256) {
  std::string ico = std::string("\0\0\1\0", 4) + le16(2);
  ico += std::string("\x10\x10", 2) + std::string(14, '\0');
  ico += std::string("\0\0", 2) + std::string(14, '\0');
  auto r = probe(ico);
  ASSERT_EQ(r.status, ProbeStatus::Ok);
  EXPECT_EQ(r.width, 256u);
  EXPECT_EQ(r.format, ImageFormat::Ico);
}

TEST(TiffProbe, IfdAtTheEndAndLoopsBounded) {
  // Little-endian TIFF whose IFD sits after 100 KB of pixel data.
  std::string t = std::string("II*\0", 4) + le32(100008) + std::string(100000, '\0');
  t += le16(2);
  t += le16(256) + le16(3) + le32(1) + le16(123) + le16(0);
  t += le16(257) + le16(4) + le32(1) + le32(456);
  t += le32(0);
  auto r = probe(t);
  ASSERT_EQ(r.status, ProbeStatus::Ok);
  EXPECT_EQ(r.width, 123u);
  EXPECT_EQ(r.height, 456u);
  EXPECT_LT(r.bytes_read, 70000u);                     // the gap was not read
  std::string bad = std::string("II*\0", 4) + le32(4); // IFD inside the header
  EXPECT_EQ(probe(bad).status, ProbeStatus::Corrupt);
}

TEST(RangeSource, NeedMoreNamesTheMissingOffset) {
  std::string jpeg = k_soi + jpeg_segment(0xE1, std::string(10000, 'x')) + sof(0xC0, 11, 22);
  RangeSource src;
  src.add(0, std::vector<std::uint8_t>(jpeg.begin(), jpeg.begin() + 4096));
  auto r = probe_image(src);
  ASSERT_EQ(r.status, ProbeStatus::NeedMore);
  EXPECT_EQ(r.need_offset, 2u + 2 + 10002); // the next segment header, after the skipped APP1
  src.add(r.need_offset,
          std::vector<std::uint8_t>(jpeg.begin() + static_cast<long>(r.need_offset), jpeg.end()));
  r = probe_image(src);
  ASSERT_EQ(r.status, ProbeStatus::Ok);
  EXPECT_EQ(r.width, 11u);
}

TEST(FuzzRegressions, EveryFoundInputIsHandled) {
  // Inputs the fuzzers found (tests/fuzz/regressions/): each must give an answer, not a crash.
  size_t inputs = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(verity::test::source_dir() / "tests/fuzz/regressions")) {
    if (e.path().filename().string().rfind("image-", 0) != 0) {
      continue;
    }
    std::string bytes = verity::test::read_file(e.path());
    MemorySource src(bytes);
    auto r = probe_image(src);
    EXPECT_NE(r.status, ProbeStatus::Ok) << e.path();
    RangeSource partial;
    partial.add(0, std::vector<std::uint8_t>(bytes.begin(),
                                             bytes.begin() + static_cast<long>(bytes.size() / 2)));
    (void)probe_image(partial);
    ++inputs;
  }
  EXPECT_GE(inputs, 1u) << "no image-* input in tests/fuzz/regressions";
}
