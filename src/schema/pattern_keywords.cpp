#include "schema/pattern_keywords.hpp"

#include "schema/schema_walk.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <deque>
#include <new>
#include <stdexcept>

namespace verity::schema {
namespace {

// Keywords of the valijson copy only (a schema's own "x-verity-" keys are dropped first).
const std::string k_reserved_prefix = "x-verity-";
const std::string k_pattern_key = "x-verity-pattern";
const std::string k_properties_key = "x-verity-pattern-properties"; // value: index of a Spec
const std::string k_names_key = "x-verity-property-names";          // value: stash index
const std::string k_stash_key = "x-verity-stash";

// valijson's own wording, so that the messages and rule ids stay what they were.
const char* const k_pattern_failed = "Failed to match regex specified by 'pattern' constraint.";

class PatternConstraint : public valijson::constraints::PolyConstraint {
public:
  explicit PatternConstraint(util::Pattern pattern) : m_pattern(std::move(pattern)) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isString() || m_pattern.search(target.asString())) {
      return true;
    }
    if (results) {
      results->pushError(context, k_pattern_failed);
    }
    return false;
  }

private:
  valijson::constraints::Constraint* cloneInto(void* p) const override {
    return new (p) PatternConstraint(*this);
  }
  size_t sizeOf() const override { return sizeof(PatternConstraint); }

  util::Pattern m_pattern;
};

// Validates `value` against a stashed schema; errors go to `results` under context + [name].
bool validate_stashed(const PatternKeywords& owner, size_t stashed, const std::string& name,
                      const valijson::adapters::Adapter& value,
                      const std::vector<std::string>& context,
                      valijson::ValidationResults* results) {
  // applyToObject hands out the adapter type the document was validated with.
  const auto* json = dynamic_cast<const valijson::adapters::NlohmannJsonAdapter*>(&value);
  if (!json) {
    if (results) {
      results->pushError(context, "schema validation failed: unexpected value type");
    }
    return false;
  }
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  if (!results) {
    return validator.validate(owner.stashed(stashed), *json, nullptr);
  }
  valijson::ValidationResults nested;
  bool ok = validator.validate(owner.stashed(stashed), *json, &nested);
  valijson::ValidationResults::Error e;
  while (nested.popError(e)) {
    std::vector<std::string> where = context;
    where.push_back("[" + name + "]");
    // The nested run starts at "<root>": that is this member.
    where.insert(where.end(), e.context.begin() + (e.context.empty() ? 0 : 1), e.context.end());
    results->pushError(where, e.description);
  }
  return ok;
}

// valijson's propertyNames reports nothing when a name fails (it validates without results),
// so an invalid key went unreported; this one names it.
class PropertyNamesConstraint : public valijson::constraints::PolyConstraint {
public:
  PropertyNamesConstraint(const PatternKeywords* owner, size_t stashed)
      : m_owner(owner), m_stashed(stashed) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isObject()) {
      return true;
    }
    bool ok = true;
    target.applyToObject([&](const std::string& name, const valijson::adapters::Adapter&) {
      const nlohmann::json as_json = name;
      valijson::adapters::NlohmannJsonAdapter adapter(as_json);
      if (!validate_stashed(*m_owner, m_stashed, name, adapter, context, nullptr)) {
        if (results) {
          std::vector<std::string> where = context;
          where.push_back("[" + name + "]");
          results->pushError(where, "Property name does not match propertyNames: '" + name + "'");
        }
        ok = false;
      }
      return ok || results != nullptr;
    });
    return ok;
  }

private:
  valijson::constraints::Constraint* cloneInto(void* p) const override {
    return new (p) PropertyNamesConstraint(*this);
  }
  size_t sizeOf() const override { return sizeof(PropertyNamesConstraint); }

  const PatternKeywords* m_owner;
  size_t m_stashed;
};

class PatternPropertiesConstraint : public valijson::constraints::PolyConstraint {
public:
  PatternPropertiesConstraint(const PatternKeywords* owner, size_t spec)
      : m_owner(owner), m_spec(spec) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isObject()) {
      return true;
    }
    const PatternKeywords::Spec& spec = m_owner->spec(m_spec);
    bool ok = true;
    bool denied = false;
    target.applyToObject([&](const std::string& name, const valijson::adapters::Adapter& value) {
      bool matched = std::binary_search(spec.names.begin(), spec.names.end(), name);
      for (const auto& [pattern, stashed] : spec.patterns) {
        if (pattern.search(name)) {
          matched = true;
          ok = validate_member(stashed, name, value, context, results) && ok;
        }
      }
      if (!matched && spec.additional == PatternKeywords::Additional::Schema) {
        ok = validate_member(spec.additional_schema, name, value, context, results) && ok;
      } else if (!matched && spec.additional == PatternKeywords::Additional::Deny) {
        if (results && !denied) {
          results->pushError(context, "Object contains a property that could not be validated "
                                      "using 'properties' or 'additionalProperties' "
                                      "constraints: '" +
                                          name + "'.");
        }
        denied = true;
        ok = false;
      }
      return ok || results != nullptr; // without results, the first failure decides
    });
    return ok;
  }

private:
  bool validate_member(size_t stashed, const std::string& name,
                       const valijson::adapters::Adapter& value,
                       const std::vector<std::string>& context,
                       valijson::ValidationResults* results) const {
    return validate_stashed(*m_owner, stashed, name, value, context, results);
  }

  valijson::constraints::Constraint* cloneInto(void* p) const override {
    return new (p) PatternPropertiesConstraint(*this);
  }
  size_t sizeOf() const override { return sizeof(PatternPropertiesConstraint); }

  const PatternKeywords* m_owner;
  size_t m_spec;
};

