// The records the body-links document check keeps for the internal-links corpus check: what each
// page writes and defines, and every internal link it makes. The corpus check needs every page's
// output before it can say whether a link lands, so the verdict waits for it.
#pragma once

#include <string_view>

namespace verity::checks {

// key: the output file ("docs/index.html"); value: the page's URL.
inline constexpr std::string_view k_page_output_record = "page-output";
// key: the output file; value: one id the page defines (heading, {#id}, id=, name=, footnote).
inline constexpr std::string_view k_page_anchor_record = "page-anchor";
// key: the target as a site path with its #fragment ("docs/guide#intro", "" + "#x" for the page
// itself is written as the page's own output); value: the destination as written.
inline constexpr std::string_view k_body_link_record = "body-link";
// key: a URL that names {% link %} / {% post_url %} targets (liquid_target_marker), resolved
// once every page's output is known; value: the destination as written.
inline constexpr std::string_view k_body_liquid_link_record = "body-liquid-link";
// Wraps a {% link %} path or {% post_url %} name inside an evaluated URL until the corpus check
// knows what it names: "\x1F" "link:" path "\x1F", "\x1F" "post:" name "\x1F".
inline constexpr char k_liquid_marker = '\x1F';
// key: "" ; value: a URL whose Liquid is outside the safe subset (counted, never judged).
inline constexpr std::string_view k_body_link_unverifiable_record = "body-link-unverifiable";
// As body-link, for a site-absolute link that lacks the site's baseurl (key: the path as written).
inline constexpr std::string_view k_body_link_without_baseurl_record = "body-link-no-baseurl";

// A link or image relative to the page in a layout or include (checks/template_links.cpp): file is
// the template, key the URL as Jekyll writes it, value as written.
inline constexpr std::string_view k_template_link_record = "template-relative-link";
inline constexpr std::string_view k_template_image_record = "template-relative-image";
// Which templates a page renders with, kept only when some template links relative to the page.
// file: the page's source; key: the URL its relative links resolve against (its own, or its
// <base href>); value: its layout, then each file its body includes, k_liquid_marker between.
inline constexpr std::string_view k_page_templates_record = "page-templates";

} // namespace verity::checks
