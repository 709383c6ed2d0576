// Test support shared by unit and integration tests: temporary directories that are kept when a
// test fails, running the real verity binary, and crafting image bytes.
#pragma once

#include "util/subprocess.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace verity::test {

namespace fs = std::filesystem;

inline fs::path source_dir() {
  return VERITY_SOURCE_DIR;
}

// A fresh directory under the system temp dir; removed at the end unless the test failed.
class TempDir {
public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "verity-test-XXXXXX").string();
    m_path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    if (!::testing::Test::HasFailure()) {
      std::error_code ec;
      fs::remove_all(m_path, ec);
    } else {
      std::cerr << "kept test directory " << m_path << "\n";
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

private:
  fs::path m_path;
};

inline void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void put_be32(std::string& s, std::uint32_t v) {
  s += static_cast<char>(v >> 24);
  s += static_cast<char>(v >> 16);
  s += static_cast<char>(v >> 8);
  s += static_cast<char>(v);
}

inline std::string le16(unsigned v) {
  return {static_cast<char>(v & 255), static_cast<char>(v >> 8)};
}

// A little-endian TIFF of 30x10 stored pixels with EXIF orientation 6 (shown as 10x30).
inline std::string rotated_tiff() {
  std::string t = "II" + le16(42) + le16(8) + le16(0) + le16(3);
  for (unsigned tag_value : {256u << 16 | 30u, 257u << 16 | 10u, 274u << 16 | 6u}) {
    t += le16(tag_value >> 16) + le16(3) + le16(1) + le16(0) + le16(tag_value & 0xFFFF) + le16(0);
  }
  return t + le16(0) + le16(0);
}

// The first bytes of a PNG of the given size: signature and IHDR (enough for a header probe).
inline std::string png_header(std::uint32_t w, std::uint32_t h) {
  std::string s("\x89PNG\r\n\x1a\n", 8);
  put_be32(s, 13);
  s += "IHDR";
  put_be32(s, w);
  put_be32(s, h);
  s += std::string("\x08\x02\x00\x00\x00", 5);
  put_be32(s, 0); // CRC, not checked by a size probe
  return s;
}

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

// The binary under test, from VERITY_BIN (set by CTest). Never whatever `verity` is on PATH: an
// unset or wrong VERITY_BIN fails the test loudly instead of testing some other build.
inline std::string verity_binary() {
  const char* bin = std::getenv("VERITY_BIN");
  if (bin == nullptr || *bin == '\0') {
    ADD_FAILURE() << "VERITY_BIN is not set: run the tests through ctest, or set VERITY_BIN to the "
                     "verity binary under test (e.g. build/src/verity)";
    return "/nonexistent/VERITY_BIN-is-not-set";
  }
  if (::access(bin, X_OK) != 0) {
    ADD_FAILURE() << "VERITY_BIN=" << bin << " is not an executable file";
  }
  return bin;
}

inline RunResult run_verity(const std::vector<std::string>& args, const fs::path& cwd) {
  std::vector<std::string> argv{verity_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = util::run_process(argv, cwd);
  return {r.exit_code, r.out, r.err};
}

// The documents a JUnit report lists (a test case per checked document): file -> its suite
// (`verity.<collection>`, `verity.documents` outside every collection). {} when no report.
// The `verity/site` suite holds findings on files that are no document (templates, data,
// configuration) and site-wide ones: not documents, so not listed.
inline std::map<std::string, std::string> junit_documents(const fs::path& junit) {
  std::map<std::string, std::string> out;
  const std::string xml = fs::exists(junit) ? read_file(junit) : "";
  const std::string attr = "<testcase classname=";
  for (size_t at = xml.find(attr); at != std::string::npos; at = xml.find(attr, at + 1)) {
    size_t file = xml.find(" file=\"", at) + 7;
    size_t cls = at + attr.size() + 1;
    std::string suite = xml.substr(cls, xml.find('"', cls) - cls);
    if (suite != "verity/site") {
      out[xml.substr(file, xml.find('"', file) - file)] = suite;
    }
  }
  return out;
}

inline bool have_program(const std::string& name) {
  return util::run_process({"sh", "-c", "command -v " + name}, ".").exit_code == 0;
}

// True under ci/test (VERITY_REQUIRE_TOOLS=1): a tool that ci/install-deps provides must be there,
// so a test that would skip for want of it fails instead of silently losing its coverage.
inline bool tools_required() {
  const char* v = std::getenv("VERITY_REQUIRE_TOOLS");
  return v != nullptr && std::string_view(v) == "1";
}

} // namespace verity::test

// Skips the current test when `available` is false, or fails it under VERITY_REQUIRE_TOOLS=1.
// `what` names the tool and its Debian package. A macro, because GTEST_SKIP/GTEST_FAIL return
// from the test body. Only for what ci/install-deps installs: the ../shared corpus may still skip.
#define VERITY_NEED_OR_SKIP(available, what)                                                       \
  do {                                                                                             \
    if (!(available)) {                                                                            \
      if (::verity::test::tools_required()) {                                                      \
        GTEST_FAIL() << what << " is missing, and VERITY_REQUIRE_TOOLS=1 forbids skipping "        \
                     << "(ci/install-deps installs it)";                                           \
      } else {                                                                                     \
        GTEST_SKIP() << what << " is missing: skipped (ci/install-deps installs it)";              \
      }                                                                                            \
    }                                                                                              \
  } while (0)

// Skips (or, under ci/test, fails) when the program `name` is not on PATH.
#define REQUIRE_TOOL_OR_SKIP(name)                                                                 \
  VERITY_NEED_OR_SKIP(::verity::test::have_program(name), "the program `" << (name) << "`")
