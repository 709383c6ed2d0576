// Which layouts and includes end up in a page: its layout, that layout's own `layout:`, and so on
// up the chain, and every `{% include %}` of the page and of each of them, transitively. A
// relative link in one of those files is resolved against the page's URL, so it can land on one
// page and miss on another (checks/template_links.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace verity::body {

struct TemplateGraph {
  struct Node {
    std::string path;                  // "_layouts/post.html", "_includes/nav/menu.html"
    std::string layout;                // a layout's own `layout:` ("" when none)
    std::vector<std::string> includes; // what its Liquid includes ("footer.html")
  };
  std::vector<Node> nodes;

  // Adds a file under _layouts/ or _includes/ (`path` relative to the site root); others are
  // ignored. A layout is named by its path below _layouts without the extension ("blog/post"),
  // as Jekyll names it; an include by its path below _includes ("nav/menu.html").
  void add(std::string path, std::string layout, std::vector<std::string> includes);

  // The nodes (indices, sorted) a page with `layout` ("" or "none": no layout) and the page's own
  // `includes` renders with. Layout cycles and include cycles end where they repeat (Jekyll
  // stops a layout cycle at the repeat too); unknown names are skipped (Jekyll warns).
  std::vector<std::size_t> closure(std::string_view layout,
                                   const std::vector<std::string>& includes) const;

  // The node of a file ("_layouts/default.html"), or npos.
  std::size_t find(std::string_view path) const;

private:
  std::unordered_map<std::string, std::size_t> layouts_;
  std::unordered_map<std::string, std::size_t> includes_;
  std::unordered_map<std::string, std::size_t> paths_;
};

} // namespace verity::body
