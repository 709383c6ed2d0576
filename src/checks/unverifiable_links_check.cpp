// Corpus check: one note for the site counting the link and image URLs whose Liquid verity does
// not evaluate (checks/body_liquid.hpp), so that "no broken links" never hides how many were not
// judged. The first places are named, so the author can see what kind they are.
#include "checks/internal_links.hpp"
#include "checks/registry.hpp"
#include "rules/make_finding.hpp"

#include <set>

namespace verity::checks {

void unverifiable_links(const Records& records, const RunContext& run, Findings& out) {
  constexpr std::size_t k_examples = 3;
  std::size_t count = 0;
  std::set<std::string_view> files;
  std::string examples;
  for (const Record& r : records) {
    if (r.kind != k_body_link_unverifiable_record || (run.reported && !run.reported(r.file)))
      continue;
    if (count < k_examples) {
      examples += (examples.empty() ? "" : ", ") + r.file + ":" + std::to_string(r.position.line) +
                  " " + r.value;
    }
    ++count;
    files.insert(r.file);
  }
  if (count == 0)
    return;
  Finding f = rules::make_finding(rules::link_unverifiable);
  const bool one = count == 1;
  f.message = std::to_string(count) + (one ? " link or image URL" : " link and image URLs") +
              " in " + std::to_string(files.size()) + (files.size() == 1 ? " file" : " files") +
              (one ? " uses" : " use") + " Liquid verity does not evaluate, so " +
              (one ? "it was" : "they were") + " not checked (" + examples +
              (count > k_examples ? ", ..." : "") + ")";
  f.extra["count"] = count;
  f.extra["files"] = files.size();
  out.push_back(std::move(f));
}

} // namespace verity::checks
