// Fuzz target: the site model over a source tree the input describes (src/site/inventory,
// resolve, item_url): _config.yml, then one entry per line, materialized in a fresh folder:
//   "f PATH" a file without front matter, "d PATH" one with front matter (the rest of the line
//   after " | " is its YAML), "l PATH -> TARGET" a symlink (TARGET may leave the tree).
// Properties: build_site_model never throws; every item's source is a relative path inside the
// tree; every URL is absolute; every output stays inside the destination (no "..", no leading
// '/'); the entry budget holds, even through symlinks to "/" or "..".
#include "site/site_model.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

bool has_dot_dot(std::string_view path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    if (path.substr(start, end - start) == "..") {
      return true;
    }
    start = end + 1;
  }
  return false;
}

// A path the input names, kept inside the tree: relative, without "..", NUL or empty names.
bool usable(std::string_view path) {
  return !path.empty() && path.size() < 200 && path.front() != '/' && !has_dot_dot(path) &&
         path.find('\0') == std::string_view::npos && path.find("//") == std::string_view::npos;
}

void write(const fs::path& file, std::string_view text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  std::ofstream out(file, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void materialize(const fs::path& root, std::string_view text) {
  size_t split = text.find("\n===\n");
  write(root / "_config.yml", text.substr(0, std::min(split, size_t{4096})));
  if (split == std::string_view::npos) {
    return;
  }
  std::string_view rest = text.substr(split + 5);
  int entries = 0;
  while (!rest.empty() && entries++ < 64) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    if (line.size() < 3 || line[1] != ' ') {
      continue;
    }
    std::string_view body = line.substr(2);
    if (line[0] == 'l') {
      size_t arrow = body.find(" -> ");
      if (arrow == std::string_view::npos || !usable(body.substr(0, arrow))) {
        continue;
      }
      fs::path link = root / std::string(body.substr(0, arrow));
      std::error_code ec;
      fs::create_directories(link.parent_path(), ec);
      fs::create_symlink(std::string(body.substr(arrow + 4)), link, ec);
      continue;
    }
    size_t bar = body.find(" | ");
    std::string_view path = body.substr(0, bar);
    if (!usable(path)) {
      continue;
    }
    std::string yaml = bar == std::string_view::npos ? "" : std::string(body.substr(bar + 3));
    for (char& c : yaml) {
      c = c == ';' ? '\n' : c; // one line of input, several of YAML
    }
    write(root / std::string(path), line[0] == 'd' ? "---\n" + yaml + "\n---\nBody\n" : "text\n");
  }
}

fs::path make_tree() {
  std::string pattern = (fs::temp_directory_path() / "verity-fuzz-site-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::abort();
  }
  return pattern;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  if (size > 16384) {
    return 0;
  }
  std::string_view text(reinterpret_cast<const char*>(data), size);
  fs::path root = make_tree();
  materialize(root, text);
  verity::site::SiteOptions options;
  options.now = 1700000000;
  options.limits.max_entries = 2000;
  options.limits.max_depth = 16;
  verity::site::SiteModel model = verity::site::build_site_model(root, options);
  if (model.items.size() > options.limits.max_entries) {
    __builtin_trap(); // the entry budget bounds what one tree can list
  }
  for (const auto& item : model.items) {
    if (!usable(item.source)) {
      __builtin_trap(); // sources are relative paths inside the tree
    }
    if (!item.url.empty() && item.url.front() != '/') {
      __builtin_trap(); // Jekyll's URLs are absolute
    }
    if (!item.output.empty() && (item.output.front() == '/' || has_dot_dot(item.output))) {
      __builtin_trap(); // nothing is written outside the destination
    }
  }
  std::error_code ec;
  fs::remove_all(root, ec);
  return 0;
}
