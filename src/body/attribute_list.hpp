// kramdown's attribute lists: the inside of `{: #id .class key="value" ref}`, as kramdown's
// parser reads it (parse_attribute_list over ALD_TYPE_ANY in kramdown 2.4's
// parser/kramdown/extensions.rb), so a span IAL's width, height, alt or id is the one kramdown
// writes into the element.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace verity::body {

struct ListedAttribute {
  std::string key;        // "id" for `#id`, "class" for `.class`, else the key as written
  std::string value;      // unescaped (`\}` and the backslashed quote)
  std::size_t offset = 0; // where the value starts in the list
};

// The attributes of `list` (the text between `{:` and `}`) in order; a later one of a key
// overrides an earlier one, as in kramdown. Tokens kramdown does not take (`k=v` without
// quotes, `#1a`) are skipped, as kramdown skips them with a warning; references to attribute
// list definitions (bare words) are left out.
std::vector<ListedAttribute> attribute_list(std::string_view list);

} // namespace verity::body
