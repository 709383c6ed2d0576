#include "util/glob.hpp"

#include <string>

namespace verity::util {
namespace {

// Matches one segment pattern (no '/') against one segment, with '*', '?' and '{a,b}'.
bool match_segment(std::string_view pat, std::string_view seg) {
  size_t brace = pat.find('{');
  if (brace != std::string_view::npos) {
    size_t close = pat.find('}', brace);
    if (close != std::string_view::npos) {
      std::string_view head = pat.substr(0, brace);
      std::string_view tail = pat.substr(close + 1);
      std::string_view alts = pat.substr(brace + 1, close - brace - 1);
      size_t start = 0;
      while (true) {
        size_t comma = alts.find(',', start);
        std::string_view alt = alts.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        std::string candidate = std::string(head) + std::string(alt) + std::string(tail);
        if (match_segment(candidate, seg)) {
          return true;
        }
        if (comma == std::string_view::npos) {
          return false;
        }
        start = comma + 1;
      }
    }
  }
  // Iterative wildcard match with one backtrack point: linear in practice, never exponential.
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < seg.size()) {
    if (p < pat.size() && (pat[p] == '?' || pat[p] == seg[s])) {
      ++p;
      ++s;
    } else if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') {
    ++p;
  }
  return p == pat.size();
}

std::string_view next_segment(std::string_view& rest) {
  size_t slash = rest.find('/');
  std::string_view seg = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  return seg;
}

bool match_from(std::string_view pat, std::string_view path) {
  while (!pat.empty()) {
    std::string_view pat_rest = pat;
    std::string_view pseg = next_segment(pat_rest);
    if (pseg == "**") {
      if (pat_rest.empty()) {
        return true; // trailing ** matches everything below
      }
      std::string_view probe = path;
      while (true) {
        if (match_from(pat_rest, probe)) {
          return true;
        }
        if (probe.empty()) {
          return false;
        }
        next_segment(probe);
      }
    }
    if (path.empty()) {
      return false;
    }
    std::string_view path_rest = path;
    std::string_view sseg = next_segment(path_rest);
    if (!match_segment(pseg, sseg)) {
      return false;
    }
    pat = pat_rest;
    path = path_rest;
    if (pat.empty() != path.empty() && pat != "**") {
      if (pat.empty()) {
        return false;
      }
    }
  }
  return path.empty();
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  while (pattern.substr(0, 2) == "./") {
    pattern.remove_prefix(2);
  }
  while (path.substr(0, 2) == "./") {
    path.remove_prefix(2);
  }
  return match_from(pattern, path);
}

} // namespace verity::util
