#include "schema/compiled_schema.hpp"

#include "rules/families.hpp"
#include "rules/make_finding.hpp"
#include "schema/formats.hpp"
#include "schema/pattern_keywords.hpp"
#include "schema/schema_refs.hpp"
#include "schema/schema_walk.hpp"
#include "util/json_merge.hpp"
#include "util/pattern.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <map>

namespace verity::schema {
namespace {

std::string json_type_name(const nlohmann::json& v) {
  switch (v.type()) {
  case nlohmann::json::value_t::null:
    return "null";
  case nlohmann::json::value_t::boolean:
    return "boolean";
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
    return "integer";
  case nlohmann::json::value_t::number_float:
    return "number";
  case nlohmann::json::value_t::string:
    return "string";
  case nlohmann::json::value_t::array:
    return "array";
  case nlohmann::json::value_t::object:
    return "mapping";
  default:
    return "value";
  }
}

// A short rendering of a value for messages: strings quoted and cut at 60 code points.
std::string preview(const nlohmann::json& v) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.size() > 60) {
      size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
        --cut;
      }
      s = s.substr(0, cut) + "...";
    }
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (v.is_object()) {
    return "mapping";
  }
  if (v.is_array()) {
    return "list";
  }
  return v.dump();
}

std::string describe(const nlohmann::json& v) {
  std::string t = json_type_name(v);
  if (v.is_object() || v.is_array() || v.is_null()) {
    return t == "array" ? "a list" : (t == "mapping" ? "a mapping" : "null");
  }
  return t + " " + preview(v);
}

std::string display_path(const std::string& pointer) {
  return pointer.empty() ? "front matter" : pointer.substr(1);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Wrapper errors valijson adds on every parent of a real error.
bool is_wrapper(std::string_view d) {
  return starts_with(d, "Failed to validate against schema associated with property name") ||
         starts_with(d, "Failed to validate item #") ||
         starts_with(d, "Failed to validate against additional properties schema") ||
         starts_with(d, "Failed to validate against schema associated with pattern") ||
         starts_with(d, "Failed to validate against child schema #") ||
         starts_with(d, "Failed to validate against dependent schema");
}

std::string keyword_for(std::string_view d) {
  struct Map {
    std::string_view prefix;
    std::string_view keyword;
  };
  static constexpr Map k_map[] = {
      {"Value type not permitted", "type"},
      {"Missing required property", "required"},
      {"Failed to match against any enum values", "enum"},
      {"Object contains a property", "additionalProperties"},
      {"Failed to match regex", "pattern"},
      {"Failed to match expected value set by 'const'", "const"},
      {"String should be no fewer than", "minLength"},
      {"String should be no more than", "maxLength"},
      {"Expected number greater than or equal to", "minimum"},
      {"Expected number less than or equal to", "maximum"},
      {"Expected number greater than", "exclusiveMinimum"},
      {"Expected number less than", "exclusiveMaximum"},
      {"Array should contain no fewer than", "minItems"},
      {"Array should contain no more than", "maxItems"},
      {"Object should have no fewer than", "minProperties"},
      {"Object should have no more than", "maxProperties"},
      {"Elements at indexes", "uniqueItems"},
      {"Value should be a multiple", "multipleOf"},
      {"Value could not be converted", "multipleOf"},
      {"Missing dependency", "dependencies"},
      {"Failed to any values against subschema in 'contains'", "contains"},
      {"Array contains more items than allowed", "additionalItems"},
      {"Cannot validate item #", "additionalItems"}, // said too when additionalItems is false
      {"Failed to validate against any schemas allowed by anyOf", "anyOf"},
      {"Failed to validate against exactly one child schema", "oneOf"},
      {"Failed to validate against any child schemas allowed by oneOf", "oneOf"},
      {"Target should not validate against schema specified in 'not'", "not"},
      {"Failed to validate against a conditional schema", "if"},
      {"String should be a valid", "format"},
      {"Property name does not match", "propertyNames"},
  };
  for (const auto& m : k_map) {
    if (starts_with(d, m.prefix)) {
      return std::string(m.keyword);
    }
  }
  return "invalid";
}

std::string quoted_name(std::string_view d) {
  size_t a = d.find('\'');
  size_t b = d.rfind('\'');
  return (a != std::string_view::npos && b > a) ? std::string(d.substr(a + 1, b - a - 1)) : "";
}

std::string join_values(const nlohmann::json& arr) {
  std::string out;
  for (size_t i = 0; i < arr.size() && i < 12; ++i) {
    out += (i ? ", " : "") + (arr[i].is_string() ? arr[i].get<std::string>() : arr[i].dump());
  }
  if (arr.size() > 12) {
    out += ", ...";
  }
  return out;
}

struct Context {
  const nlohmann::json& schema;
  const Document& doc;
  const nlohmann::json& data;    // doc.data, or it merged over the defaults
  const DefaultValues* defaults; // nullptr when nothing is merged
  Findings& out;

  // Where `defaults` writes the value at `pointer`, when the document does not: the nearest of
  // the pointer and its parents that either writes decides.
  const Position* origin_of(const std::string& pointer) const {
    if (!defaults) {
      return nullptr;
    }
    std::string at = pointer;
    while (!at.empty()) {
      if (doc.map.contains(at)) {
        return nullptr;
      }
      if (auto it = defaults->origins.find(at); it != defaults->origins.end()) {
        return &it->second;
      }
      size_t slash = at.rfind('/');
      at.resize(slash == std::string::npos ? 0 : slash);
    }
    return nullptr;
  }

  void emit(const std::string& keyword, const std::string& pointer, Position pos,
            std::string message) const {
    for (const auto& refused : doc.refused) {
      if (pointer == refused || starts_with(pointer, refused + "/")) {
        return; // the value was replaced after a frontmatter/alias finding
      }
    }
    Finding f = rules::make_finding(rules::schema_keyword(keyword));
    f.file = doc.path;
    const Position* origin = origin_of(pointer);
    if (origin) {
      pos = {}; // not in the document: its front-matter start, like a missing property
      message += " (the value comes from `defaults` at " + defaults->file + ":" +
                 std::to_string(origin->line) + ":" + std::to_string(origin->column) + ")";
      f.extra["origin"] = {
          {"file", defaults->file}, {"line", origin->line}, {"column", origin->column}};
    }
    f.line = pos.line > 0 ? pos.line : 1;
    f.column = pos.line > 0 ? pos.column : 1;
    f.pointer = pointer;
    f.message = std::move(message);
    out.push_back(std::move(f));
  }

  const nlohmann::json* value_at(const std::string& pointer) const {
    try {
      nlohmann::json::json_pointer p(pointer);
      return data.contains(p) ? &data.at(p) : nullptr;
    } catch (const std::exception&) {
      return nullptr;
    }
  }

  Position value_pos(const std::string& pointer) const { return doc.map.find(pointer).value; }
  Position key_pos(const std::string& pointer) const {
    return pointer.empty() ? Position{1, 1} : doc.map.find(pointer).key;
  }
};

// valijson context ("<root>", "[images]", "[0]") -> JSON Pointer, disambiguated by the data.
std::string to_pointer(const std::vector<std::string>& context, const nlohmann::json& data) {
  std::string pointer;
  const nlohmann::json* node = &data;
  for (const auto& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') {
      continue; // "<root>"
    }
    std::string token = part.substr(1, part.size() - 2);
    pointer += "/" + escape_pointer_token(token);
    if (node && node->is_object() && node->contains(token)) {
      node = &(*node)[token];
    } else if (node && node->is_array()) {
      try {
        size_t i = std::stoul(token);
        node = i < node->size() ? &(*node)[i] : nullptr;
      } catch (const std::exception&) {
        node = nullptr;
      }
    } else {
      node = nullptr;
    }
  }
  return pointer;
}

