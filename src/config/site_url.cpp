#include "config/site_url.hpp"

#include "config/sourced_file.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"

#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

namespace verity::config {
namespace fs = std::filesystem;

std::string strip_trailing_slash(std::string s) {
  while (s.size() > 1 && s.back() == '/') {
    s.pop_back();
  }
  return s;
}

std::string jekyll_site_url(const fs::path& site_root, const fs::path& real_root) {
  fs::path path = site_root / "_config.yml";
  auto inside = util::resolve_inside(site_root, real_root, path);
  std::error_code ec;
  if (!inside || !fs::is_regular_file(*inside, ec)) {
    return "";
  }
  util::ReadResult r = util::read_file(*inside, k_max_config_bytes);
  if (r.status != util::ReadResult::Status::Ok) {
    return "";
  }
  try {
    YAML::Node node = YAML::Load(r.bytes);
    if (!node.IsMap() || !node["url"] || !node["url"].IsScalar()) {
      return "";
    }
    std::string url = node["url"].Scalar();
    std::string base =
        node["baseurl"] && node["baseurl"].IsScalar() ? node["baseurl"].Scalar() : "";
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      return "";
    }
    url = strip_trailing_slash(url);
    if (!base.empty() && base.front() != '/') {
      base = "/" + base;
    }
    return strip_trailing_slash(url + base);
  } catch (const std::exception& e) {
    spdlog::warn("{}: not read ({}); set site_url in verity.yaml", path.string(), e.what());
    return "";
  }
}

} // namespace verity::config
