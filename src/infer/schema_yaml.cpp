#include "infer/schema_yaml.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
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

// Code points some YAML readers or terminals treat as line breaks or controls: DEL, C1 (NEL
// ends a line for YAML 1.1 readers such as Ruby's Psych), the line and paragraph separators and
// the bidi embeddings, overrides and isolates. `length` is the UTF-8 sequence's byte count.
bool unsafe_at(std::string_view s, size_t i, size_t& length, unsigned& code) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (b(i) == 0x7f) {
    length = 1;
    code = 0x7f;
    return true;
  }
  if (b(i) == 0xc2 && i + 1 < s.size() && b(i + 1) >= 0x80 && b(i + 1) <= 0x9f) {
    length = 2;
    code = b(i + 1);
    return true;
  }
  if (b(i) == 0xe2 && i + 2 < s.size() && (b(i + 1) == 0x80 || b(i + 1) == 0x81)) {
    code = 0x2000u + ((b(i + 1) & 0x3fu) << 6) + (b(i + 2) & 0x3fu);
    length = 3;
    return (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
  }
  return false;
}

// A comment stays on its line whatever a collection name or evidence holds.
std::string comment_text(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t length = 0;
    unsigned code = 0;
    if (unsafe_at(text, i, length, code)) {
      out += '?';
      i += length - 1;
    } else {
      char c = text[i];
      out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    }
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

// Below YAML's 1024-character limit on implicit keys, with room for the ": ".
constexpr size_t k_simple_key_max = 1000;

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
        std::string key = yaml_scalar(p.name);
        if (key.size() > k_simple_key_max) {
          // YAML allows an implicit key of 1024 characters at most (readers refuse longer ones):
          // a longer name is written as an explicit `? key` / `: value` pair.
          out +=
              pad + "  ? " + key + "\n" + pad + "  : # " + comment_text(p.schema.evidence) + "\n";
        } else {
          out += pad + "  " + key + ": # " + comment_text(p.schema.evidence) + "\n";
        }
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
  std::string json = nlohmann::json(std::string(text))
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // JSON escapes only C0; YAML's double quotes read \uXXXX for the rest as well.
  std::string out;
  for (size_t i = 0; i < json.size(); ++i) {
    size_t length = 0;
    unsigned code = 0;
    if (unsafe_at(json, i, length, code)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", code);
      out += buf;
      i += length - 1;
    } else {
      out += json[i];
    }
  }
  return out;
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
