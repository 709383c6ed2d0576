#include "engine/layout_anchors.hpp"

#include "body/body_scan.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"

namespace verity::engine {
namespace fs = std::filesystem;

namespace {
constexpr std::size_t k_max_files = 10000;

bool is_html(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext)
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext == ".html" || ext == ".htm";
}
} // namespace

std::unordered_set<std::string> layout_anchors(const fs::path& root, const fs::path& real_root,
                                               std::uint64_t max_file_bytes) {
  std::unordered_set<std::string> ids;
  std::size_t files = 0;
  for (const char* folder : {"_layouts", "_includes"}) {
    std::error_code ec;
    fs::path dir = root / folder;
    if (!fs::is_directory(fs::symlink_status(dir, ec)))
      continue;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (++files > k_max_files)
        return ids;
      if (!it->is_regular_file(ec) || !is_html(it->path()))
        continue;
      auto inside = util::resolve_inside(root, real_root, it->path());
      if (!inside)
        continue;
      util::ReadResult r = util::read_file(*inside, max_file_bytes);
      if (r.status != util::ReadResult::Status::Ok)
        continue;
      for (auto& a : body::scan_html(r.bytes, 0).anchors)
        ids.insert(std::move(a.id));
    }
  }
  return ids;
}

} // namespace verity::engine
