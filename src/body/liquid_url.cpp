// A bounded, non-recursive evaluator of the Liquid subset Jekyll users put in URLs. Anything
// outside the subset is Unverifiable (counted, never reported broken); only {% link %} and
// {% post_url %} that match nothing are Broken, because they abort Jekyll's build.
#include "body/liquid_url.hpp"

#include <vector>

namespace verity::body {

namespace {

using Status = LiquidUrl::Status;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Addressable::URI#absolute?: the text starts with a scheme.
bool has_scheme(std::string_view s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
    return false;
  for (char c : s.substr(1)) {
    if (c == ':')
      return true;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '+' ||
              c == '.' || c == '-';
    if (!ok)
      return false;
  }
  return false;
}

std::string leading_slash(std::string_view s) {
  if (s.empty() || s.front() == '/')
    return std::string(s);
  return "/" + std::string(s);
}

// One tag's inside: "{{- x -}}" gives "x" and both trim flags.
struct Markup {
  std::string_view inner;
  bool trim_before = false, trim_after = false;
  size_t end = 0; // offset just past the closing delimiter
};

std::optional<Markup> read_markup(std::string_view raw, size_t at, std::string_view close) {
  size_t stop = raw.find(close, at + 2);
  if (stop == std::string_view::npos)
    return std::nullopt;
  Markup m;
  m.inner = raw.substr(at + 2, stop - at - 2);
  m.end = stop + close.size();
  if (!m.inner.empty() && m.inner.front() == '-') {
    m.trim_before = true;
    m.inner.remove_prefix(1);
  }
  if (!m.inner.empty() && m.inner.back() == '-') {
    m.trim_after = true;
    m.inner.remove_suffix(1);
  }
  m.inner = trim(m.inner);
  return m;
}

std::string_view tag_name(std::string_view inner) {
  size_t n = 0;
  while (n < inner.size() && !is_space(inner[n]))
    ++n;
  return inner.substr(0, n);
}

// A JSON scalar as Liquid prints it; nullopt for null, arrays and objects.
std::optional<std::string> liquid_text(const nlohmann::json& v) {
  if (v.is_string())
    return v.get<std::string>();
  if (v.is_boolean())
    return v.get<bool>() ? "true" : "false";
  if (v.is_number())
    return v.dump();
  return std::nullopt;
}

std::optional<std::string> walk(const nlohmann::json* root,
                                const std::vector<std::string_view>& keys, size_t from) {
  if (root == nullptr)
    return std::nullopt;
  const nlohmann::json* v = root;
  for (size_t i = from; i < keys.size(); ++i) {
    if (!v->is_object())
      return std::nullopt;
    auto it = v->find(std::string(keys[i]));
    if (it == v->end())
      return std::nullopt;
    v = &*it;
  }
  return liquid_text(*v);
}

std::optional<std::string> variable(std::string_view path, const LiquidContext& ctx) {
  std::vector<std::string_view> keys;
  size_t start = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '.') {
      if (i == start)
        return std::nullopt;
      keys.push_back(path.substr(start, i - start));
      start = i + 1;
      continue;
    }
    char c = path[i];
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '-';
    if (!ok)
      return std::nullopt; // brackets, ranges, operators: not in the subset
  }
  if (keys.size() == 2 && keys[0] == "site" && keys[1] == "baseurl")
    return ctx.baseurl;
  if (keys.size() == 2 && keys[0] == "site" && keys[1] == "url")
    return ctx.url;
  if (keys.size() >= 3 && keys[0] == "site" && keys[1] == "data")
    return walk(ctx.site_data, keys, 2);
  if (keys.size() >= 2 && keys[0] == "page")
    return walk(ctx.page, keys, 1);
  return std::nullopt;
}

// {{ primary | filter | filter }} with the filters relative_url and absolute_url only.
std::optional<std::string> output(std::string_view inner, const LiquidContext& ctx) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  char quote = 0;
  for (size_t i = 0; i < inner.size(); ++i) {
    char c = inner[i];
    if (quote != 0) {
      if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '|') {
      parts.push_back(trim(inner.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (quote != 0)
    return std::nullopt;
  parts.push_back(trim(inner.substr(start)));
  std::string_view primary = parts[0];
  std::optional<std::string> value;
  if (primary.size() >= 2 && (primary.front() == '\'' || primary.front() == '"') &&
      primary.back() == primary.front())
    value = std::string(primary.substr(1, primary.size() - 2));
  else
    value = variable(primary, ctx);
  if (!value)
    return std::nullopt;
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i] == "relative_url")
      value = jekyll_relative_url(*value, ctx.baseurl);
    else if (parts[i] == "absolute_url")
      value = jekyll_absolute_url(*value, ctx.baseurl, ctx.url);
    else
      return std::nullopt;
  }
  return value;
}

// post_url's MATCHER ^(.+/)*(\d+-\d+-\d+)-(.*)$: the date may start the name or follow any '/'.
// Each candidate scan stops at its '/', so the whole test is linear.
bool post_name_parses(std::string_view name) {
  for (size_t p = 0; p < name.size(); p = name.find('/', p) + 1) {
    size_t i = p;
    int groups = 0;
    while (groups < 3) {
      size_t digits = i;
      while (i < name.size() && is_digit(name[i]))
        ++i;
      if (i == digits || i >= name.size() || name[i] != '-')
        break;
      ++i;
      ++groups;
    }
    if (groups == 3)
      return true;
    if (name.find('/', p) == std::string_view::npos)
      break;
  }
  return false;
}

