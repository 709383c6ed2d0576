// The site's templates: the .html files under _layouts/ and _includes/, whose markup ends up in
// every page that uses them. Read once per run: the ids they give every page (a skip link's
// `#main-content`, a footer's `#contact`) are accepted as fragments everywhere, and the links
// and images they write are checked once, at the template's own file:line. A link relative to the
// page (`feed.xml`, `#comments`) is checked against every page whose layout chain or includes
// render the file (`graph`, checks/template_links.cpp). Knowing which layout chain each page
// uses would be finer for ids too; accepting them on every page is never a false alarm.
#pragma once

#include "body/body_scan.hpp"
#include "body/template_graph.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_set>
#include <vector>

namespace verity::engine {

struct TemplateFile {
  std::string path;    // relative to the site root: "_layouts/default.html"
  body::BodyScan body; // its markup after any front matter, at the file's own positions
};

struct Templates {
  std::unordered_set<std::string> ids; // every id= and name= of every template
  std::vector<TemplateFile> files;
  body::TemplateGraph graph; // each file's layout and includes
};

// Symlinks leaving the site are not followed; at most 10,000 entries are looked at, each file
// at most `max_file_bytes`; unreadable files are skipped (a template is not a document).
Templates read_templates(const std::filesystem::path& root, const std::filesystem::path& real_root,
                         std::uint64_t max_file_bytes);

} // namespace verity::engine
