// Every probe on a complete image set generated at test time (tests/images/make-image-set.sh):
// the expected sizes, agreement with ImageMagick's `identify`, and the remote protocol (probe the
// bytes fetched so far, fetch what NeedMore names, probe again) giving the same answer with few
// bytes.
#include "media/file_source.hpp"
#include "media/image_probe.hpp"
#include "media/range_source.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

namespace verity::test {
namespace {

using namespace verity::media;

struct Expected {
  std::string file;
  std::uint32_t w, h, dw, dh;
};

// The number of files make-image-set.sh writes: a format that silently dropped out of the set
// would otherwise take its coverage with it.
constexpr size_t k_set_size = 31;

// The set is built once per ctest run by the fixture `image_set` (tests/CMakeLists.txt), which
// passes its directory in VERITY_IMAGE_SET. Run by hand without it, the suite builds its own copy.
class ImageSet : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    const char* env = std::getenv("VERITY_IMAGE_SET");
    if (env != nullptr && *env != '\0') {
      s_root = env;
    } else {
      s_own = new TempDir();
      s_root = s_own->path() / "images";
      auto r = util::run_process(
          {"bash", (source_dir() / "tests/images/make-image-set.sh").string(), s_root.string()},
          s_own->path());
      if (r.exit_code != 0) {
        s_error = "tests/images/make-image-set.sh failed:\n" + r.err;
        return;
      }
    }
    std::istringstream in(read_file(s_root / "expected.tsv"));
    std::string line;
    while (std::getline(in, line)) {
      Expected e;
      std::istringstream f(line);
      f >> e.file >> e.w >> e.h >> e.dw >> e.dh;
      s_expected.push_back(e);
    }
    if (s_expected.empty()) {
      s_error = "no images listed in " + (s_root / "expected.tsv").string();
    }
  }
  static void TearDownTestSuite() {
    delete s_own;
    s_own = nullptr;
    s_expected.clear();
  }
  void SetUp() override {
    // Never a skip: the set's tools are installed by ci/install-deps, and the script fails loudly
    // when one is missing.
    ASSERT_TRUE(s_error.empty()) << s_error;
    ASSERT_EQ(s_expected.size(), k_set_size) << "images listed in " << s_root / "expected.tsv";
  }
  static fs::path path(const Expected& e) { return s_root / e.file; }

  static TempDir* s_own;
  static fs::path s_root;
  static std::string s_error;
  static std::vector<Expected> s_expected;
};

TempDir* ImageSet::s_own = nullptr;
fs::path ImageSet::s_root;
std::string ImageSet::s_error;
std::vector<Expected> ImageSet::s_expected;

TEST_F(ImageSet, EveryProbeGivesTheExpectedStoredAndShownSize) {
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
  size_t compared = 0, not_compared = 0;
  for (const auto& e : s_expected) {
    if (e.file.ends_with(".svg") || e.file.ends_with(".ico")) {
      ++not_compared; // identify renders SVG at its own density, and lists every icon size
      continue;
    }
    // Every raster format of the set was written by ImageMagick or read back by it: an identify
    // that cannot read one is a failure, never a silent skip.
    auto id = util::run_process(
        {"/usr/bin/identify", "-format", "%w %h\\n", path(e).string() + "[0]"}, s_root);
    ASSERT_EQ(id.exit_code, 0) << e.file << ": " << id.err;
    ASSERT_FALSE(id.out.empty()) << e.file;
    FileSource src(path(e));
    ProbeResult r = probe_image(src);
    EXPECT_EQ(std::to_string(r.width) + " " + std::to_string(r.height) + "\n",
              id.out.substr(0, id.out.find('\n') + 1))
        << e.file;
    ++compared;
  }
  EXPECT_EQ(not_compared, 4u); // three SVGs and one ICO
  EXPECT_EQ(compared, k_set_size - 4);
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
  ASSERT_EQ(fetched.size(), k_set_size);
  std::sort(fetched.begin(), fetched.end());
  EXPECT_LE(fetched[fetched.size() / 2], 8192u) << "median bytes fetched per image";
}

TEST_F(ImageSet, EveryPrefixGivesTheFullAnswerOrNoAnswerNeverAWrongSize) {
  size_t answered = 0, unanswered = 0, whole_files = 0;
  for (const auto& e : s_expected) {
    std::string bytes = read_file(path(e));
    ASSERT_FALSE(bytes.empty()) << e.file;
    size_t limit = std::min<size_t>(bytes.size(), 2048);
    for (size_t n = 0; n <= limit; n += (n < 256 ? 1 : 7)) {
      MemorySource src(std::string_view(bytes).substr(0, n));
      ProbeResult r = probe_image(src);
      if (r.status == ProbeStatus::Ok) {
        EXPECT_EQ(r.width, e.w) << e.file << " prefix " << n;
        EXPECT_EQ(r.height, e.h) << e.file << " prefix " << n;
        ++answered;
      } else {
        ++unanswered;
      }
    }
    // Positive control: the whole file (or its first 2 KiB when the header fits in them) does
    // give the answer, so the loop above is not only ever comparing nothing.
    MemorySource whole(bytes);
    EXPECT_EQ(probe_image(whole).status, ProbeStatus::Ok) << e.file;
    ++whole_files;
  }
  EXPECT_EQ(whole_files, k_set_size);
  EXPECT_GT(answered, k_set_size);   // most formats answer within 2 KiB
  EXPECT_GT(unanswered, k_set_size); // and no format answers from its first byte
}

} // namespace
} // namespace verity::test