LiquidUrl unverifiable(std::string why) {
  return {Status::Unverifiable, {}, std::move(why)};
}
LiquidUrl broken(std::string why) {
  return {Status::Broken, {}, std::move(why)};
}

} // namespace

std::string jekyll_relative_url(std::string_view input, std::string_view baseurl) {
  if (has_scheme(input))
    return std::string(input);
  std::string base(baseurl);
  if (!base.empty() && base.back() == '/')
    base.pop_back(); // String#chomp("/") removes one
  return leading_slash(base) + leading_slash(input);
}

std::string jekyll_absolute_url(std::string_view input, std::string_view baseurl,
                                std::string_view site_url) {
  if (has_scheme(input))
    return std::string(input);
  if (site_url.empty())
    return jekyll_relative_url(input, baseurl);
  return std::string(site_url) + jekyll_relative_url(input, baseurl);
}

LiquidUrl evaluate_liquid_url(std::string_view raw, const LiquidContext& ctx) {
  if (raw.find("{{") == std::string_view::npos && raw.find("{%") == std::string_view::npos)
    return {Status::Literal, std::string(raw), {}};
  if (raw.size() > kMaxLiquidUrlLength)
    return unverifiable("Liquid in a URL longer than the evaluator reads");
  std::string out;
  bool trim_next = false;
  auto literal = [&](std::string_view text) {
    if (trim_next)
      while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    trim_next = false;
    out += text;
  };
  size_t at = 0;
  while (at < raw.size()) {
    size_t open = std::min(raw.find("{{", at), raw.find("{%", at));
    if (open == std::string_view::npos) {
      literal(raw.substr(at));
      break;
    }
    literal(raw.substr(at, open - at));
    bool is_tag = raw[open + 1] == '%';
    auto m = read_markup(raw, open, is_tag ? "%}" : "}}");
    if (!m)
      return unverifiable("unclosed Liquid markup");
    if (m->trim_before)
      while (!out.empty() && is_space(out.back()))
        out.pop_back();
    at = m->end;
    if (!is_tag) {
      auto value = output(m->inner, ctx);
      if (!value)
        return unverifiable("Liquid outside the evaluated subset: {{ " + std::string(m->inner) +
                            " }}");
      out += *value;
      if (out.size() > kMaxLiquidUrlLength) // page.x is up to a front-matter value, repeated
        return unverifiable("Liquid in a URL that evaluates longer than the evaluator keeps");
      trim_next = m->trim_after;
      continue;
    }
    std::string_view name = tag_name(m->inner);
    std::string_view arg = trim(m->inner.substr(name.size()));
    if (name == "raw") {
      // Literal up to the next {% endraw %} (Liquid's raw takes the first one).
      size_t scan = at;
      std::optional<Markup> end;
      size_t end_open = std::string_view::npos;
      while ((end_open = raw.find("{%", scan)) != std::string_view::npos) {
        end = read_markup(raw, end_open, "%}");
        if (!end)
          break;
        if (tag_name(end->inner) == "endraw")
          break;
        scan = end_open + 2;
        end.reset();
      }
      if (!end)
        return unverifiable("{% raw %} without {% endraw %}");
      trim_next = m->trim_after;
      literal(raw.substr(at, end_open - at));
      if (end->trim_before)
        while (!out.empty() && is_space(out.back()))
          out.pop_back();
      at = end->end;
      trim_next = end->trim_after;
      continue;
    }
    if ((name == "link" || name == "post_url") && arg.find("{{") != std::string_view::npos)
      return unverifiable("a Liquid expression inside {% " + std::string(name) + " %}");
    if (name == "link") {
      if (!ctx.link)
        return unverifiable("{% link %} without a site to look it up");
      auto target = ctx.link(arg);
      if (!target)
        return broken("Could not find document '" + std::string(arg) +
                      "' in tag 'link'.\n\nMake sure the document exists and the path is "
                      "correct.\n");
      out += jekyll_relative_url(*target, ctx.baseurl);
    } else if (name == "post_url") {
      std::string_view post = arg;
      if (!post.empty() && post.front() == '/')
        post.remove_prefix(1);
      if (!post_name_parses(post))
        return broken("Could not parse name of post \"" + std::string(arg) +
                      "\" in tag 'post_url'.\n Make sure the post exists and the name is "
                      "correct.\n Jekyll::Errors::InvalidPostNameError: '" +
                      std::string(post) + "' does not contain valid date and/or title.\n");
      if (!ctx.post_url)
        return unverifiable("{% post_url %} without a site to look it up");
      auto target = ctx.post_url(post);
      if (!target)
        return broken("Could not find post \"" + std::string(arg) +
                      "\" in tag 'post_url'.\nMake sure the post exists and the name is "
                      "correct.\n");
      out += jekyll_relative_url(*target, ctx.baseurl);
    } else {
      return unverifiable("Liquid tag outside the evaluated subset: {% " + std::string(name) +
                          " %}");
    }
    trim_next = m->trim_after;
  }
  if (out.size() > kMaxLiquidUrlLength)
    return unverifiable("Liquid in a URL that evaluates longer than the evaluator keeps");
  return {Status::Evaluated, std::move(out), {}};
}

} // namespace verity::body
