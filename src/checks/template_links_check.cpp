// Corpus check: the links and images in layouts and includes that are relative to the page
// (`feed.xml`, `../about/`, `#comments`). Such a link is one line of one template but a different
// target on every page built with it: it may land on the home page and 404 on every post. Each is
// resolved against every page whose layout chain or includes render it (body::TemplateGraph),
// exactly as internal-links resolves a page's own links, and reported once, at the template's
// file:line, with the pages it fails on (HTMLProofer reports it on each built page instead).
#include "checks/internal_links.hpp"
#include "checks/registry.hpp"
#include "checks/site_targets.hpp"
#include "refs/site_path.hpp"
#include "rules/make_finding.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

namespace verity::checks {
namespace {

constexpr std::size_t k_pages_listed = 100; // in extra.pages; the count says how many in all

// How one template reference fares on the pages using it.
struct Verdicts {
  std::size_t using_pages = 0;
  struct Failure {
    std::string page;   // its source
    std::string url;    // the page's URL
    std::string target; // what the reference reaches from there
  };
  std::map<const rules::Rule*, std::vector<Failure>> failing; // by the rule it breaks
  // Per folder of the page's URL, what a path-relative reference reaches: pages in one folder
  // share it (posts of a day, pages of a section), so each folder is resolved once.
  std::unordered_map<std::string, std::optional<std::pair<const rules::Rule*, std::string>>> folder;
};

std::string_view folder_of(std::string_view url) {
  auto slash = url.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : url.substr(0, slash + 1);
}

// What `ref` breaks on the page at `page_url` (whose output is `page_output`), with the target it
// reaches; nullopt when it lands.
std::optional<std::pair<const rules::Rule*, std::string>>
judge(const Record& ref, std::string_view page_url, std::string_view page_output,
      const SiteTargets& targets, const RunContext& run) {
  const bool image = ref.kind == k_template_image_record;
  refs::SitePath target =
      refs::resolve_site_path(ref.key, {page_url, ref.file, run.baseurl, !image});
  std::string fragment = target.fragment.size() > 1 ? target.fragment.substr(1) : std::string();
  std::optional<std::string_view> output;
  std::string reached;
  switch (target.kind) {
  case refs::SitePath::Kind::External:
    return std::nullopt;
  case refs::SitePath::Kind::None:
    if (image || fragment.empty())
      return std::nullopt;
    output = page_output;
    reached = std::string(page_url) + target.fragment;
    break;
  case refs::SitePath::Kind::Outside:
    return std::make_pair(image ? &rules::image_missing : &rules::link_internal_missing,
                          std::string("(above the site root)"));
  case refs::SitePath::Kind::Local:
    reached = "/" + target.path + (target.trailing_slash ? "/" : "");
    output = targets.outputs.find(reached);
    if (!output)
      return std::make_pair(image ? &rules::image_missing : &rules::link_internal_missing, reached);
    reached += target.fragment;
    break;
  }
  if (!image && !fragment.empty() && is_html_output(*output) &&
      !fragment_lands(fragment, targets, *output, run))
    return std::make_pair(&rules::link_fragment_missing, reached);
  return std::nullopt;
}

struct Page {
  const Record* record; // file: the source; key: the URL relative links start from
  std::string_view output;
};

// "on 1 of the 3 pages built with this file", "on all 3 ...", "on the one page ...".
std::string share_text(std::size_t failing, std::size_t using_pages) {
  if (failing == using_pages)
    return using_pages == 1
               ? "on the one page built with this file"
               : "on all " + std::to_string(using_pages) + " pages built with this file";
  return "on " + std::to_string(failing) + " of the " + std::to_string(using_pages) +
         " pages built with this file";
}

Finding verdict_finding(const Record& ref, const rules::Rule& rule,
                        const std::vector<Verdicts::Failure>& failures, std::size_t using_pages,
                        const SiteTargets& targets) {
  Finding f = rules::make_finding(rule);
  f.file = ref.file;
  f.line = ref.position.line;
  f.column = ref.position.column;
  const Verdicts::Failure& first = failures.front();
  std::string what = &rule == &rules::link_fragment_missing ? "lands on no anchor"
                     : &rule == &rules::image_missing       ? "is no image of the site"
                                                            : "reaches no page or file";
  f.message = "'" + ref.value + "' is relative to the page and " + what + " " +
              share_text(failures.size(), using_pages) + " (on " + first.url + " it is " +
              first.target + ")";
  // Written from the site root, the same target on every page.
  refs::SitePath rooted =
      refs::resolve_site_path("/" + ref.key, {"/", ref.file, "", &rule != &rules::image_missing});
  if (&rule != &rules::link_fragment_missing && rooted.kind == refs::SitePath::Kind::Local &&
      targets.outputs.find("/" + rooted.path + (rooted.trailing_slash ? "/" : ""))) {
    std::string root_url = "/" + ref.key;
    f.extra["suggestion"] = "{{ '" + root_url + "' | relative_url }}";
    f.message +=
        ": write {{ '" + root_url + "' | relative_url }} to mean " + root_url + " on every page";
  }
  f.extra["url"] = ref.value;
  nlohmann::json pages = nlohmann::json::array();
  for (std::size_t i = 0; i < failures.size() && i < k_pages_listed; ++i)
    pages.push_back(failures[i].page);
  f.extra["pages"] = std::move(pages);
  f.extra["pages_failing"] = failures.size();
  f.extra["pages_using"] = using_pages;
  return f;
}

} // namespace

void template_links(const Records& records, const RunContext& run, Findings& out) {
  if (!run.templates)
    return;
  // The template references, by template node.
  std::unordered_map<std::size_t, std::vector<const Record*>> refs_of;
  std::vector<const Record*> ordered;
  for (const Record& r : records) {
    if (r.kind != k_template_link_record && r.kind != k_template_image_record)
      continue;
    std::size_t node = run.templates->find(r.file);
    if (node == std::string_view::npos)
      continue;
    refs_of[node].push_back(&r);
    ordered.push_back(&r);
  }
  if (ordered.empty())
    return;
  const SiteTargets& targets = site_targets(records, run);

  // Pages grouped by what they render with: the closure is walked once per group.
  std::map<std::string_view, std::vector<Page>> groups;
  for (const Record& r : records) {
    if (r.kind != k_page_templates_record)
      continue;
    auto output = targets.outputs.output_of(r.file);
    groups[r.value].push_back({&r, output ? *output : std::string_view()});
  }
  std::unordered_map<const Record*, Verdicts> verdicts;
  for (const auto& [uses, pages] : groups) {
    std::string_view rest = uses;
    auto cut = rest.find(k_liquid_marker);
    std::string layout(rest.substr(0, cut));
    std::vector<std::string> includes;
    while (cut != std::string_view::npos) {
      rest.remove_prefix(cut + 1);
      cut = rest.find(k_liquid_marker);
      includes.emplace_back(rest.substr(0, cut));
    }
    for (std::size_t node : run.templates->closure(layout, includes)) {
      auto it = refs_of.find(node);
      if (it == refs_of.end())
        continue;
      for (const Record* ref : it->second) {
        Verdicts& v = verdicts[ref];
        const bool same_page = ref->key.starts_with('#') || ref->key.starts_with('?');
        for (const Page& page : pages) {
          ++v.using_pages;
          const std::string& url = page.record->key;
          std::optional<std::pair<const rules::Rule*, std::string>> verdict;
          if (same_page) {
            verdict = judge(*ref, url, page.output, targets, run);
          } else {
            auto [at, fresh] = v.folder.try_emplace(std::string(folder_of(url)));
            if (fresh)
              at->second = judge(*ref, url, page.output, targets, run);
            verdict = at->second;
          }
          if (verdict)
            v.failing[verdict->first].push_back(
                {page.record->file, url, std::move(verdict->second)});
        }
      }
    }
  }
  for (const Record* ref : ordered) {
    auto it = verdicts.find(ref);
    if (it == verdicts.end())
      continue;
    for (auto& [rule, failures] : it->second.failing) {
      std::sort(
          failures.begin(), failures.end(),
          [](const Verdicts::Failure& a, const Verdicts::Failure& b) { return a.page < b.page; });
      out.push_back(verdict_finding(*ref, *rule, failures, it->second.using_pages, targets));
    }
  }
}

} // namespace verity::checks
