// What a run reports of its findings: those of the reported documents, with the severities of
// `rules:` and `ignore:` applied.
#pragma once

#include "config/config.hpp"
#include "engine/selection.hpp"
#include "verity/finding.hpp"

namespace verity::engine {

// Moves the findings of reported documents from `all` to `out` with the severities of `rules:`
// and `ignore:` applied (findings turned off are dropped).
void keep_reported(const config::Config& cfg, const Selection& selection, Findings& all,
                   Findings& out);

// Applies `rules:` and `ignore:` to findings about the site itself (no document's, so no
// selection narrows them) and moves the ones still on to `out`.
void keep_site_findings(const config::Config& cfg, Findings& site, Findings& out);

} // namespace verity::engine
