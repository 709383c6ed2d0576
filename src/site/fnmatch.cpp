// The classic one-star-backtrack matcher: a '*' remembers where it started, and a mismatch
// later retries with the star taking one more character. Without FNM_PATHNAME every star is
// the same, so one remembered star is enough and matching is O(pattern * path).
#include "site/fnmatch.hpp"

namespace verity::site {
namespace {

// Matches one bracket expression at pattern[p] ('[') against `c`. Sets `end` to the index after
// ']'; false with end = p when the bracket is not closed (it is then a literal '[').
bool match_class(std::string_view pattern, size_t p, char c, size_t& end, bool& matched) {
  size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) {
    ++i;
  }
  bool hit = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    char lo = pattern[i];
    if (lo == '\\' && i + 1 < pattern.size()) {
      lo = pattern[++i];
    }
    ++i;
    char hi = lo;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      hi = pattern[i + 1];
      if (hi == '\\' && i + 2 < pattern.size()) {
        hi = pattern[i + 2];
        ++i;
      }
      i += 2;
    }
    if (c >= lo && c <= hi) {
      hit = true;
    }
  }
  if (i >= pattern.size()) {
    end = p;
    return false;
  }
  end = i + 1;
  matched = hit != negate;
  return true;
}

} // namespace

bool ruby_fnmatch(std::string_view pattern, std::string_view path) {
  size_t p = 0;
  size_t s = 0;
  size_t star_p = std::string_view::npos;
  size_t star_s = 0;
  while (s < path.size()) {
    bool advanced = false;
    if (p < pattern.size()) {
      char pc = pattern[p];
      if (pc == '*') {
        while (p < pattern.size() && pattern[p] == '*') {
          ++p;
        }
        star_p = p;
        star_s = s;
        continue;
      }
      if (pc == '?') {
        ++p;
        ++s;
        advanced = true;
      } else if (pc == '[') {
        size_t end = p;
        bool matched = false;
        if (match_class(pattern, p, path[s], end, matched)) {
          if (matched) {
            p = end;
            ++s;
            advanced = true;
          }
        } else if (path[s] == '[') {
          ++p;
          ++s;
          advanced = true;
        }
      } else {
        char literal = pc;
        size_t width = 1;
        if (pc == '\\' && p + 1 < pattern.size()) {
          literal = pattern[p + 1];
          width = 2;
        }
        if (literal == path[s]) {
          p += width;
          ++s;
          advanced = true;
        }
      }
    }
    if (!advanced) {
      if (star_p == std::string_view::npos) {
        return false;
      }
      p = star_p;
      s = ++star_s;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

} // namespace verity::site
