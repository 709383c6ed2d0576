// Which layouts and includes a page is rendered with (body/template_graph, body/include_tags):
// the set a relative link in a template is judged against (checks/template_links_check.cpp).
#include "body/include_tags.hpp"
#include "body/template_graph.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace verity::body {
namespace {

using Names = std::vector<std::string>;

TEST(IncludedFiles, LiteralNamesInOrderEachOnce) {
  EXPECT_EQ(included_files("{% include nav.html %} x {% include_cached foot/er.html a=1 %}"
                           "{%- include nav.html -%}{% include \"q.html\" %}{% include 'r.html'%}"),
            (Names{"nav.html", "foot/er.html", "q.html", "r.html"}));
}

TEST(IncludedFiles, TrimMarkerGluedToTheNameIsNotPartOfIt) {
  EXPECT_EQ(included_files("{%- include a.html-%}"), (Names{"a.html"}));
}

TEST(IncludedFiles, DynamicNamesAreLeftOut) {
  // Which file `{{ page.x }}` names differs per page: no single closure holds it.
  EXPECT_EQ(included_files("{% include {{ page.sidebar }} %}{% include b.html %}"),
            (Names{"b.html"}));
}

TEST(IncludedFiles, TagsThatNeverRunOrRenderCodeAreLeftOut) {
  EXPECT_EQ(included_files("{% comment %}{% include c.html %}{% endcomment %}"
                           "{% raw %}{% include r.html %}{% endraw %}"
                           "{% highlight html %}{% include h.html %}{% endhighlight %}"
                           "{% include kept.html %}"),
            (Names{"kept.html"}));
}

TEST(IncludedFiles, OtherTagsAndUnclosedTagsStopCleanly) {
  EXPECT_EQ(included_files("{% if x %}{% include_relative no.html %}{% endif %}"), Names{});
  EXPECT_EQ(included_files("{% include a.html %}{% include b.html"), (Names{"a.html"}));
  EXPECT_EQ(included_files("{% comment %}{% include a.html %}"), Names{});
  EXPECT_EQ(included_files(""), Names{});
}

struct Site {
  TemplateGraph graph;
  Site() {
    graph.add("_layouts/default.html", "", {"head.html", "nav/menu.html"});
    graph.add("_layouts/post.html", "default", {"share.html"});
    graph.add("_layouts/blog/post.html", "post", {});
    graph.add("_includes/head.html", "", {});
    graph.add("_includes/nav/menu.html", "", {"nav/item.html"});
    graph.add("_includes/nav/item.html", "", {"nav/menu.html"}); // an include cycle
    graph.add("_includes/share.html", "", {});
    graph.add("_includes/contact.html", "", {});
    graph.add("about.md", "default", {}); // not a template: ignored
  }
  std::vector<std::string> paths(const std::vector<std::size_t>& indices) const {
    std::vector<std::string> out;
    for (std::size_t i : indices)
      out.push_back(graph.nodes[i].path);
    return out;
  }
};

TEST(TemplateGraph, LayoutChainWithTransitiveIncludesCycleSafe) {
  Site site;
  EXPECT_EQ(site.paths(site.graph.closure("blog/post", {})),
            (Names{"_layouts/default.html", "_layouts/post.html", "_layouts/blog/post.html",
                   "_includes/head.html", "_includes/nav/menu.html", "_includes/nav/item.html",
                   "_includes/share.html"}));
}

TEST(TemplateGraph, ThePagesOwnIncludesJoinItsLayouts) {
  Site site;
  EXPECT_EQ(site.paths(site.graph.closure("post", {"contact.html", "missing.html"})),
            (Names{"_layouts/default.html", "_layouts/post.html", "_includes/head.html",
                   "_includes/nav/menu.html", "_includes/nav/item.html", "_includes/share.html",
                   "_includes/contact.html"}));
}

TEST(TemplateGraph, NoLayoutNoneOrUnknownLayoutRendersOnlyThePagesIncludes) {
  Site site;
  EXPECT_EQ(site.paths(site.graph.closure("", {"share.html"})), (Names{"_includes/share.html"}));
  EXPECT_EQ(site.paths(site.graph.closure("none", {})), Names{});
  EXPECT_EQ(site.paths(site.graph.closure("nope", {})), Names{});
}

TEST(TemplateGraph, LayoutCycleEndsAtTheRepeat) {
  TemplateGraph graph;
  graph.add("_layouts/a.html", "b", {});
  graph.add("_layouts/b.html", "a", {"x.html"});
  graph.add("_includes/x.html", "", {});
  EXPECT_EQ(graph.closure("a", {}), (std::vector<std::size_t>{0, 1, 2}));
}

TEST(TemplateGraph, LayoutNameIsCutAtTheLastDotAsJekyllCutsIt) {
  TemplateGraph graph;
  graph.add("_layouts/v1.0/page.min.html", "", {});
  graph.add("_layouts/v2.0/plain", "", {}); // no extension: Jekyll's split still cuts "v2"
  EXPECT_EQ(graph.closure("v1.0/page.min", {}), (std::vector<std::size_t>{0}));
  EXPECT_EQ(graph.closure("v1.0/page", {}), (std::vector<std::size_t>{}));
  EXPECT_EQ(graph.closure("v2", {}), (std::vector<std::size_t>{1}));
}

TEST(TemplateGraph, FindsTemplatesByPathAndNothingElse) {
  Site site;
  EXPECT_EQ(site.graph.find("_layouts/post.html"), 1u);
  EXPECT_EQ(site.graph.find("_includes/contact.html"), 7u);
  EXPECT_EQ(site.graph.find("about.md"), std::string_view::npos);
  EXPECT_EQ(site.graph.nodes.size(), 8u);
}

} // namespace
} // namespace verity::body
