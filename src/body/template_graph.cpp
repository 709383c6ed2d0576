#include "body/template_graph.hpp"

#include <algorithm>

namespace verity::body {
namespace {
constexpr std::string_view k_layouts = "_layouts/";
constexpr std::string_view k_includes = "_includes/";

// Jekyll's layout name: the path below _layouts cut at its last dot (LayoutReader#layout_name
// is `file.split(".")[0..-2].join(".")`, so even a dot in a folder name counts).
std::string layout_name(std::string_view below) {
  if (auto dot = below.rfind('.'); dot != std::string_view::npos)
    below = below.substr(0, dot);
  return std::string(below);
}
} // namespace

void TemplateGraph::add(std::string path, std::string layout, std::vector<std::string> includes) {
  std::size_t index = nodes.size();
  std::string_view p = path;
  if (p.starts_with(k_layouts))
    layouts_.emplace(layout_name(p.substr(k_layouts.size())), index);
  else if (p.starts_with(k_includes))
    includes_.emplace(std::string(p.substr(k_includes.size())), index);
  else
    return;
  paths_.emplace(path, index);
  nodes.push_back({std::move(path), std::move(layout), std::move(includes)});
}

std::size_t TemplateGraph::find(std::string_view path) const {
  auto it = paths_.find(std::string(path));
  return it == paths_.end() ? std::string_view::npos : it->second;
}

std::vector<std::size_t> TemplateGraph::closure(std::string_view layout,
                                                const std::vector<std::string>& includes) const {
  std::vector<char> seen(nodes.size(), 0);
  std::vector<std::size_t> pending;
  auto visit = [&](std::size_t index) {
    if (!seen[index]) {
      seen[index] = 1;
      pending.push_back(index);
    }
  };
  auto include_all = [&](const std::vector<std::string>& names) {
    for (const std::string& name : names) {
      if (auto it = includes_.find(name); it != includes_.end())
        visit(it->second);
    }
  };
  include_all(includes);
  // The layout chain: each layout's own `layout:` until none, "none", unknown or a repeat.
  std::string name(layout);
  while (!name.empty() && name != "none") {
    auto it = layouts_.find(name);
    if (it == layouts_.end() || seen[it->second])
      break;
    visit(it->second);
    name = nodes[it->second].layout;
  }
  while (!pending.empty()) {
    std::size_t index = pending.back();
    pending.pop_back();
    include_all(nodes[index].includes);
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (seen[i])
      out.push_back(i);
  }
  return out;
}

} // namespace verity::body
