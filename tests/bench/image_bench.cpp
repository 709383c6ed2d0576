// Local image probing speed: for every file of a directory, the median time of probe_image over a
// FileSource (open + pread + parse, warm page cache), and the bytes each probe read.
// Usage: verity_image_bench DIR [repeats]
#include "media/file_source.hpp"
#include "media/image_probe.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

using namespace verity::media;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: verity_image_bench DIR [repeats]\n");
    return 2;
  }
  int repeats = argc > 2 ? std::atoi(argv[2]) : 200;
  std::vector<double> medians;
  std::vector<std::uint64_t> bytes;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    auto ext = e.path().extension().string();
    if (ext == ".tsv" || ext == ".txt" || ext == ".ppm") {
      continue;
    }
    std::vector<double> times;
    ProbeResult r;
    for (int i = 0; i < repeats; ++i) {
      auto start = std::chrono::steady_clock::now();
      FileSource src(e.path());
      r = probe_image(src);
      times.push_back(
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
              .count());
    }
    std::sort(times.begin(), times.end());
    medians.push_back(times[times.size() / 2]);
    bytes.push_back(r.bytes_read);
    std::printf("%-36s %-5s %5ux%-5u %8.2f us %8llu bytes read\n", e.path().filename().c_str(),
                std::string(to_string(r.format)).c_str(), r.width, r.height,
                times[times.size() / 2], static_cast<unsigned long long>(r.bytes_read));
  }
  std::sort(medians.begin(), medians.end());
  std::sort(bytes.begin(), bytes.end());
  std::printf("files: %zu; median of per-file medians: %.2f us; slowest: %.2f us; median bytes "
              "read: %llu\n",
              medians.size(), medians[medians.size() / 2], medians.back(),
              static_cast<unsigned long long>(bytes[bytes.size() / 2]));
  return 0;
}
