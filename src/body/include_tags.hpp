// The files a page's or template's Liquid pulls in with `{% include NAME %}`: their markup, and
// so their relative links, become part of the page that renders them (checks/template_links).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace verity::body {

// The literal NAMEs of `{% include NAME ... %}` and `{% include_cached NAME ... %}` in `text`, in
// order, each once ("footer.html", "nav/menu.html"). A NAME made by Liquid (`{{ page.x }}`) is
// left out: which file it is differs per page. Tags inside `{% comment %}` and `{% raw %}` (never
// run) and `{% highlight %}` (whose output is code, not links) are left out too.
std::vector<std::string> included_files(std::string_view text);

} // namespace verity::body
