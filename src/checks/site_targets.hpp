// What a link can land on in the built site, from the records of every page: the files the build
// writes (links/site_outputs) and the ids each HTML page defines. The corpus checks that judge
// internal links (internal-links, template-links) build it the same way and ask it the same
// questions, so a link means the same in a page and in the layout around it.
#pragma once

#include "checks/run_context.hpp"
#include "links/site_outputs.hpp"
#include "verity/record.hpp"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace verity::checks {

struct SiteTargets {
  links::SiteOutputs outputs;
  // output file ("docs/index.html") -> the ids it defines (views into the records)
  std::unordered_map<std::string_view, std::unordered_set<std::string_view>> anchors;
};

// From the page-output and page-anchor records, and the run's static files: built once a run (the
// records do not change between corpus checks) and kept in `run`.
const SiteTargets& site_targets(const Records& records, const RunContext& run);

bool is_html_output(std::string_view output);

// Whether `#fragment` lands on `output` (HTMLProofer's rules: `top` always does; an id matches
// case-sensitively in its raw or percent-decoded form; a layout's or include's id is on every
// page).
bool fragment_lands(std::string_view fragment, const SiteTargets& targets, std::string_view output,
                    const RunContext& run);

} // namespace verity::checks
