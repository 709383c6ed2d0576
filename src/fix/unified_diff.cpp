#include "fix/unified_diff.hpp"

#include <algorithm>
#include <vector>

namespace verity::fix {
namespace {

constexpr std::size_t k_context = 3;

// Lines with their line break; the last may have none.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

void emit_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (!line.ends_with('\n'))
    out += "\n\\ No newline at end of file\n";
}

std::string range(std::size_t first, std::size_t count) {
  // diff -u numbers an empty range by the line before it.
  const std::size_t start = count == 0 ? first : first + 1;
  return std::to_string(start) + (count == 1 ? "" : "," + std::to_string(count));
}

} // namespace

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after) {
  if (before == after)
    return "";
  const auto a = lines_of(before);
  const auto b = lines_of(after);
  // Pairs of changed ranges [a_begin, a_end) -> [b_begin, b_end). Fixes never add or remove a
  // line, so lines pair up one to one; when they do not, one range covers everything between the
  // common prefix and the common suffix.
  struct Change {
    std::size_t a_begin, a_end, b_begin, b_end;
  };
  std::vector<Change> changes;
  if (a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i])
        continue;
      if (!changes.empty() && changes.back().a_end == i) {
        ++changes.back().a_end;
        ++changes.back().b_end;
      } else {
        changes.push_back({i, i + 1, i, i + 1});
      }
    }
  } else {
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
      ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
      ++suffix;
    changes.push_back({prefix, a.size() - suffix, prefix, b.size() - suffix});
  }
  std::string out = "--- a/" + std::string(path) + "\n+++ b/" + std::string(path) + "\n";
  std::size_t i = 0;
  while (i < changes.size()) {
    // Changes closer than twice the context share one hunk.
    std::size_t j = i;
    while (j + 1 < changes.size() && changes[j + 1].a_begin - changes[j].a_end <= 2 * k_context)
      ++j;
    const std::size_t a_first = changes[i].a_begin - std::min(changes[i].a_begin, k_context);
    const std::size_t a_last = std::min(a.size(), changes[j].a_end + k_context);
    const std::size_t lead = changes[i].a_begin - a_first;
    const std::size_t b_first = changes[i].b_begin - lead;
    const std::size_t trail = a_last - changes[j].a_end;
    const std::size_t b_last = changes[j].b_end + trail;
    out += "@@ -" + range(a_first, a_last - a_first) + " +" + range(b_first, b_last - b_first) +
           " @@\n";
    std::size_t ai = a_first;
    for (std::size_t k = i; k <= j; ++k) {
      for (; ai < changes[k].a_begin; ++ai)
        emit_line(out, ' ', a[ai]);
      for (std::size_t x = changes[k].a_begin; x < changes[k].a_end; ++x)
        emit_line(out, '-', a[x]);
      for (std::size_t x = changes[k].b_begin; x < changes[k].b_end; ++x)
        emit_line(out, '+', b[x]);
      ai = changes[k].a_end;
    }
    for (; ai < a_last; ++ai)
      emit_line(out, ' ', a[ai]);
    i = j + 1;
  }
  return out;
}

} // namespace verity::fix
