// A yaml-cpp event handler that builds JSON the way Psych builds Ruby objects for Jekyll.
#include "site/config_yaml.hpp"

#include "frontmatter/scalar_typing.hpp"
#include "util/memory_stream.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <map>
#include <streambuf>

namespace verity::site {
namespace {

using util::MemoryBuffer;

struct Stop {
  ConfigYamlError error;
};

// YAML 1.1 as Psych resolves plain scalars: its null and boolean spellings, then numbers.
nlohmann::json psych_scalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (auto b = psych_boolean(text)) {
    return *b;
  }
  return frontmatter::resolve_plain_scalar(text);
}

class Builder : public YAML::EventHandler {
public:
  Builder(const ConfigYamlLimits& limits, ConfigYaml& out) : m_limits(limits), m_out(out) {}

  bool has_root() const { return m_has_root; }
  nlohmann::json& root() { return m_root; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (expecting_key()) {
      fail(mark, "a null mapping key is not supported");
    }
    deliver(nullptr, position(mark), anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) {
      fail(mark, "alias to an unknown anchor");
    }
    if (expecting_key()) {
      if (!it->second.value.is_string()) {
        fail(mark, "an alias used as a key must name a string");
      }
      on_key(it->second.value.get<std::string>(), position(mark), false);
      return;
    }
    deliver(it->second.value, position(mark), YAML::NullAnchor, it->second.count);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (value.size() > m_limits.max_scalar_bytes) {
      fail(mark, "a value of " + std::to_string(value.size()) + " bytes exceeds the limit of " +
                     std::to_string(m_limits.max_scalar_bytes));
    }
    bool plain = tag == "?";
    if (expecting_key()) {
      if (anchor != YAML::NullAnchor) {
        m_anchors[anchor] = {value, 1};
      }
      on_key(value, position(mark), plain);
      return;
    }
    // A long scalar weighs one value per 64 bytes, so that aliasing it many times is bounded in
    // bytes (memory), not only in values.
    const size_t weight = 1 + value.size() / 64;
    deliver(plain ? psych_scalar(value) : nlohmann::json(value), position(mark), anchor, weight);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

private:
  struct Frame {
    nlohmann::json node;
    bool is_map = false;
    bool expecting_key = true;
    bool merge_key = false; // the pending key is a plain `<<`
    std::string key;
    Position key_pos;
    Position pos;
    std::string pointer;
    YAML::anchor_t anchor = YAML::NullAnchor;
    size_t count = 1; // values inside, itself included (weighed: see OnScalar)
  };
  struct Anchored {
    nlohmann::json value;
    size_t count = 1;
  };

  static Position position(const YAML::Mark& mark) {
    if (mark.is_null() || mark.line < 0) {
      return {};
    }
    return {mark.line + 1, mark.column + 1};
  }

  [[noreturn]] void fail(const YAML::Mark& mark, std::string message) {
    throw Stop{{position(mark), std::move(message)}};
  }

  bool expecting_key() const {
    return !m_stack.empty() && m_stack.back().is_map && m_stack.back().expecting_key;
  }

  std::string child_pointer() const {
    if (m_stack.empty()) {
      return "";
    }
    const Frame& f = m_stack.back();
    if (f.is_map) {
      return f.pointer + "/" + escape_pointer_token(f.key);
    }
    return f.pointer + "/" + std::to_string(f.node.size());
  }

  void on_key(std::string key, Position pos, bool plain) {
    Frame& f = m_stack.back();
    f.key = std::move(key);
    f.key_pos = pos;
    f.expecting_key = false;
    f.merge_key = plain && f.key == "<<";
  }

  void count_values(size_t n, Position pos) {
    m_values += n;
    if (m_values > m_limits.max_values) {
      throw Stop{
          {pos,
           "more than " + std::to_string(m_limits.max_values) +
               " values once aliases and merge keys are expanded (a long value counts once per 64 "
               "bytes)"}};
    }
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool is_map) {
    if (expecting_key()) {
      fail(mark, "a mapping or sequence used as a key is not supported");
    }
    if (m_stack.size() + 1 > m_limits.max_depth) {
      fail(mark, "nesting deeper than " + std::to_string(m_limits.max_depth) + " levels");
    }
    count_values(1, position(mark));
    Frame f;
    f.node = is_map ? nlohmann::json::object() : nlohmann::json::array();
    f.is_map = is_map;
    f.pos = position(mark);
    f.pointer = child_pointer();
    f.anchor = anchor;
    m_stack.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(m_stack.back());
    m_stack.pop_back();
    deliver_counted(std::move(f.node), f.pos, f.anchor, f.count);
  }

  void deliver(nlohmann::json value, Position pos, YAML::anchor_t anchor, size_t count) {
    count_values(count, pos);
    deliver_counted(std::move(value), pos, anchor, count);
  }

  // Attaches a finished value to its parent (values inside it were counted already).
  void deliver_counted(nlohmann::json value, Position pos, YAML::anchor_t anchor, size_t count) {
    if (anchor != YAML::NullAnchor) {
      m_anchors[anchor] = {value, count};
    }
    if (m_stack.empty()) {
      m_root = std::move(value);
      m_has_root = true;
      return;
    }
    Frame& f = m_stack.back();
    f.count += count;
    if (!f.is_map) {
      m_out.map.add(child_pointer(), {pos, pos});
      f.node.push_back(std::move(value));
      return;
    }
    f.expecting_key = true;
    if (f.merge_key && merge_into(f, value)) {
      return;
    }
    m_out.map.add(child_pointer(), {f.key_pos, pos});
    f.node[f.key] = std::move(value); // a repeated key keeps the last value, as in Ruby
  }

  // Psych's `<<`: a mapping is merged over the keys so far, a sequence of mappings is merged
  // with its first mapping winning; anything else is an ordinary "<<" key.
  static bool merge_into(Frame& f, const nlohmann::json& value) {
    if (value.is_object()) {
      for (const auto& [k, v] : value.items()) {
        f.node[k] = v;
      }
      return true;
    }
    if (value.is_array()) {
      nlohmann::json merged = nlohmann::json::object();
      for (auto it = value.rbegin(); it != value.rend(); ++it) {
        if (!it->is_object()) {
          return false;
        }
        for (const auto& [k, v] : it->items()) {
          merged[k] = v;
        }
      }
      for (const auto& [k, v] : merged.items()) {
        f.node[k] = v;
      }
      return true;
    }
    return false;
  }

  const ConfigYamlLimits& m_limits;
  ConfigYaml& m_out;
  std::vector<Frame> m_stack;
  std::map<YAML::anchor_t, Anchored> m_anchors;
  nlohmann::json m_root;
  bool m_has_root = false;
  size_t m_values = 0;
};

} // namespace

std::optional<bool> psych_boolean(std::string_view plain_scalar) {
  static const std::map<std::string, bool, std::less<>> k_booleans = {
      {"yes", true},  {"Yes", true},  {"YES", true},    {"true", true},   {"True", true},
      {"TRUE", true}, {"on", true},   {"On", true},     {"ON", true},     {"no", false},
      {"No", false},  {"NO", false},  {"false", false}, {"False", false}, {"FALSE", false},
      {"off", false}, {"Off", false}, {"OFF", false}};
  if (auto it = k_booleans.find(plain_scalar); it != k_booleans.end()) {
    return it->second;
  }
  return std::nullopt;
}

ConfigYaml parse_config_yaml(std::string_view text, const ConfigYamlLimits& limits) {
  ConfigYaml out;
  MemoryBuffer buffer(text);
  std::istream in(&buffer);
  Builder builder(limits, out);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const Stop& stop) {
    out.errors.push_back(stop.error);
    return out;
  } catch (const YAML::Exception& e) {
    Position pos;
    if (!e.mark.is_null()) {
      pos = {e.mark.line + 1, e.mark.column + 1};
    }
    out.errors.push_back({pos, "YAML syntax error: " + e.msg});
    return out;
  } catch (const std::exception& e) {
    out.errors.push_back({{}, std::string("YAML error: ") + e.what()});
    return out;
  }
  if (!builder.has_root() || builder.root().is_null()) {
    out.ok = true; // an empty file is an empty configuration, as in Jekyll
    return out;
  }
  if (!builder.root().is_object()) {
    out.errors.push_back({{1, 1}, "the configuration must be a mapping of keys to values"});
    return out;
  }
  out.value = std::move(builder.root());
  out.ok = true;
  return out;
}

} // namespace verity::site
