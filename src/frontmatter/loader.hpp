// Reads one file into a Document: size limits, framing, encoding, YAML conversion. Every problem
// becomes a finding; the document is still returned so cross-document rules know it exists.
#pragma once

#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <filesystem>
#include <string>

namespace verity::frontmatter {

struct LoadLimits {
  std::uint64_t max_file_bytes = 8u << 20;
  size_t max_front_matter_bytes = 256u << 10;
  size_t max_depth = 64;
  size_t max_scalar_bytes = 1u << 20;
};

struct LoadOptions {
  LoadLimits limits;
  bool front_matter_required = true; // a document without front matter is a finding
};

// Loads `absolute` (named `relative` in findings) and appends findings to `out`.
Document load_document(const std::filesystem::path& absolute, const std::string& relative,
                       const LoadOptions& options, Findings& out);

// The same, from bytes already in memory (tests, fuzzing, stdin).
Document parse_document(std::string bytes, const std::string& relative, const LoadOptions& options,
                        Findings& out);

} // namespace verity::frontmatter