void report_unknown_properties(const Context& ctx, const std::string& pointer) {
  const nlohmann::json* value = ctx.value_at(pointer);
  const nlohmann::json* sub = subschema_for(ctx.schema, pointer);
  if (!value || !value->is_object()) {
    return;
  }
  std::vector<util::Pattern> patterns;
  const nlohmann::json* props = nullptr;
  if (sub) {
    if (auto it = sub->find("properties"); it != sub->end()) {
      props = &*it;
    }
    if (auto it = sub->find("patternProperties"); it != sub->end() && it->is_object()) {
      std::string error;
      for (auto& [pattern, unused] : it->items()) {
        if (auto p = util::Pattern::compile(pattern, error)) {
          patterns.push_back(std::move(*p));
        }
      }
    }
  }
  std::string known = props ? join_values([&] {
    nlohmann::json names = nlohmann::json::array();
    for (auto& [k, unused] : props->items()) {
      names.push_back(k);
    }
    return names;
  }())
                            : "";
  for (auto& [name, unused] : value->items()) {
    if (props && props->contains(name)) {
      continue;
    }
    bool matched = false;
    for (const auto& re : patterns) {
      matched = matched || re.search(name);
    }
    if (matched) {
      continue;
    }
    std::string child = pointer + "/" + escape_pointer_token(name);
    std::string where = pointer.empty() ? "" : " in " + display_path(pointer);
    ctx.emit("additionalProperties", child, ctx.key_pos(child),
             "unknown property '" + name + "'" + where +
                 (known.empty() ? "" : " (allowed: " + known + ")") +
                 ": fix the spelling, or allow it in the schema");
  }
}

