// Globs run as two nested NFAs, simulated with state sets: over path segments (a `**` token
// stays active while it consumes segments) and, within a segment, over bytes (a `*` stays
// active while it consumes bytes; a brace group forks into its alternatives). Nothing is
// expanded and nothing backtracks, so a match costs at most pattern length x path length,
// whatever the number of `**` or brace groups (the backtracking matcher this replaces took
// exponential time on `**/**/...` and expanded every brace combination).
#include "util/glob.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace verity::util {
namespace {

// One segment pattern ('*', '?', literals, `{a,b}` groups) as a small NFA over bytes.
class SegmentNfa {
public:
  explicit SegmentNfa(std::string_view pat) { build(pat); }

  bool matches(std::string_view seg) const {
    std::vector<uint32_t> current, next;
    std::vector<uint32_t> seen(m_nodes.size(), 0);
    uint32_t generation = 1;
    bool accept = add(0, current, seen, generation);
    for (char ch : seg) {
      if (current.empty()) {
        return false;
      }
      ++generation;
      next.clear();
      accept = false;
      for (uint32_t s : current) {
        const Node& n = m_nodes[s];
        if (n.kind == Kind::Star) {
          accept = add(s, next, seen, generation) || accept;
        } else if (n.kind == Kind::Any || (n.kind == Kind::Byte && n.byte == ch)) {
          accept = add(n.next, next, seen, generation) || accept;
        }
      }
      current.swap(next);
    }
    return accept;
  }

private:
  enum class Kind : uint8_t { Byte, Any, Star, Fork, Jump, Match };
  struct Node {
    Kind kind = Kind::Match;
    char byte = 0;
    uint32_t next = 0;                   // the following node (Byte, Any, Star, Jump)
    uint32_t alt_begin = 0, alt_end = 0; // Fork: its alternatives' first nodes in m_alts
  };

  uint32_t push(Kind kind, char byte = 0) {
    Node n;
    n.kind = kind;
    n.byte = byte;
    n.next = static_cast<uint32_t>(m_nodes.size()) + 1;
    m_nodes.push_back(n);
    return static_cast<uint32_t>(m_nodes.size()) - 1;
  }

  void push_atom(char c) { push(c == '*' ? Kind::Star : (c == '?' ? Kind::Any : Kind::Byte), c); }

  // The first '{' that has a '}' after it opens a group of ','-separated alternatives of
  // literals, '*' and '?'; anything else is literal.
  void build(std::string_view pat) {
    size_t i = 0;
    while (i < pat.size()) {
      size_t close = pat[i] == '{' ? pat.find('}', i) : std::string_view::npos;
      if (close == std::string_view::npos) {
        push_atom(pat[i++]);
        continue;
      }
      build_group(pat.substr(i + 1, close - i - 1));
      i = close + 1;
    }
    push(Kind::Match);
  }

