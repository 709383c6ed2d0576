// Liquid's block tags as the body scanners need them: where a `{% name %}` tag ends, where its
// `{% endname %}` is, and blanking the blocks whose content is never markup (a comment, code
// under `{% highlight %}`), so that a link inside one is not taken for a link of the page.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace verity::body {

// The tag name of `{% name ... %}` starting at `at` (lowercase), and where the tag ends.
struct LiquidTag {
  std::string name;
  std::size_t end = std::string_view::npos; // one past "%}"; npos when never closed
};

LiquidTag liquid_tag(std::string_view s, std::size_t at);

// The end of the `{% end<name> %}` closing a block opened before `from`, or npos.
std::size_t block_end(std::string_view s, std::size_t from, std::string_view name);

// Replaces every byte but line ends of each `{% comment %}` and `{% highlight %}` block (tags
// included; an unclosed one runs to the end) by a space: same length, same lines.
void blank_liquid_comments(std::string& text);

} // namespace verity::body