std::string alternatives(const nlohmann::json* sub, const char* keyword) {
  if (!sub || !sub->contains(keyword) || !(*sub)[keyword].is_array()) {
    return "";
  }
  std::string out;
  for (const auto& branch : (*sub)[keyword]) {
    if (branch.is_object() && branch.size() == 1 && branch.contains("required")) {
      out += (out.empty() ? "" : " or ") + join_values(branch["required"]);
    } else {
      return "";
    }
  }
  return out;
}

void report(const Context& ctx, const std::string& pointer, const std::string& description) {
  std::string keyword = keyword_for(description);
  const nlohmann::json* value = ctx.value_at(pointer);
  const nlohmann::json* sub = subschema_for(ctx.schema, pointer);
  std::string path = display_path(pointer);
  std::string got = value ? describe(*value) : "nothing";
  Position at = ctx.value_pos(pointer);
  if (keyword == "type") {
    std::string expected;
    if (sub && sub->contains("type")) {
      const auto& t = (*sub)["type"];
      expected = t.is_array() ? join_values(t) : t.get<std::string>();
      if (expected == "object") {
        expected = "a mapping";
      } else if (expected == "array") {
        expected = "a list";
      }
    }
    std::string hint;
    if (value && value->is_string() &&
        (expected == "integer" || expected == "number" || expected == "boolean")) {
      hint = ": remove the quotes";
    } else if (value && !value->is_string() && expected == "string") {
      hint = ": quote the value";
    }
    ctx.emit("type", pointer, at,
             path + ": expected " + (expected.empty() ? "another type" : expected) + ", got " +
                 got + hint);
  } else if (keyword == "required") {
    std::string name = quoted_name(description);
    ctx.emit("required", pointer, ctx.key_pos(pointer),
             (pointer.empty() ? "" : path + ": ") + "missing required property '" + name + "'");
  } else if (keyword == "enum") {
    std::string allowed = sub && sub->contains("enum") ? join_values((*sub)["enum"]) : "";
    ctx.emit("enum", pointer, at,
             path + ": " + got + " is not one of the allowed values" +
                 (allowed.empty() ? "" : " (" + allowed + ")"));
  } else if (keyword == "additionalProperties") {
    report_unknown_properties(ctx, pointer);
  } else if (keyword == "pattern") {
    std::string pattern =
        sub && sub->contains("pattern") ? (*sub)["pattern"].get<std::string>() : "";
    ctx.emit("pattern", pointer, at, path + ": " + got + " does not match the pattern " + pattern);
  } else if (keyword == "propertyNames") {
    size_t slash = pointer.rfind('/');
    std::string parent = slash == std::string::npos ? "" : pointer.substr(0, slash);
    const nlohmann::json* owner = subschema_for(ctx.schema, parent);
    std::string rule;
    if (owner && owner->contains("propertyNames") && (*owner)["propertyNames"].is_object() &&
        (*owner)["propertyNames"].contains("pattern")) {
      rule = " (keys here must match " + (*owner)["propertyNames"]["pattern"].dump() + ")";
    }
    ctx.emit("propertyNames", pointer, ctx.key_pos(pointer),
             (parent.empty() ? "" : display_path(parent) + ": ") + "the key " +
                 preview(nlohmann::json(quoted_name(description))) + " is not allowed" + rule +
                 ": rename it");
  } else if (keyword == "const") {
    std::string expected = sub && sub->contains("const") ? (*sub)["const"].dump() : "";
    ctx.emit("const", pointer, at, path + ": expected " + expected + ", got " + got);
  } else if (keyword == "anyOf" || keyword == "oneOf") {
    std::string alts = alternatives(sub, keyword.c_str());
    if (!alts.empty()) {
      ctx.emit(keyword, pointer, ctx.key_pos(pointer),
               (pointer.empty() ? "" : path + ": ") +
                   (keyword == "anyOf" ? "needs at least one of: " : "needs exactly one of: ") +
                   alts);
    } else {
      ctx.emit(keyword, pointer, at,
               path + (keyword == "anyOf" ? ": matches none of the allowed alternatives (anyOf)"
                                          : ": must match exactly one alternative (oneOf)"));
    }
  } else if ((keyword == "minimum" || keyword == "maximum" || keyword == "exclusiveMinimum" ||
              keyword == "exclusiveMaximum") &&
             sub && sub->contains(keyword) && value) {
    static const std::map<std::string, std::string> k_words = {
        {"minimum", "is less than the minimum"},
        {"maximum", "is more than the maximum"},
        {"exclusiveMinimum", "must be greater than"},
        {"exclusiveMaximum", "must be less than"}};
    ctx.emit(keyword, pointer, at,
             path + ": " + value->dump() + " " + k_words.at(keyword) + " " +
                 (*sub)[keyword].dump());
  } else {
    std::string text = description;
    if (!text.empty()) {
      text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    while (!text.empty() && text.back() == '.') {
      text.pop_back();
    }
    ctx.emit(keyword, pointer, at, path + ": " + text + " (got " + got + ")");
  }
}

void check_formats(const Context& ctx, const nlohmann::json& schema_node,
                   const nlohmann::json& value, const std::string& pointer, int depth) {
  const nlohmann::json* s = resolve_ref(ctx.schema, schema_node);
  if (!s || depth > 64) {
    return;
  }
  if (auto f = s->find("format"); f != s->end() && f->is_string() && value.is_string()) {
    std::string format = f->get<std::string>();
    if (!check_format(format, value.get_ref<const std::string&>())) {
      ctx.emit("format", pointer, ctx.value_pos(pointer),
               display_path(pointer) + ": " + preview(value) + " is not a valid " + format +
                   " (expected " + std::string(format_hint(format)) + ")");
    }
  }
  if (value.is_object()) {
    auto props = s->find("properties");
    auto additional = s->find("additionalProperties");
    for (auto& [name, child] : value.items()) {
      std::string child_ptr = pointer + "/" + escape_pointer_token(name);
      if (props != s->end() && props->contains(name)) {
        check_formats(ctx, (*props)[name], child, child_ptr, depth + 1);
      } else if (additional != s->end() && additional->is_object()) {
        check_formats(ctx, *additional, child, child_ptr, depth + 1);
      }
    }
  } else if (value.is_array()) {
    auto items = s->find("items");
    if (items != s->end()) {
      for (size_t i = 0; i < value.size(); ++i) {
        const nlohmann::json* item_schema =
            items->is_array() ? (i < items->size() ? &(*items)[i] : nullptr) : &*items;
        if (item_schema) {
          check_formats(ctx, *item_schema, value[i], pointer + "/" + std::to_string(i), depth + 1);
        }
      }
    }
  }
}

} // namespace

