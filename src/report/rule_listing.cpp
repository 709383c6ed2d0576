#include "report/rule_listing.hpp"

#include "rules/catalogue.hpp"

#include <set>

namespace verity::report {
namespace {

std::string text_list() {
  std::string out;
  for (const rules::Rule* r : rules::all()) {
    out += std::string(r->id) + " (" + std::string(to_string(r->default_severity)) +
           (rules::fixable(*r) ? ", fixable" : "") + "): " + std::string(r->short_description) +
           ". " + std::string(r->help) + "\n";
  }
  return out;
}

std::string json_list() {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const rules::Rule* r : rules::all()) {
    list.push_back({{"id", r->id},
                    {"default_severity", to_string(r->default_severity)},
                    {"short_description", r->short_description},
                    {"full_description", r->full_description},
                    {"help", r->help},
                    {"fixable", rules::fixable(*r)}});
    if (rules::fixable(*r))
      list.back()["fix"] = rules::fix_text(*r);
  }
  nlohmann::ordered_json j;
  j["rules"] = std::move(list);
  return j.dump(2) + "\n";
}

// A table cell: a '|' would end the cell, a line break the row.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c == '\n' ? ' ' : c;
    }
  }
  return out;
}

std::string markdown_list() {
  std::string out = "| rule | default | what it means | what to do | `verity fix` |\n"
                    "|---|---|---|---|---|\n";
  for (const rules::Rule* r : rules::all()) {
    out += "| `" + std::string(r->id) + "` | " + std::string(to_string(r->default_severity)) +
           " | " + cell(r->short_description) + " | " + cell(r->help) + " | " +
           cell(rules::fix_text(*r)) + " |\n";
  }
  return out;
}

} // namespace

std::optional<RuleListFormat> parse_rule_list_format(std::string_view name) {
  if (name == "text") {
    return RuleListFormat::Text;
  }
  if (name == "json") {
    return RuleListFormat::Json;
  }
  if (name == "markdown") {
    return RuleListFormat::Markdown;
  }
  return std::nullopt;
}

std::string list_rules(RuleListFormat format) {
  switch (format) {
  case RuleListFormat::Json:
    return json_list();
  case RuleListFormat::Markdown:
    return markdown_list();
  case RuleListFormat::Text:
    break;
  }
  return text_list();
}

nlohmann::ordered_json rules_of(const Findings& findings) {
  std::set<std::string_view> ids;
  for (const auto& f : findings) {
    ids.insert(f.rule);
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (std::string_view id : ids) {
    // An id outside the catalogue can only come from a merged report of another version.
    if (const rules::Rule* r = rules::find(id)) {
      out[std::string(id)] = {{"default_severity", to_string(r->default_severity)},
                              {"short_description", r->short_description}};
    }
  }
  return out;
}

} // namespace verity::report
