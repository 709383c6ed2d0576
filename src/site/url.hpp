// Jekyll::URL (4.3): filling a permalink template, escaping each value, sanitising the result,
// and the permalink styles with the suffix rule pages and collections get from them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace verity::site {

// URL.escape_path: kept when it is only [a-zA-Z0-9./-]; otherwise Addressable's URI encoding
// (unreserved, sub-delims, ':', '@', '/' and '?' kept, everything else %XX) with '#' -> %23.
std::string escape_path(std::string_view value);

// URL.unescape_path: every %XX decoded (the output file's name on disk).
std::string unescape_path(std::string_view url);

// baseurl as relative_url puts it before every URL: "" or "/blog" (a leading '/' added when
// missing, trailing ones removed), so `blog` and `/blog/` are the /blog the site is served under.
std::string served_baseurl(std::string_view baseurl);

// URL#sanitize_url: a leading '/', ".." -> "/", "./" removed, runs of '/' squeezed.
std::string sanitize_url(std::string_view url);

// Documents (UrlDrop): every `:name` ([a-z_]+, one trailing '_' tried without it and kept as
// text) is replaced by `lookup(name)`, escaped; nullopt from `lookup` is an unknown placeholder:
// the result is nullopt and `unknown` names it (Jekyll stops the build there).
std::optional<std::string>
fill_template(std::string_view tmpl,
              const std::function<std::optional<std::string>(std::string_view)>& lookup,
              std::string* unknown = nullptr);

// Pages and static files (a placeholder hash): each pair in order replaces every `:key`
// (nullopt: every "/:key" is removed); placeholders not in the hash stay as they are written.
std::string fill_template_from_hash(
    std::string tmpl, const std::vector<std::pair<std::string, std::optional<std::string>>>& hash);

// Configuration#style_to_permalink: the posts template of a style name, or the template itself.
std::string style_to_permalink(const std::string& style);

// Utils.add_permalink_suffix: `/` for pretty, `:output_ext` for date/ordinal/none, and for any
// other style (weekdate included) the ending of the style's own text.
std::string add_permalink_suffix(std::string tmpl, const std::string& style);

// The output file of a URL, relative to the destination: unescaped; ending in '/', a page adds
// "index" and a document "index.html"; then the output extension unless the path ends with it
// (a document's "index.html" is never extended).
std::string output_path_of(std::string_view url, std::string_view output_ext, bool page);

} // namespace verity::site