class PatternBuilder : public valijson::ConstraintBuilder {
public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    std::string error;
    auto pattern = util::Pattern::compile(value.asString(), error);
    if (!pattern) {
      throw std::runtime_error(error); // the lint compiled it already
    }
    return new PatternConstraint(std::move(*pattern));
  }
};

class PatternPropertiesBuilder : public valijson::ConstraintBuilder {
public:
  explicit PatternPropertiesBuilder(const PatternKeywords* owner) : m_owner(owner) {}
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    return new PatternPropertiesConstraint(m_owner, std::stoul(value.asString()));
  }

private:
  const PatternKeywords* m_owner;
};

class PropertyNamesBuilder : public valijson::ConstraintBuilder {
public:
  explicit PropertyNamesBuilder(const PatternKeywords* owner) : m_owner(owner) {}
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    return new PropertyNamesConstraint(m_owner, std::stoul(value.asString()));
  }

private:
  const PatternKeywords* m_owner;
};

void populate(nlohmann::json& doc, valijson::Schema& out, const PatternKeywords* owner) {
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.addConstraintBuilder(k_pattern_key, new PatternBuilder()); // the parser owns builders
  parser.addConstraintBuilder(k_properties_key, new PatternPropertiesBuilder(owner));
  parser.addConstraintBuilder(k_names_key, new PropertyNamesBuilder(owner));
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  parser.populateSchema(adapter, out);
}

} // namespace

PatternKeywords::PatternKeywords() = default;
PatternKeywords::~PatternKeywords() = default;

void PatternKeywords::prepare(nlohmann::json& doc) {
  // 1. Keywords valijson must not see: `format` (verity checks formats), `id` (valijson matches
  // it against a URN regex of the standard library), anything named like verity's own; `pattern` renamed.
  for_each_schema_mut(doc, [](nlohmann::json& s) {
    for (auto it = s.begin(); it != s.end();) {
      it = it.key().rfind(k_reserved_prefix, 0) == 0 ? s.erase(it) : std::next(it);
    }
    s.erase("format");
    s.erase("id");
    if (auto it = s.find("pattern"); it != s.end()) {
      nlohmann::json pattern = std::move(*it);
      s.erase(it);
      s[k_pattern_key] = std::move(pattern);
    }
  });
  // 2. patternProperties (with its additionalProperties) -> a Spec, subschemas to the stash;
  // propertyNames -> its stashed schema.
  // A deque: stashing while walking a stashed schema must not move the one being walked.
  std::deque<nlohmann::json> stash;
  auto move_out = [&](nlohmann::json& root) {
    for_each_schema_mut(root, [&](nlohmann::json& s) {
      if (auto pn = s.find("propertyNames"); pn != s.end()) {
        stash.push_back(std::move(*pn));
        s.erase(pn);
        s[k_names_key] = std::to_string(stash.size() - 1);
      }
      auto pp = s.find("patternProperties");
      if (pp == s.end() || !pp->is_object()) {
        return;
      }
      Spec spec;
      for (auto& [source, sub] : pp->items()) {
        std::string error;
        auto pattern = util::Pattern::compile(source, error);
        if (!pattern) {
          throw std::runtime_error(error); // the lint compiled it already
        }
        stash.push_back(std::move(sub));
        spec.patterns.emplace_back(std::move(*pattern), stash.size() - 1);
      }
      if (auto props = s.find("properties"); props != s.end() && props->is_object()) {
        for (auto& [name, unused] : props->items()) {
          spec.names.push_back(name);
        }
        std::sort(spec.names.begin(), spec.names.end());
      }
      if (auto ap = s.find("additionalProperties"); ap != s.end()) {
        if (ap->is_boolean()) {
          spec.additional = ap->get<bool>() ? Additional::Allow : Additional::Deny;
        } else if (ap->is_object()) {
          stash.push_back(std::move(*ap));
          spec.additional = Additional::Schema;
          spec.additional_schema = stash.size() - 1;
        }
        s.erase("additionalProperties");
      }
      s.erase("patternProperties");
      s[k_properties_key] = std::to_string(m_specs.size());
      m_specs.push_back(std::move(spec));
    });
  };
  move_out(doc);
  for (size_t i = 0; i < stash.size(); ++i) {
    move_out(stash[i]);
  }
  nlohmann::json& stored = doc[k_stash_key];
  stored = nlohmann::json::array();
  for (auto& s : stash) {
    stored.push_back(std::move(s));
  }
}

void PatternKeywords::compile(nlohmann::json& doc, valijson::Schema& out) {
  prepare(doc);
  populate(doc, out, this);
  // Each stashed subschema is compiled from the same document (its local $refs resolve there),
  // with a root $ref to it: valijson then ignores the root's other keywords.
  const size_t count = doc[k_stash_key].size();
  std::optional<nlohmann::json> root_ref;
  if (auto it = doc.find("$ref"); it != doc.end()) {
    root_ref = *it;
  }
  for (size_t i = 0; i < count; ++i) {
    doc["$ref"] = "#/" + k_stash_key + "/" + std::to_string(i);
    m_stash.push_back(std::make_unique<valijson::Schema>());
    populate(doc, *m_stash.back(), this);
  }
  if (root_ref) {
    doc["$ref"] = *root_ref;
  } else {
    doc.erase("$ref");
  }
}

} // namespace verity::schema
