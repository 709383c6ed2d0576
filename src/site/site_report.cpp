#include "site/site_report.hpp"

#include "site/item_url.hpp"
#include "site/url.hpp"
#include "util/datetime.hpp"
#include "util/printable.hpp"

#include <map>

namespace verity::site {
namespace {

// relative_url without Addressable's normalisation: the served baseurl + url.
std::string href(const SiteConfig& config, const std::string& url) {
  return served_baseurl(config.baseurl) + url;
}

std::string position_text(const ConfigProblem& p) {
  std::string s = p.file.empty() ? "(site)" : p.file;
  if (p.position.line > 0) {
    s += ":" + std::to_string(p.position.line) + ":" + std::to_string(p.position.column);
  }
  return s;
}

} // namespace

nlohmann::json site_to_json(const SiteModel& model) {
  const SiteConfig& c = model.config;
  nlohmann::json out;
  out["config"] = c.config_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.config_file);
  out["baseurl"] = c.baseurl;
  out["url"] = c.url;
  out["collections_dir"] = c.collections_dir;
  out["permalink"] = c.permalink;
  nlohmann::json collections = nlohmann::json::object();
  for (const auto& [label, meta] : c.collections) {
    collections[label] = {{"output", meta.output}, {"permalink", collection_template(c, label)}};
  }
  out["collections"] = collections;
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : model.problems) {
    problems.push_back({{"file", p.file},
                        {"line", p.position.line},
                        {"column", p.position.column},
                        {"message", p.message}});
  }
  out["problems"] = problems;
  nlohmann::json items = nlohmann::json::array();
  size_t output = 0;
  std::map<std::string, size_t> by_kind;
  for (const auto& item : model.items) {
    nlohmann::json j;
    j["source"] = item.source;
    j["kind"] = to_string(item.kind);
    if (!item.collection.empty()) {
      j["collection"] = item.collection;
    }
    if (!item.url.empty()) {
      j["url"] = item.url;
      j["href"] = href(c, item.url);
    }
    j["output"] = item.output.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.output);
    if (!item.reason.empty()) {
      j["reason"] = item.reason;
      j["detail"] = item.detail;
    }
    if (!item.extra_outputs.empty()) {
      nlohmann::json extra = nlohmann::json::array();
      for (const auto& [url, file] : item.extra_outputs) {
        extra.push_back({{"url", url}, {"href", href(c, url)}, {"output", file}});
      }
      j["extra_outputs"] = extra;
    }
    if (item.date) {
      j["date"] = util::format_rfc3339_utc(*item.date);
    }
    output += item.output.empty() ? 0 : 1;
    ++by_kind[to_string(item.kind)];
    items.push_back(std::move(j));
  }
  out["items"] = items;
  out["summary"] = {
      {"output", output}, {"not_output", model.items.size() - output}, {"by_kind", by_kind}};
  return out;
}

std::string site_to_text(const SiteModel& model) {
  std::string out;
  for (const auto& p : model.problems) {
    out += position_text(p) + ": error: " + util::printable(p.message) + "\n";
  }
  size_t output = 0;
  for (const auto& item : model.items) {
    std::string line = util::printable(item.source) + "  [" + to_string(item.kind);
    if (!item.collection.empty()) {
      line += " " + util::printable(item.collection);
    }
    line += "]  ";
    if (!item.output.empty()) {
      ++output;
      line += util::printable(href(model.config, item.url)) + " -> " + util::printable(item.output);
      for (const auto& extra : item.extra_outputs) {
        line += " (and " + util::printable(extra.second) + ")";
      }
    } else {
      line += "not output (" + item.reason + "): " + util::printable(item.detail);
    }
    out += line + "\n";
  }
  out += std::to_string(output) + " output, " + std::to_string(model.items.size() - output) +
         " not output\n";
  return out;
}

} // namespace verity::site
