#include "engine/templates.hpp"

#include "frontmatter/framing.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "util/ascii.hpp"
#include "util/confine.hpp"
#include "util/file.hpp"

#include <algorithm>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {
constexpr std::size_t k_max_entries = 10000;

bool is_html(const fs::path& p) {
  const std::string ext = util::ascii_lower(p.extension().string());
  return ext == ".html" || ext == ".htm";
}

// A layout's own `layout:` (the next one up its chain); "" when none or not a name.
std::string parent_layout(std::string_view file, const frontmatter::Framing& framing) {
  if (framing.status != frontmatter::FramingStatus::Ok)
    return {};
  frontmatter::Conversion c =
      frontmatter::yaml_to_json(file.substr(framing.yaml_offset, framing.yaml_length));
  if (!c.ok || !c.value.is_object())
    return {};
  auto it = c.value.find("layout");
  return it != c.value.end() && it->is_string() ? it->get<std::string>() : std::string();
}
} // namespace

Templates read_templates(const fs::path& root, const fs::path& real_root,
                         std::uint64_t max_file_bytes) {
  Templates out;
  std::size_t entries = 0;
  for (const char* folder : {"_layouts", "_includes"}) {
    std::error_code ec;
    fs::path dir = root / folder;
    if (!fs::is_directory(fs::symlink_status(dir, ec)))
      continue;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (++entries > k_max_entries)
        break;
      if (!it->is_regular_file(ec) || !is_html(it->path()))
        continue;
      auto inside = util::resolve_inside(root, real_root, it->path());
      if (!inside)
        continue;
      util::ReadResult r = util::read_file(*inside, max_file_bytes);
      if (r.status != util::ReadResult::Status::Ok)
        continue;
      // A layout may have front matter (`layout: default`): the markup starts after it.
      frontmatter::Framing framing = frontmatter::frame(r.bytes);
      std::size_t body = framing.status == frontmatter::FramingStatus::Ok ? framing.body_offset : 0;
      TemplateFile file;
      file.path = it->path().lexically_relative(root).generic_string();
      file.body = body::scan_html(r.bytes, body);
      for (refs::Reference& ref : file.body.references)
        ref.file = file.path; // findings on them (and their fixes) name the template
      for (const auto& a : file.body.anchors)
        out.ids.insert(a.id);
      out.graph.add(file.path, parent_layout(r.bytes, framing), file.body.includes);
      out.files.push_back(std::move(file));
    }
  }
  // Directory order is the file system's: sorted, reports are the same on every machine.
  std::sort(out.files.begin(), out.files.end(),
            [](const TemplateFile& a, const TemplateFile& b) { return a.path < b.path; });
  return out;
}

} // namespace verity::engine
