#include "config/trust.hpp"

#include "config/config.hpp"
#include "verity/source_map.hpp"

#include <sstream>

namespace verity::config {

namespace {

constexpr const char* k_how = "a verity.yaml in the checked tree may only restrict verity; ";

// Built-in defaults, taken from the structs themselves so that the boundary moves with them.
const frontmatter::LoadLimits k_limits{};
const LinksConfig k_links{};
const std::uint64_t k_max_image_bytes = Config{}.max_image_bytes;

template <typename T> std::string text(T value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

} // namespace

const std::vector<std::string>& limit_names() {
  static const std::vector<std::string> k_names{"max_file_bytes", "max_front_matter_bytes",
                                                "max_depth", "max_image_bytes"};
  return k_names;
}

std::vector<std::string>
widening_settings(const nlohmann::json& j,
                  const std::function<std::string(const std::string&)>& where) {
  std::vector<std::string> out;
  auto refuse = [&](const std::string& pointer, const std::string& what, const std::string& fix) {
    out.push_back(where(pointer) + ": " + what + ": " + k_how + fix +
                  ", or put it in a config given with --trusted-config FILE");
  };
  if (j.value("network", false)) {
    refuse("/network", "`network: true` would turn the network on", "pass --online");
  }

  if (auto it = j.find("limits"); it != j.end()) {
    auto above = [&](const char* key, std::uint64_t builtin) {
      if (it->contains(key) && (*it)[key].get<std::uint64_t>() > builtin) {
        refuse(std::string("/limits/") + key,
               std::string("limits.") + key + " above the built-in " + text(builtin),
               std::string("pass --limit ") + key + "=VALUE");
      }
    };
    above("max_file_bytes", k_limits.max_file_bytes);
    above("max_front_matter_bytes", k_limits.max_front_matter_bytes);
    above("max_depth", k_limits.max_depth);
    above("max_image_bytes", k_max_image_bytes);
  }

  auto links = j.find("links");
  if (links == j.end()) {
    return out;
  }
  const nlohmann::json& l = *links;
  if (l.value("allow_private", false)) {
    refuse("/links/allow_private", "links.allow_private would open private addresses",
           "pass --allow-private");
  }
  if (!l.value("allow_addresses", nlohmann::json::array()).empty()) {
    refuse("/links/allow_addresses", "links.allow_addresses would open private addresses",
           "pass --allow-address ADDRESS");
  }
  if (auto cache = l.find("cache"); cache != l.end() && cache->is_string()) {
    // The default cache lives outside the checkout; a path here could only point at a cache the
    // pull request committed, whose rows would mark dead links as alive.
    refuse("/links/cache", "links.cache would read link results from a file in the checkout",
           "use `cache: false` or the default (the user's cache directory)");
  }
  auto more_than = [&](const std::string& pointer, const std::string& name,
                       const nlohmann::json* value, double builtin) {
    if (value && value->get<double>() > builtin) {
      refuse(pointer, name + " above the built-in " + text(builtin), "lower it");
    }
  };
  auto less_than = [&](const std::string& pointer, const std::string& name,
                       const nlohmann::json* value, double builtin) {
    if (value && value->get<double>() < builtin) {
      refuse(pointer, name + " below the built-in " + text(builtin), "raise it");
    }
  };
  auto member = [](const nlohmann::json& obj, const char* key) -> const nlohmann::json* {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  };
  more_than("/links/concurrency", "links.concurrency", member(l, "concurrency"),
            k_links.concurrency);
  more_than("/links/per_host", "links.per_host", member(l, "per_host"), k_links.per_host);
  less_than("/links/interval_ms", "links.interval_ms", member(l, "interval_ms"),
            static_cast<double>(k_links.interval_ms));
  more_than("/links/timeout", "links.timeout", member(l, "timeout"), k_links.timeout_seconds);
  more_than("/links/connect_timeout", "links.connect_timeout", member(l, "connect_timeout"),
            k_links.connect_timeout_seconds);
  more_than("/links/retries", "links.retries", member(l, "retries"), k_links.retries);
  if (const auto* age = member(l, "max_cache_age")) {
    auto seconds = parse_duration_seconds(age->get<std::string>());
    if (seconds && *seconds > k_links.max_cache_age_seconds) {
      refuse("/links/max_cache_age", "links.max_cache_age longer than the built-in 1d",
             "pass --max-cache-age");
    }
  }
  const nlohmann::json hosts = l.value("hosts", nlohmann::json::object()); // not a temporary
  for (auto& [name, host] : hosts.items()) {
    std::string pointer = "/links/hosts/" + escape_pointer_token(name);
    more_than(pointer + "/concurrency", "links.hosts." + name + ".concurrency",
              member(host, "concurrency"), k_links.per_host);
    less_than(pointer + "/interval_ms", "links.hosts." + name + ".interval_ms",
              member(host, "interval_ms"), static_cast<double>(k_links.interval_ms));
  }
  return out;
}

} // namespace verity::config
