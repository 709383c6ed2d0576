#include "infer/schema_yaml.hpp"

#include <cctype>
#include <cmath>
#include <sstream>

namespace verity::infer {
namespace {

bool plain_safe(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) {
    return false;
  }
  // Letters first, then only these: nothing YAML reads as a number, date, indicator or comment.
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
          c == '/')) {
      return false;
    }
  }
  // YAML 1.1 and 1.2 read these as booleans or null, whatever the case.
  std::string lower;
  for (char c : s) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (std::string_view word : {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}) {
    if (lower == word) {
      return false;
    }
  }
  return true;
}

// A comment stays on its line whatever a collection name or evidence holds.
std::string comment_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  }
  return out;
}

std::string number_text(double d) {
  if (std::floor(d) == d && std::fabs(d) < 9.0e15) {
    return std::to_string(static_cast<long long>(d));
  }
  std::ostringstream s;
  s.precision(17);
  s << d;
  return s.str();
}

class Writer {
public:
  std::string out;

  void node(const SchemaNode& n, int indent) {
    std::string pad(static_cast<size_t>(indent), ' ');
    if (n.types.size() == 1) {
      out += pad + "type: " + yaml_scalar(n.types.front()) + "\n";
    } else if (!n.types.empty()) {
      out += pad + "type: " + flow(n.types) + "\n";
    }
    if (!n.format.empty()) {
      out += pad + "format: " + yaml_scalar(n.format) + "\n";
    }
    if (!n.enumeration.empty()) {
      out += pad + "enum:\n";
      for (const auto& v : n.enumeration) {
        out += pad + "  - " +
               (v.is_null() ? std::string("null") : yaml_scalar(v.get_ref<const std::string&>())) +
               "\n";
      }
    }
    if (n.minimum) {
      out += pad + "minimum: " + number_text(*n.minimum) + "\n";
    }
    if (!n.required.empty()) {
      out += pad + "required: " + flow(n.required) + "\n";
    }
    if (!n.properties.empty()) {
      out += pad + "properties:\n";
      for (const auto& p : n.properties) {
        out += pad + "  " + yaml_scalar(p.name) + ": # " + comment_text(p.schema.evidence) + "\n";
        node(p.schema, indent + 4);
        if (p.schema.types.empty() && p.schema.properties.empty() && !p.schema.items) {
          out += pad + "    {}\n";
        }
      }
    }
    if (n.items) {
      out += pad + "items: # " + comment_text(n.items->evidence) + "\n";
      node(*n.items, indent + 2);
    }
    if (n.closed) {
      out += pad + "additionalProperties: false\n";
    }
  }

private:
  static std::string flow(const std::vector<std::string>& names) {
    std::string s = "[";
    for (size_t i = 0; i < names.size(); ++i) {
      s += (i ? ", " : "") + yaml_scalar(names[i]);
    }
    return s + "]";
  }
};

} // namespace

std::string yaml_scalar(std::string_view text) {
  if (plain_safe(text)) {
    return std::string(text);
  }
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string to_yaml(const InferredSchema& schema, const std::vector<std::string>& header) {
  Writer w;
  for (const auto& line : header) {
    w.out += "# " + comment_text(line) + "\n";
  }
  w.out += "$schema: \"http://json-schema.org/draft-07/schema#\"\n";
  w.out += "title: " + yaml_scalar(schema.title) + "\n";
  w.node(schema.root, 0);
  return w.out;
}

} // namespace verity::infer
