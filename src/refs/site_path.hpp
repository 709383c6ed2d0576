// Where a URL written in a document points inside the site: the one resolution every consumer
// (local images now; internal links and fixes next) shares, so they agree on what a path means.
//  - site-absolute (`/assets/x.png`): the site file `assets/x.png`; when it starts with the
//    site's baseurl as a whole path segment (`/blog/...` with baseurl `/blog`), baseurl goes first;
//  - relative (`img/x.png`): against the folder of the document's URL as the site serves it
//    (`/2024/01/05/post.html` -> `2024/01/05/img/x.png`, `/recipes/pie/` ->
//    `recipes/pie/img/x.png`), or of its source file when the URL is unknown;
//  - with a scheme (`https:`, `data:`, `mailto:`) or protocol-relative (`//host`): external.
// The query and fragment are cut, the path is percent-decoded and then its `.` and `..` segments
// are applied, so `%2e%2e/` climbs like `../`; climbing above the site root is `Outside`.
#pragma once

#include <string>
#include <string_view>

namespace verity::refs {

// The document a URL is written in.
struct SiteLocation {
  std::string_view document_url;  // as the site serves it, without baseurl; "" when unknown
  std::string_view document_file; // relative to the site root (for relative URLs without a URL)
  std::string_view baseurl;       // "" or "/blog"
  // A browser following a link clamps `..` at the root (`/../about.html` is /about.html); a file
  // verity opens (an image) never climbs: above the root it is Outside.
  bool clamp_at_root = false;
};

struct SitePath {
  enum class Kind {
    None,     // nothing to resolve: an empty URL, or only a query/fragment (the page itself)
    External, // a scheme or //host: not a site file
    Local,    // `path` is a site file
    Outside,  // `..` climbs above the site root, or a NUL byte: never opened
  };
  Kind kind = Kind::None;
  std::string path;     // Local: relative to the site root, no leading '/', decoded
  std::string fragment; // "#..." as written, or ""
  // Site-absolute, the site has a baseurl, and the URL does not start with it: the built page
  // links outside the site (`/about.html` on a site served at `/blog`).
  bool without_baseurl = false;
  // The path ended in '/' (`/about.html/` is no file on a web server, `/docs/` a folder).
  bool trailing_slash = false;
};

SitePath resolve_site_path(std::string_view url, const SiteLocation& where);

// `path` with its fragment: what Reference::resolved holds for a local reference.
std::string resolved_text(const SitePath& path);

// %XX escapes decoded (a malformed one is kept as written).
std::string percent_decode(std::string_view text);

} // namespace verity::refs
