// Corpus check: every internal body link against the files the build writes (links/site_outputs)
// and the anchors the target page defines. HTMLProofer's rules (design note site-model.md §4.3):
// `/docs` and `/docs/` reach docs/index.html, `/about` does not reach about.html, a fragment is
// matched case-sensitively in its raw and percent-decoded forms, `#top` always lands. Fragments
// on files that are not HTML pages (`doc.pdf#page=2`) are not looked up: no anchors to find.
#include "checks/internal_links.hpp"
#include "checks/registry.hpp"
#include "checks/site_targets.hpp"
#include "links/site_outputs.hpp"
#include "refs/site_path.hpp"
#include "rules/make_finding.hpp"
#include "util/parallel.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace verity::checks {
namespace {

Finding at(const Record& r, const rules::Rule& rule, std::string message) {
  Finding f = rules::make_finding(rule);
  f.file = r.file;
  f.line = r.position.line;
  f.column = r.position.column;
  f.message = std::move(message);
  f.extra["url"] = r.value;
  return f;
}

// What a link keeps when it is rewritten: its query and fragment, as written.
std::string_view query_and_fragment(std::string_view written) {
  const auto at = written.find_first_of("?#");
  return at == std::string_view::npos ? std::string_view() : written.substr(at);
}

// The link as written becomes `to`, where it is written.
std::optional<Fix> link_fix(const Record& r, std::string to) {
  if (!refs::safe_to_write(to))
    return std::nullopt;
  Fix fix;
  fix.description = "link '" + r.value + "' -> '" + to + "'";
  FixEdit e;
  e.mode = FixEdit::Mode::Rewrite;
  e.position = r.position;
  e.old_text = r.value;
  e.new_text = std::move(to);
  fix.edits.push_back(std::move(e));
  return fix;
}

// {% post_url NAME %}: the post whose path below a _posts folder, without its extension, is NAME
// (`2020-01-02-hello`, or `cat/2020-01-02-hello` for one in a category folder).
std::string post_key(std::string_view source) {
  auto posts = source.rfind("_posts/");
  if (posts == std::string_view::npos)
    return {};
  std::string_view name = source.substr(posts + 7);
  auto dot = name.rfind('.');
  return std::string(dot == std::string_view::npos ? name : name.substr(0, dot));
}

// The URL with each marker replaced by the URL its tag names; nullopt and `error` when a tag
// names nothing (Jekyll stops the build there).
std::optional<std::string>
fill_markers(std::string_view url, const links::SiteOutputs& outputs,
             const std::unordered_map<std::string, std::string_view>& posts, std::string& error) {
  std::string out;
  std::size_t i = 0;
  while (i < url.size()) {
    std::size_t open = url.find(k_liquid_marker, i);
    if (open == std::string_view::npos) {
      out.append(url.substr(i));
      break;
    }
    std::size_t close = url.find(k_liquid_marker, open + 1);
    if (close == std::string_view::npos)
      return std::nullopt;
    out.append(url.substr(i, open - i));
    if (!out.empty() && out.back() == '/')
      out.pop_back(); // relative_url's slash before it
    std::string_view marker = url.substr(open + 1, close - open - 1);
    std::optional<std::string_view> output;
    if (marker.starts_with("link:")) {
      std::string_view path = marker.substr(5);
      while (path.starts_with('/'))
        path.remove_prefix(1);
      output = outputs.output_of(path);
      if (!output) {
        error = "Could not find document '" + std::string(marker.substr(5)) +
                "' in tag 'link': jekyll build stops here";
        return std::nullopt;
      }
    } else {
      auto it = posts.find(std::string(marker.substr(5)));
      if (it == posts.end()) {
        error = "Could not find post \"" + std::string(marker.substr(5)) +
                "\" in tag 'post_url': jekyll build stops here";
        return std::nullopt;
      }
      output = it->second;
    }
    out += links::url_of_output(*output);
    i = close + 1;
  }
  return out;
}

// One body link's verdict: a finding in `out` when it reaches nothing, forgets the baseurl, or
// names an anchor its page lacks.
void judge_link(const Record& r, const SiteTargets& targets,
                const std::unordered_map<std::string, std::string_view>& posts,
                const RunContext& run, Findings& out) {
  const links::SiteOutputs& outputs = targets.outputs;
  bool without_baseurl = r.kind == k_body_link_without_baseurl_record;
  bool liquid = r.kind == k_body_liquid_link_record;
  std::string filled;
  std::string_view target = r.key;
  if (liquid) {
    std::string error;
    auto url = fill_markers(r.key, outputs, posts, error);
    if (!url) {
      if (!error.empty())
        out.push_back(at(r, rules::link_liquid_broken, error));
      return;
    }
    // The tags wrote baseurl + URL: what the site serves below its baseurl.
    filled = std::move(*url);
    if (!run.baseurl.empty() && filled.starts_with(run.baseurl))
      filled.erase(0, run.baseurl.size());
    target = filled;
  }
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
    bool certain = false;
    std::string hint = outputs.suggestion(target, &certain);
    if (!hint.empty()) {
      f.message += ": did you mean '" + run.baseurl + hint + "'?";
      f.extra["suggestion"] = run.baseurl + hint;
      // Only a link written as it is in the source can be replaced; a Liquid one is not.
      if (certain && !liquid)
        f.fix = link_fix(r, run.baseurl + hint + std::string(query_and_fragment(r.value)));
    }
    out.push_back(std::move(f));
    return;
  }
  if (without_baseurl) {
    Finding f = at(r, rules::link_missing_baseurl,
                   "'" + r.value + "' leaves out the site's baseurl '" + run.baseurl +
                       "': it works in a local build and 404s once deployed");
    f.extra["suggestion"] = run.baseurl + std::string(r.value);
    f.fix = link_fix(r, run.baseurl + std::string(r.value));
    out.push_back(std::move(f));
    return;
  }
  if (!fragment.empty() && is_html_output(*output) &&
      !fragment_lands(fragment, targets, *output, run)) {
    Finding f = at(r, rules::link_fragment_missing,
                   "'" + r.value + "': " + links::url_of_output(*output) + " has no anchor '" +
                       std::string(fragment) + "'");
    out.push_back(std::move(f));
  }
}

} // namespace

