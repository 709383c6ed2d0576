// Fuzz target: the glob matcher. Input: pattern, '\n', path. Properties: never crashes or hangs
// (libFuzzer's -timeout), and agrees with a reference that expands brace groups and matches by
// dynamic programming (a different algorithm with the same semantics), whenever the reference
// is small enough to run.
#include "util/glob.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Atom {
  char kind; // 'l' literal, '?' any byte, '*' any bytes
  char c;
};
using Seq = std::vector<Atom>;

// Expands `{a,b}` groups (the first '{' with a '}' after it; alternatives are literal text with
// '*' and '?'); false when there would be more than `limit` expansions.
bool expand(std::string_view pat, std::vector<Seq>& out, size_t limit) {
  out.assign(1, Seq{});
  auto atom = [](char c) { return Atom{c == '*' ? '*' : (c == '?' ? '?' : 'l'), c}; };
  size_t i = 0;
  while (i < pat.size()) {
    size_t close = pat[i] == '{' ? pat.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      for (auto& s : out) {
        s.push_back(atom(pat[i]));
      }
      ++i;
      continue;
    }
    std::vector<std::string_view> alts;
    std::string_view body = pat.substr(i + 1, close - i - 1);
    for (size_t start = 0;;) {
      size_t comma = body.find(',', start);
      alts.push_back(body.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                        : comma - start));
      if (comma == std::string_view::npos) {
        break;
      }
      start = comma + 1;
    }
    if (out.size() * alts.size() > limit) {
      return false;
    }
    std::vector<Seq> next;
    for (const auto& s : out) {
      for (auto alt : alts) {
        Seq t = s;
        for (char c : alt) {
          t.push_back(atom(c));
        }
        next.push_back(std::move(t));
      }
    }
    out = std::move(next);
    i = close + 1;
  }
  return true;
}

bool wildcard(const Seq& p, std::string_view s) {
  // dp[j]: p[i..] matches s[j..], computed for i from the end.
  std::vector<char> dp(s.size() + 1, 0), next(s.size() + 1, 0);
  dp[s.size()] = 1;
  for (size_t i = p.size(); i-- > 0;) {
    next.assign(s.size() + 1, 0);
    for (size_t j = s.size() + 1; j-- > 0;) {
      if (p[i].kind == '*') {
        next[j] = dp[j] || (j < s.size() && next[j + 1]);
      } else {
        next[j] = j < s.size() && (p[i].kind == '?' || p[i].c == s[j]) && dp[j + 1];
      }
    }
    dp.swap(next);
  }
  return dp[0];
}

std::vector<std::string_view> segments(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t slash = s.find('/');
    out.push_back(s.substr(0, slash));
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash + 1);
  }
  return out;
}

// -1: too big to check.
int reference(std::string_view pattern, std::string_view path) {
  while (pattern.substr(0, 2) == "./") {
    pattern.remove_prefix(2);
  }
  while (path.substr(0, 2) == "./") {
    path.remove_prefix(2);
  }
  auto toks = segments(pattern);
  auto segs = segments(path);
  if (toks.size() * (segs.size() + 1) > 4096) {
    return -1;
  }
  std::vector<std::vector<Seq>> expanded(toks.size());
  for (size_t i = 0; i < toks.size(); ++i) {
    if (toks[i] != "**" && !expand(toks[i], expanded[i], 64)) {
      return -1;
    }
  }
  const size_t k = toks.size(), n = segs.size();
  std::vector<std::vector<char>> dp(k + 1, std::vector<char>(n + 1, 0));
  dp[k][n] = 1;
  for (size_t i = k; i-- > 0;) {
    for (size_t j = n + 1; j-- > 0;) {
      if (toks[i] == "**") {
        dp[i][j] = dp[i + 1][j] || (j < n && dp[i][j + 1]);
      } else if (j < n && dp[i + 1][j + 1]) {
        for (const auto& alt : expanded[i]) {
          if (wildcard(alt, segs[j])) {
            dp[i][j] = 1;
            break;
          }
        }
      }
    }
  }
  return dp[0][0];
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string_view pattern = in.substr(0, nl);
  std::string_view path = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  bool got = verity::util::glob_match(pattern, path);
  if (pattern.size() <= verity::util::k_max_glob_bytes && path.size() <= 512) {
    int want = reference(pattern, path);
    if (want >= 0 && got != (want == 1)) {
      __builtin_trap();
    }
  }
  return 0;
}