  void build_group(std::string_view alts) {
    uint32_t fork = push(Kind::Fork);
    std::vector<uint32_t> starts, ends; // ends: nodes whose `next` must become the join
    size_t start = 0;
    while (true) {
      size_t comma = alts.find(',', start);
      std::string_view alt = alts.substr(
          start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (alt.empty()) {
        starts.push_back(UINT32_MAX); // straight to the join
      } else {
        starts.push_back(static_cast<uint32_t>(m_nodes.size()));
        for (char c : alt) {
          push_atom(c);
        }
        ends.push_back(static_cast<uint32_t>(m_nodes.size()) - 1);
      }
      if (comma == std::string_view::npos) {
        break;
      }
      start = comma + 1;
    }
    uint32_t join = push(Kind::Jump);
    for (uint32_t e : ends) {
      m_nodes[e].next = join;
    }
    m_nodes[fork].alt_begin = static_cast<uint32_t>(m_alts.size());
    for (uint32_t s : starts) {
      m_alts.push_back(s == UINT32_MAX ? join : s);
    }
    m_nodes[fork].alt_end = static_cast<uint32_t>(m_alts.size());
  }

  // Adds `state` and everything reachable from it without consuming a byte to `list`; true
  // when the end of the pattern is among them. Iterative: a pattern cannot deepen the stack.
  bool add(uint32_t state, std::vector<uint32_t>& list, std::vector<uint32_t>& seen,
           uint32_t generation) const {
    bool accept = false;
    std::vector<uint32_t> stack{state};
    while (!stack.empty()) {
      uint32_t s = stack.back();
      stack.pop_back();
      if (seen[s] == generation) {
        continue;
      }
      seen[s] = generation;
      const Node& n = m_nodes[s];
      switch (n.kind) {
      case Kind::Match:
        accept = true;
        break;
      case Kind::Fork:
        for (uint32_t a = n.alt_begin; a < n.alt_end; ++a) {
          stack.push_back(m_alts[a]);
        }
        break;
      case Kind::Jump:
        stack.push_back(n.next);
        break;
      case Kind::Star:
        list.push_back(s);
        stack.push_back(n.next);
        break;
      case Kind::Byte:
      case Kind::Any:
        list.push_back(s);
        break;
      }
    }
    return accept;
  }

  std::vector<Node> m_nodes;
  std::vector<uint32_t> m_alts;
};

std::string_view next_segment(std::string_view& rest) {
  size_t slash = rest.find('/');
  std::string_view seg = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  return seg;
}

struct Token {
  bool globstar = false;
  std::optional<SegmentNfa> segment; // when not a globstar
};

// Marks the states reachable through `**` tokens, which may match no segment at all.
void close_over_globstars(const std::vector<Token>& tokens, std::vector<char>& active) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (active[i] && tokens[i].globstar) {
      active[i + 1] = 1;
    }
  }
}

// The matcher itself, on a pattern and a path already stripped of leading "./".
bool match_segments(std::string_view pattern, std::string_view path) {
  std::vector<Token> tokens;
  for (std::string_view rest = pattern; !rest.empty();) {
    std::string_view seg = next_segment(rest);
    Token t;
    t.globstar = seg == "**";
    if (!t.globstar) {
      t.segment.emplace(seg);
    }
    tokens.push_back(std::move(t));
  }
  // active[i]: the next token to match is tokens[i]; active[size]: the whole pattern matched.
  std::vector<char> active(tokens.size() + 1, 0), next(tokens.size() + 1, 0);
  active[0] = 1;
  close_over_globstars(tokens, active);
  for (std::string_view rest = path; !rest.empty();) {
    std::string_view seg = next_segment(rest);
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!active[i]) {
        continue;
      }
      if (tokens[i].globstar) {
        next[i] = 1;
        any = true;
      } else if (tokens[i].segment->matches(seg)) {
        next[i + 1] = 1;
        any = true;
      }
    }
    if (!any) {
      return false;
    }
    active.swap(next);
    close_over_globstars(tokens, active);
  }
  return active[tokens.size()] != 0;
}

} // namespace

namespace {

// `./a` and `a` name the same file, in a pattern and in a path.
void strip_leading_dot_slash(std::string_view& pattern, std::string_view& path) {
  while (pattern.substr(0, 2) == "./") {
    pattern.remove_prefix(2);
  }
  while (path.substr(0, 2) == "./") {
    path.remove_prefix(2);
  }
}

} // namespace

namespace detail {
bool glob_match_without_prefix_check(std::string_view pattern, std::string_view path) {
  strip_leading_dot_slash(pattern, path);
  return pattern.size() <= k_max_glob_bytes && match_segments(pattern, path);
}
} // namespace detail

bool glob_match(std::string_view pattern, std::string_view path) {
  strip_leading_dot_slash(pattern, path);
  if (pattern.size() > k_max_glob_bytes) {
    return false; // refused when the configuration is loaded; never worth matching
  }
  // Up to its first '*', '?' or '{' a pattern is literal, segment for segment: a path that does
  // not start with those bytes cannot match. Discovery asks every file against every
  // collection's globs, and most pairs end here, before any matcher is built.
  // (Without its last '/': `a/**` matches `a`, and `a/` matches `a`.)
  std::string_view literal = pattern.substr(0, pattern.find_first_of("*?{"));
  if (literal.ends_with('/')) {
    literal.remove_suffix(1);
  }
  if (!path.starts_with(literal)) {
    return false;
  }
  return match_segments(pattern, path);
}

} // namespace verity::util
