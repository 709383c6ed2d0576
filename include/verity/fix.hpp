// Fix: the one right repair of a finding, as data. A check says what the value should become
// (an intent: "this scalar reads 800", "quote this scalar", "this URL becomes that one"); the fix
// planner (src/fix/) turns it into exact bytes of the file, or says why it cannot. Reports carry
// planned fixes (JSON `fix`, SARIF `fixes`) and `verity fix` applies them.
#pragma once

#include "verity/source_map.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace verity {

struct FixEdit {
  enum class Mode {
    Replace, // the plain scalar or the body text at `position` becomes `new_text`
    Quote,   // the plain scalar at `position` is quoted, so every YAML reads it as written
    Rewrite, // within the scalar or body text at `position`, `old_text` becomes `new_text`
  };
  Mode mode = Mode::Replace;
  // Where the text to change starts: a front-matter value (its JSON Pointer and position) or a
  // body position. `offset`, when the emitter knows it, is the byte offset in the file.
  std::string pointer;
  Position position;
  bool has_offset = false;
  std::size_t offset = 0;
  std::string old_text; // Replace: the expected current text; Rewrite: the text to replace
  std::string new_text;

  // Filled by the planner: the exact bytes [offset, offset + length) of the file, which hold
  // `old_bytes` and become `new_bytes`, and where they end.
  std::size_t length = 0;
  std::string old_bytes, new_bytes;
  Position end;
};

struct Fix {
  std::string description; // what the fix does, for a person: "width 640 -> 800"
  std::vector<FixEdit> edits;
  bool planned = false; // the edits hold exact bytes, checked against the file
  std::string refused;  // why it cannot be applied, when not planned
  std::string digest;   // of the file the plan was made from (a changed file is not edited)
};

} // namespace verity
