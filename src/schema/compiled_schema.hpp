// A collection's JSON Schema, checked for silent under-validation, compiled once for valijson,
// and applied to documents. Schema errors become findings with rule ids `schema/<keyword>`, the
// JSON Pointer of the value, its line:col and a message a person understands.
#pragma once

#include "verity/document.hpp"
#include "verity/finding.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace valijson {
class Schema;
}

namespace verity::schema {

class PatternKeywords;

struct SchemaProblem {
  std::string pointer; // where in the schema document
  std::string message;
};

// Thrown by compile() for a schema verity refuses (unknown keyword, unknown format...).
class SchemaError : public std::runtime_error {
public:
  explicit SchemaError(std::vector<SchemaProblem> problems);
  const std::vector<SchemaProblem>& problems() const { return m_problems; }

private:
  std::vector<SchemaProblem> m_problems;
};

// Every reason this schema would validate less than its author thinks: keywords draft-07 (and so
// valijson) ignores, `format` under a combinator (verity checks formats outside combinators
// only), unknown format names, remote `$ref`s, later `$schema` drafts; and every reason it could
// not be run in bounded time and stack: patterns verity's engine cannot run, `$ref`s that do not
// resolve or form a cycle, nesting too deep.
std::vector<SchemaProblem> lint_schema(const nlohmann::json& schema);

class CompiledSchema {
public:
  // Lints and compiles; throws SchemaError. Takes a reference: a copy of a hostile (too deep)
  // document would overflow the stack before it could be refused.
  explicit CompiledSchema(const nlohmann::json& schema);
  ~CompiledSchema();
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;

  // Validates a parsed document and appends its findings. Thread-safe.
  void validate(const Document& doc, Findings& out) const { validate(doc, nullptr, out); }

  // Validates the front matter as Jekyll sees it, with `defaults` (may be nullptr) merged under
  // it. A finding on a value the document does not write but `defaults` does keeps the
  // document's file (so `ignore:` and the selection still apply), says where the value is
  // written, and carries it in extra["origin"] = {file, line, column}.
  void validate(const Document& doc, const DefaultValues* defaults, Findings& out) const;

  const nlohmann::json& json() const { return m_schema; }

private:
  nlohmann::json m_schema; // as written, formats included
  // Before m_compiled: its constraints point into it, so it must be destroyed after.
  std::unique_ptr<PatternKeywords> m_patterns;
  std::unique_ptr<valijson::Schema> m_compiled;
};

} // namespace verity::schema
