// Reading one document of the site, confined to the site root, with the configured limits.
#pragma once

#include "config/config.hpp"
#include "engine/discover.hpp"
#include "verity/document.hpp"
#include "verity/finding.hpp"

namespace verity::engine {

// Reads one document with the limits of the configuration and its collection's front-matter rule;
// problems with the file are findings.
Document load_source(const SourceFile& src, const config::Config& cfg, Findings& findings);

} // namespace verity::engine