namespace {

// nlohmann copies recursively: a schema nested 100,000 levels deep must be refused before.
nlohmann::json checked_copy(const nlohmann::json& schema) {
  if (auto deep = check_depth(schema)) {
    throw SchemaError({std::move(*deep)});
  }
  return schema;
}

} // namespace

CompiledSchema::CompiledSchema(const nlohmann::json& schema) : m_schema(checked_copy(schema)) {
  auto problems = lint_schema(m_schema);
  if (!problems.empty()) {
    throw SchemaError(std::move(problems));
  }
  // valijson gets a copy without `format` (verity checks formats itself, see formats.hpp) and
  // without the keywords it would run through the standard regex (see pattern_keywords.hpp).
  nlohmann::json copy = m_schema;
  m_patterns = std::make_unique<PatternKeywords>();
  m_compiled = std::make_unique<valijson::Schema>();
  try {
    m_patterns->compile(copy, *m_compiled);
  } catch (const std::exception& e) {
    throw SchemaError(
        {{"", std::string("the schema is not valid JSON Schema draft-07: ") + e.what()}});
  }
}

CompiledSchema::~CompiledSchema() = default;

void CompiledSchema::validate(const Document& doc, const DefaultValues* defaults,
                              Findings& out) const {
  // Copied only when defaults give something: most documents validate their own data.
  nlohmann::json merged;
  if (defaults && !defaults->values.empty()) {
    merged = util::deep_merge(defaults->values, doc.data);
  } else {
    defaults = nullptr;
  }
  const nlohmann::json& data = defaults ? merged : doc.data;
  Context ctx{m_schema, doc, data, defaults, out};
  valijson::ValidationResults results;
  try {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::adapters::NlohmannJsonAdapter adapter(data);
    validator.validate(*m_compiled, adapter, &results);
  } catch (const std::exception& e) {
    ctx.emit("invalid", "", {1, 1}, std::string("schema validation failed: ") + e.what());
    return;
  }
  std::vector<std::pair<std::string, std::string>> errors; // pointer, description
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    if (!is_wrapper(error.description)) {
      errors.emplace_back(to_pointer(error.context, data), error.description);
    }
  }
  // An anyOf/oneOf of `required` branches reports each branch's miss first: fold them into it.
  std::vector<bool> drop(errors.size(), false);
  for (size_t i = 0; i < errors.size(); ++i) {
    std::string kw = keyword_for(errors[i].second);
    if ((kw == "anyOf" || kw == "oneOf") &&
        !alternatives(subschema_for(m_schema, errors[i].first), kw.c_str()).empty()) {
      for (size_t j = i; j-- > 0;) {
        if (errors[j].first != errors[i].first || keyword_for(errors[j].second) != "required") {
          break;
        }
        drop[j] = true;
      }
    }
  }
  for (size_t i = 0; i < errors.size(); ++i) {
    if (!drop[i]) {
      report(ctx, errors[i].first, errors[i].second);
    }
  }
  check_formats(ctx, m_schema, data, "", 0);
}

} // namespace verity::schema
