#include "engine/keep_reported.hpp"

namespace verity::engine {

void keep_reported(const config::Config& cfg, const Selection& selection, Findings& all,
                   Findings& out) {
  for (auto& f : all) {
    if (!selection.is_reported(f.file)) {
      continue;
    }
    if (auto severity = cfg.effective_severity(f.rule, f.file, f.severity)) {
      f.severity = *severity;
      out.push_back(std::move(f));
    }
  }
  all.clear();
}

void keep_site_findings(const config::Config& cfg, Findings& site, Findings& out) {
  for (auto& note : site) {
    if (auto severity = cfg.effective_severity(note.rule, note.file, note.severity)) {
      note.severity = *severity;
      out.push_back(std::move(note));
    }
  }
  site.clear();
}

} // namespace verity::engine