void internal_links(const Records& records, const RunContext& run, Findings& out) {
  std::vector<const Record*> links;
  for (const Record& r : records) {
    if (r.kind == k_body_link_record || r.kind == k_body_link_without_baseurl_record ||
        r.kind == k_body_liquid_link_record)
      links.push_back(&r);
  }
  if (links.empty())
    return;
  const SiteTargets& targets = site_targets(records, run);
  std::unordered_map<std::string, std::string_view> posts; // post_url name -> output
  for (const Record& r : records) {
    if (r.kind == k_page_output_record) {
      if (std::string key = post_key(r.file); !key.empty())
        posts.emplace(key, r.key);
    }
  }
  // Each link is judged on its own against tables that no longer change: chunks of them run on
  // every core, and their findings join in record order, as one thread would have made them.
  constexpr std::size_t k_chunk = 2048;
  std::vector<Findings> chunks((links.size() + k_chunk - 1) / k_chunk);
  util::parallel_for(chunks.size(), run.options.jobs, [&](std::size_t c) {
    std::size_t end = std::min(links.size(), (c + 1) * k_chunk);
    for (std::size_t i = c * k_chunk; i < end; ++i)
      judge_link(*links[i], targets, posts, run, chunks[c]);
  });
  std::size_t found = 0;
  for (const Findings& chunk : chunks)
    found += chunk.size();
  out.reserve(out.size() + found);
  for (Findings& chunk : chunks)
    std::move(chunk.begin(), chunk.end(), std::back_inserter(out));
}

} // namespace verity::checks
