#include "cli/schema_render.hpp"

#include "infer/outliers.hpp"
#include "util/printable.hpp"

#include <nlohmann/json.hpp>

namespace verity::cli {

std::string outliers_text(const std::vector<engine::InferredCollection>& inferred) {
  std::string out;
  std::string summary;
  for (const auto& c : inferred) {
    for (const auto& o : c.outliers) {
      out += util::printable(o.file) + ":" + std::to_string(o.position.line) + ":" +
             std::to_string(o.position.column) + ": " + util::printable(o.message) + " [" +
             std::string(infer::kind_name(o.kind)) + "]\n";
    }
    summary += util::printable(c.name) + ": " + std::to_string(c.outliers.size()) +
               (c.outliers.size() == 1 ? " outlier" : " outliers") + " in " +
               std::to_string(c.documents) + " documents\n";
  }
  return out + (out.empty() ? "" : "\n") + summary;
}

std::string inferred_json(const std::vector<engine::InferredCollection>& inferred,
                          const infer::InferOptions& options) {
  nlohmann::ordered_json collections = nlohmann::ordered_json::array();
  for (const auto& c : inferred) {
    nlohmann::ordered_json outliers = nlohmann::ordered_json::array();
    for (const auto& o : c.outliers) {
      outliers.push_back({{"document", o.document},
                          {"file", o.file},
                          {"line", o.position.line},
                          {"column", o.position.column},
                          {"pointer", o.pointer},
                          {"kind", infer::kind_name(o.kind)},
                          {"message", o.message},
                          {"agreeing", o.agreeing},
                          {"siblings", o.siblings}});
    }
    collections.push_back({{"name", c.name},
                           {"globs", c.globs},
                           {"from_glob", c.from_glob},
                           {"current_schema", c.schema_source},
                           {"documents", c.documents},
                           {"unreadable", c.unreadable},
                           {"schema", c.schema.to_json()},
                           {"outliers", std::move(outliers)}});
  }
  nlohmann::ordered_json j = {{"options",
                               {{"required_ratio", options.required_ratio},
                                {"enum_max", options.enum_max},
                                {"strict", options.strict}}},
                              {"collections", std::move(collections)}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace verity::cli
