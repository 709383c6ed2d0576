// secured/no-lockfile, the one finding for legacy v1 blobs on a site without a pin lockfile. It
// has one severity (its catalogue entry's, a note) and its words are written here only, for the
// two places it arises: `verity check` (once per run, format checks only) and the secured
// commands that would have to decrypt a legacy blob (reseal, decrypt), which refuse to.
#pragma once

#include "verity/finding.hpp"

#include <string>

namespace verity::secured {

// The run-wide note of `verity check`, on the lockfile path that is missing.
Finding no_lockfile_for_site(const std::string& lockfile);

// The finding of a secured command for the document `file` whose legacy blob it will not
// decrypt.
Finding no_lockfile_for_document(const std::string& file);

} // namespace verity::secured
