// What `verity --version` prints: what users attach to a bug report.
#pragma once

#include <string>

namespace verity::cli {

// "verity 0.1.0\ncommit: abc123def456\nlibraries: OpenSSL 3.0.15, libcurl 7.88.1, ...\n"; the
// library versions are those loaded at run time where the library can say (yaml-cpp cannot: the
// one built against).
std::string version_text();

} // namespace verity::cli
