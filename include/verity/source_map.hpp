// SourceMap: where each front-matter value came from, so every finding can name file:line:col.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace verity {

struct Position {
  int line = 0;   // 1-based file line
  int column = 0; // 1-based, Unicode code points
  bool operator==(const Position&) const = default;
};

struct SourceEntry {
  Position key;   // the key's position (for array items: the item's own position)
  Position value; // where the value starts
  bool operator==(const SourceEntry&) const = default;
};

class SourceMap {
public:
  void add(std::string pointer, SourceEntry entry) { m_entries[std::move(pointer)] = entry; }

  // The entry for `pointer`, or for its nearest ancestor that has one; a zero entry when none.
  SourceEntry find(std::string_view pointer) const;
  bool contains(std::string_view pointer) const;
  size_t size() const { return m_entries.size(); }
  bool operator==(const SourceMap& other) const { return m_entries == other.m_entries; }

private:
  std::unordered_map<std::string, SourceEntry> m_entries;
};

// Escapes one reference token per RFC 6901 ('~' -> "~0", '/' -> "~1").
std::string escape_pointer_token(std::string_view token);

} // namespace verity
