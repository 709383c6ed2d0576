// Remote image probing over loopback: serves every file of DIR from a local server that honours
// Range (and, with --no-range, one that ignores it), probes them all with verity's remote path,
// and prints the bytes transferred per image and the wall time.
// Usage: verity_remote_image_bench DIR [--no-range]
#include "media/remote_images.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

namespace fs = std::filesystem;
using namespace verity;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: verity_remote_image_bench DIR [--no-range]\n");
    return 2;
  }
  bool ranges = !(argc > 2 && std::string(argv[2]) == "--no-range");
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    auto ext = e.path().extension().string();
    if (ext == ".tsv" || ext == ".txt" || ext == ".ppm")
      continue;
    std::ifstream in(e.path(), std::ios::binary);
    files["/" + e.path().filename().string()] = {std::istreambuf_iterator<char>(in), {}};
  }
  httplib::Server server;
  server.Get(R"(/.+)", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string& body = files[req.path];
    if (ranges) {
      res.set_content(body, "application/octet-stream");
      return;
    }
    res.set_chunked_content_provider(
        "application/octet-stream", [&body](size_t offset, httplib::DataSink& sink) {
          if (offset >= body.size()) {
            sink.done();
            return true;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
          return sink.write(body.data() + offset, std::min<size_t>(4096, body.size() - offset));
        });
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread t([&] { server.listen_after_bind(); });
  while (!server.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::vector<std::string> urls;
  for (const auto& [path, body] : files)
    urls.push_back("http://127.0.0.1:" + std::to_string(port) + path);
  media::RemoteImageOptions options;
  options.fetch.guard = net::AddressGuard(false, {"127.0.0.1"});
  auto start = std::chrono::steady_clock::now();
  auto probes = media::probe_remote_images(urls, options);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<std::uint64_t> bytes;
  int ok = 0;
  for (const auto& p : probes) {
    bytes.push_back(p.bytes_transferred);
    ok += p.result.status == media::ProbeStatus::Ok;
  }
  std::sort(bytes.begin(), bytes.end());
  std::uint64_t total = 0;
  for (auto b : bytes)
    total += b;
  std::printf(
      "%s: %d/%zu images sized; bytes per image: median %llu, max %llu, total %llu of %zu served; "
      "%.2f s\n",
      ranges ? "server honours Range" : "server ignores Range", ok, probes.size(),
      static_cast<unsigned long long>(bytes[bytes.size() / 2]),
      static_cast<unsigned long long>(bytes.back()), static_cast<unsigned long long>(total),
      [&] {
        size_t s = 0;
        for (auto& [p, b] : files)
          s += b.size();
        return s;
      }(),
      secs);
  server.stop();
  t.join();
  return 0;
}
