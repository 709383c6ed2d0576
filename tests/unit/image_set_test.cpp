// Every probe on a complete image set generated at test time (tests/images/make-image-set.sh):
// the expected sizes, agreement with ImageMagick's `identify`, and the remote protocol (probe the
// bytes fetched so far, fetch what NeedMore names, probe again) giving the same answer with few
// bytes.
#include "media/file_source.hpp"
#include "media/image_probe.hpp"
#include "media/range_source.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace verity::test {
namespace {

using namespace verity::media;

struct Expected {
  std::string file;
  std::uint32_t w, h, dw, dh;
};

class ImageSet : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    if (!fs::exists("/usr/bin/convert")) {
      return;
    }
    s_dir = new TempDir();
    auto r = util::run_process({"bash", (source_dir() / "tests/images/make-image-set.sh").string(),
                                s_dir->path().string()},
                               s_dir->path());
    if (r.exit_code != 0) {
      std::cerr << r.err;
      return;
    }
    std::istringstream in(read_file(s_dir->path() / "expected.tsv"));
    std::string line;
    while (std::getline(in, line)) {
      Expected e;
      std::istringstream f(line);
      f >> e.file >> e.w >> e.h >> e.dw >> e.dh;
      s_expected.push_back(e);
    }
  }
  static void TearDownTestSuite() {
    delete s_dir;
    s_dir = nullptr;
  }
  void SetUp() override {
    if (s_expected.empty()) {
      GTEST_SKIP()
          << "ImageMagick (/usr/bin/convert) is not installed: ci/install-deps installs it";
    }
  }
  static fs::path path(const Expected& e) { return s_dir->path() / e.file; }

  static TempDir* s_dir;
  static std::vector<Expected> s_expected;
};

TempDir* ImageSet::s_dir = nullptr;
std::vector<Expected> ImageSet::s_expected;

TEST_F(ImageSet, EveryProbeGivesTheExpectedStoredAndShownSize) {
  EXPECT_GE(s_expected.size(), 25u);
  for (const auto& e : s_expected) {
    FileSource src(path(e));
    ProbeResult r = probe_image(src);
    ASSERT_EQ(r.status, ProbeStatus::Ok) << e.file << ": " << r.reason;
    EXPECT_EQ(r.width, e.w) << e.file;
    EXPECT_EQ(r.height, e.h) << e.file;
    EXPECT_EQ(r.display_width, e.dw) << e.file;
    EXPECT_EQ(r.display_height, e.dh) << e.file;
  }
}

TEST_F(ImageSet, EveryRasterProbeAgreesWithImageMagickIdentify) {
  size_t compared = 0;
  for (const auto& e : s_expected) {
    if (e.file.ends_with(".svg") || e.file.ends_with(".ico")) {
      continue; // identify renders SVG at its own density, and lists every icon size
    }
    auto id = util::run_process({"identify", "-format", "%w %h\\n", path(e).string() + "[0]"},
                                s_dir->path());
    if (id.exit_code != 0 || id.out.empty()) {
      continue; // no delegate for this format in this ImageMagick build
    }
    FileSource src(path(e));
    ProbeResult r = probe_image(src);
    EXPECT_EQ(std::to_string(r.width) + " " + std::to_string(r.height) + "\n",
              id.out.substr(0, id.out.find('\n') + 1))
        << e.file;
    ++compared;
  }
  EXPECT_GE(compared, 20u);
}

TEST_F(ImageSet, FetchingOnlyWhatNeedMoreNamesGivesTheSameAnswerWithFewBytes) {
  std::vector<std::uint64_t> fetched;
  for (const auto& e : s_expected) {
    std::string bytes = read_file(path(e));
    RangeSource src;
    std::uint64_t total_fetched = 0;
    auto fetch = [&](std::uint64_t offset, std::uint64_t len) {
      if (offset >= bytes.size()) {
        src.set_total(bytes.size());
        return;
      }
      std::uint64_t n = std::min<std::uint64_t>(len, bytes.size() - offset);
      src.add(offset, std::vector<std::uint8_t>(bytes.begin() + static_cast<long>(offset),
                                                bytes.begin() + static_cast<long>(offset + n)));
      if (offset + n == bytes.size()) {
        src.set_total(bytes.size());
      }
      total_fetched += n;
    };
    fetch(0, 4096);
    ProbeResult r;
    for (int round = 0; round < 64; ++round) {
      r = probe_image(src);
      if (r.status != ProbeStatus::NeedMore) {
        break;
      }
      fetch(r.need_offset, 4096u << std::min(round, 6)); // grow the window geometrically
    }
    ASSERT_EQ(r.status, ProbeStatus::Ok) << e.file << ": " << r.reason;
    EXPECT_EQ(r.width, e.w) << e.file;
    EXPECT_EQ(r.height, e.h) << e.file;
    fetched.push_back(total_fetched);
  }
  std::sort(fetched.begin(), fetched.end());
  EXPECT_LE(fetched[fetched.size() / 2], 8192u) << "median bytes fetched per image";
}

TEST_F(ImageSet, EveryPrefixGivesTheFullAnswerOrNoAnswerNeverAWrongSize) {
  for (const auto& e : s_expected) {
    std::string bytes = read_file(path(e));
    size_t limit = std::min<size_t>(bytes.size(), 2048);
    for (size_t n = 0; n <= limit; n += (n < 256 ? 1 : 7)) {
      MemorySource src(std::string_view(bytes).substr(0, n));
      ProbeResult r = probe_image(src);
      if (r.status == ProbeStatus::Ok) {
        EXPECT_EQ(r.width, e.w) << e.file << " prefix " << n;
        EXPECT_EQ(r.height, e.h) << e.file << " prefix " << n;
      }
    }
  }
}

} // namespace
} // namespace verity::test
