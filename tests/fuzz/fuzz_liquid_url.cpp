// Fuzz target: evaluate_liquid_url on arbitrary raw text with a fixed context. Properties: it
// returns (bounded, no recursion); a raw without "{{" or "{%" is Literal and unchanged; only
// Literal and Evaluated carry a URL, only Broken and Unverifiable carry an error; Broken comes
// only from link or post_url.
#include "body/liquid_url.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  static const nlohmann::json page = {{"img", "/a.png"}, {"n", 1}, {"o", {{"k", "v"}}}};
  static const nlohmann::json site_data = {{"a", {{"b", "/d"}}}};
  verity::body::LiquidContext ctx;
  ctx.baseurl = "/base/";
  ctx.url = "https://example.org";
  ctx.page = &page;
  ctx.site_data = &site_data;
  ctx.link = [](std::string_view p) -> std::optional<std::string> {
    return p == "a.md" ? std::optional<std::string>("/a.html") : std::nullopt;
  };
  ctx.post_url = [](std::string_view p) -> std::optional<std::string> {
    return p == "2020-01-02-x" ? std::optional<std::string>("/2020/x.html") : std::nullopt;
  };
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto r = verity::body::evaluate_liquid_url(raw, ctx);
  using Status = verity::body::LiquidUrl::Status;
  bool liquid =
      raw.find("{{") != std::string_view::npos || raw.find("{%") != std::string_view::npos;
  if (!liquid && (r.status != Status::Literal || r.url != raw))
    __builtin_trap();
  if ((r.status == Status::Broken || r.status == Status::Unverifiable) &&
      (!r.url.empty() || r.error.empty()))
    __builtin_trap();
  if (r.status == Status::Broken && raw.find("link") == std::string_view::npos &&
      raw.find("post_url") == std::string_view::npos)
    __builtin_trap();
  return 0;
}
