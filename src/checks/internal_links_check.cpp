// Corpus check: every internal body link against the files the build writes (links/site_outputs)
// and the anchors the target page defines. HTMLProofer's rules (design note site-model.md §4.3):
// `/docs` and `/docs/` reach docs/index.html, `/about` does not reach about.html, a fragment is
// matched case-sensitively in its raw and percent-decoded forms, `#top` always lands. Fragments
// on files that are not HTML pages (`doc.pdf#page=2`) are not looked up: no anchors to find.
#include "checks/internal_links.hpp"
#include "checks/registry.hpp"
#include "links/site_outputs.hpp"
#include "refs/site_path.hpp"
#include "rules/make_finding.hpp"

#include <unordered_map>
#include <unordered_set>

namespace verity::checks {
namespace {

using AnchorSets = std::unordered_map<std::string_view, std::unordered_set<std::string_view>>;

bool is_html(std::string_view output) {
  return output.ends_with(".html") || output.ends_with(".htm");
}

bool fragment_lands(std::string_view fragment, const AnchorSets& anchors, std::string_view output) {
  if (fragment == "top")
    return true;
  auto it = anchors.find(output);
  if (it == anchors.end())
    return false;
  if (it->second.count(fragment) > 0)
    return true;
  std::string decoded = refs::percent_decode(fragment);
  return it->second.count(decoded) > 0;
}

Finding at(const Record& r, const rules::Rule& rule, std::string message) {
  Finding f = rules::make_finding(rule);
  f.file = r.file;
  f.line = r.position.line;
  f.column = r.position.column;
  f.message = std::move(message);
  f.extra["url"] = r.value;
  return f;
}

} // namespace

void internal_links(const Records& records, const RunContext& run, Findings& out) {
  links::SiteOutputs outputs;
  if (run.static_outputs) {
    for (const auto& [output, source] : *run.static_outputs)
      outputs.add(output, source);
  }
  AnchorSets anchors;
  bool any_link = false;
  for (const Record& r : records) {
    if (r.kind == k_page_output_record) {
      outputs.add(r.key, r.file);
    } else if (r.kind == k_page_anchor_record) {
      anchors[r.key].insert(r.value);
    } else if (r.kind == k_body_link_record || r.kind == k_body_link_without_baseurl_record) {
      any_link = true;
    }
  }
  if (!any_link)
    return;
  for (const Record& r : records) {
    bool without_baseurl = r.kind == k_body_link_without_baseurl_record;
    if (r.kind != k_body_link_record && !without_baseurl)
      continue;
    std::string_view target = r.key;
    std::string_view fragment;
    if (auto hash = target.find('#'); hash != std::string_view::npos) {
      fragment = target.substr(hash + 1);
      target = target.substr(0, hash);
    }
    std::optional<std::string_view> output =
        target.starts_with('/') ? outputs.find(target) : std::optional<std::string_view>(target);
    if (!output) {
      Finding f = at(r, rules::link_internal_missing,
                     "'" + r.value + "' reaches no page or file of the built site");
      std::string hint = outputs.suggestion(target);
      if (!hint.empty()) {
        f.message += ": did you mean '" + run.baseurl + hint + "'?";
        f.extra["suggestion"] = run.baseurl + hint;
      }
      out.push_back(std::move(f));
      continue;
    }
    if (without_baseurl) {
      Finding f = at(r, rules::link_missing_baseurl,
                     "'" + r.value + "' leaves out the site's baseurl '" + run.baseurl +
                         "': it works in a local build and 404s once deployed");
      f.extra["suggestion"] = run.baseurl + std::string(r.value);
      out.push_back(std::move(f));
      continue;
    }
    if (!fragment.empty() && is_html(*output) && !fragment_lands(fragment, anchors, *output)) {
      Finding f = at(r, rules::link_fragment_missing,
                     "'" + r.value + "': " + links::url_of_output(*output) + " has no anchor '" +
                         std::string(fragment) + "'");
      out.push_back(std::move(f));
    }
  }
}

} // namespace verity::checks
