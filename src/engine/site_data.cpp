#include "engine/site_data.hpp"

#include "frontmatter/yaml_to_json.hpp"
#include "util/ascii.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"

namespace verity::engine {
namespace {

constexpr std::uint64_t k_max_total_bytes = 64u << 20;

std::optional<nlohmann::json> parse(const std::string& ext, const std::string& bytes) {
  if (ext == "yml" || ext == "yaml") {
    frontmatter::Conversion c = frontmatter::yaml_to_json(bytes, {}, true);
    if (c.ok || c.non_mapping_root)
      return std::move(c.value);
    return std::nullopt;
  }
  if (ext == "json") {
    nlohmann::json value = nlohmann::json::parse(bytes, nullptr, false);
    if (!value.is_discarded())
      return value;
  }
  return std::nullopt; // CSV and TSV rows hold no URL a link is built from, in practice
}

} // namespace

nlohmann::json site_data(const config::Config& cfg, const std::vector<SourceFile>& files) {
  nlohmann::json data = nlohmann::json::object();
  std::uint64_t total = 0;
  for (const SourceFile& src : files) {
    if (!src.data || !src.relative.starts_with("_data/"))
      continue;
    std::string rel = src.relative.substr(6);
    auto dot = rel.rfind('.');
    if (dot == std::string::npos || rel.find('/', dot) != std::string::npos)
      continue;
    const std::string ext = util::ascii_lower(rel.substr(dot + 1));
    auto inside = util::resolve_inside(cfg.site_root, cfg.real_site_root, src.absolute);
    if (!inside)
      continue;
    util::ReadResult r = util::read_file(*inside, cfg.limits.max_file_bytes);
    if (r.status != util::ReadResult::Status::Ok || (total += r.bytes.size()) > k_max_total_bytes)
      continue;
    auto value = parse(ext, r.bytes);
    if (!value)
      continue;
    nlohmann::json* at = &data; // site.data.dir.name
    std::string path = rel.substr(0, dot);
    std::size_t start = 0;
    while (true) {
      std::size_t slash = path.find('/', start);
      std::string key =
          path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (slash == std::string::npos) {
        (*at)[key] = std::move(*value);
        break;
      }
      nlohmann::json& next = (*at)[key];
      if (next.is_null())
        next = nlohmann::json::object();
      if (!next.is_object())
        break; // a file and a folder of one name: Jekyll's own order decides; left out
      at = &next;
      start = slash + 1;
    }
  }
  return data;
}

} // namespace verity::engine
