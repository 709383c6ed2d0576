#include "report/fix_json.hpp"

namespace verity::report {
namespace {

nlohmann::ordered_json position_json(Position p) {
  return {{"line", p.line}, {"column", p.column}};
}

} // namespace

nlohmann::ordered_json fix_json(const Fix& fix) {
  nlohmann::ordered_json j;
  j["description"] = fix.description;
  j["applicable"] = fix.planned;
  if (!fix.planned) {
    j["reason"] = fix.refused;
    return j;
  }
  nlohmann::ordered_json edits = nlohmann::ordered_json::array();
  for (const FixEdit& e : fix.edits) {
    nlohmann::ordered_json edit;
    if (!e.pointer.empty())
      edit["pointer"] = e.pointer;
    edit["start"] = position_json(e.position);
    edit["end"] = position_json(e.end);
    edit["offset"] = e.offset;
    edit["length"] = e.length;
    edit["old"] = e.old_bytes;
    edit["new"] = e.new_bytes;
    edits.push_back(std::move(edit));
  }
  j["edits"] = std::move(edits);
  return j;
}

std::optional<nlohmann::ordered_json> sarif_fixes(const Finding& f,
                                                  const nlohmann::ordered_json& artifact) {
  if (!f.fix || !f.fix->planned)
    return std::nullopt;
  nlohmann::ordered_json replacements = nlohmann::ordered_json::array();
  for (const FixEdit& e : f.fix->edits) {
    nlohmann::ordered_json region;
    region["startLine"] = e.position.line;
    region["startColumn"] = e.position.column;
    region["endLine"] = e.end.line;
    region["endColumn"] = e.end.column;
    replacements.push_back({{"deletedRegion", std::move(region)},
                            {"insertedContent", {{"text", e.new_bytes}}}});
  }
  nlohmann::ordered_json change;
  change["artifactLocation"] = artifact;
  change["replacements"] = std::move(replacements);
  nlohmann::ordered_json fix;
  fix["description"] = {{"text", f.fix->description}};
  fix["artifactChanges"] = nlohmann::ordered_json::array({std::move(change)});
  return nlohmann::ordered_json::array({std::move(fix)});
}

} // namespace verity::report
