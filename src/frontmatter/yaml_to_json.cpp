#include "frontmatter/yaml_to_json.hpp"

#include "frontmatter/scalar_typing.hpp"
#include "frontmatter/simple_yaml.hpp"
#include "util/memory_stream.hpp"
#include "util/utf8.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
#include <streambuf>
#include <unordered_set>

namespace verity::frontmatter {
namespace {

using util::MemoryBuffer;

// Thrown from the handler to stop the parser at a hard limit.
struct StopConversion {
  ConversionIssue issue;
};

const std::string k_str_tag = "tag:yaml.org,2002:str";

class JsonBuilder : public YAML::EventHandler {
public:
  JsonBuilder(std::string_view yaml, const ConversionLimits& limits, Conversion& out)
      : m_yaml(yaml), m_limits(limits), m_out(out) {}

  bool has_root() const { return m_has_root; }
  nlohmann::json& root() { return m_root; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    Position pos = position(mark);
    if (!m_stack.empty() && !m_stack.back().is_map) {
      // `- ` with nothing after it: the mark already points at the item.
    } else if (!m_stack.empty() && !m_stack.back().expecting_key &&
               mark.line + 1 != m_stack.back().key_pos.line) {
      pos = m_stack.back().key_pos; // `key:` with no value: yaml-cpp marks the next token
    }
    if (expecting_key()) {
      refuse(mark, "a null mapping key is not allowed");
      stop_key(pos, "");
      return;
    }
    place(nullptr, pos);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    std::string ptr = child_pointer_preview();
    add_issue(rules::frontmatter_alias, position(mark), ptr,
              "YAML alias refused: verity never expands aliases (they allow 'billion laughs' "
              "inputs); write the value out");
    if (expecting_key()) {
      stop_key(position(mark), "");
      return;
    }
    m_out.refused.push_back(ptr);
    place(nullptr, position(mark));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    Position pos = position(mark);
    if (value.size() > m_limits.max_scalar_bytes) {
      throw StopConversion{{rules::frontmatter_limit, pos, child_pointer_preview(),
                            "scalar of " + std::to_string(value.size()) +
                                " bytes exceeds the limit of " +
                                std::to_string(m_limits.max_scalar_bytes)}};
    }
    bool plain = tag == "?";
    bool explicit_tag = !plain && tag != "!";
    if (!plain && !quote_closed(mark)) {
      // yaml-cpp reads a quoted scalar still open at the end of the front matter as running to
      // the end; Psych (so Jekyll) stops the build there. So does verity: it is a syntax error.
      throw StopConversion{{rules::frontmatter_yaml_error, pos, child_pointer_preview(),
                            "YAML syntax error: a quoted value is never closed (the front matter "
                            "ends inside it): add its closing quote"}};
    }
    if (expecting_key()) {
      if (explicit_tag && tag != k_str_tag) {
        refuse(mark, "explicit tag '" + tag + "' on a key is not allowed");
      }
      on_key(value, pos, plain);
      return;
    }
    nlohmann::json v;
    if (plain) {
      v = resolve_plain_scalar(value);
      if (v.is_string()) {
        if (auto reading = yaml11_reading(value)) {
          add_issue(rules::frontmatter_ambiguous_bool, pos, child_pointer_preview(),
                    "'" + value + "' is " + *reading + " to Jekyll (YAML 1.1) but the string \"" +
                        value + "\" to verity (YAML 1.2): quote it, or write the value you mean");
        }
      }
    } else {
      v = value;
      if (explicit_tag && tag != k_str_tag) {
        std::string ptr = child_pointer_preview();
        add_issue(rules::frontmatter_alias, pos, ptr,
                  "explicit YAML tag '" + tag +
                      "' refused: only plain values and !!str are "
                      "accepted in front matter");
        m_out.refused.push_back(ptr);
      }
    }
    place(std::move(v), pos);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    start_container(mark, tag, anchor, false);
  }
  void OnSequenceEnd() override { m_stack.pop_back(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    start_container(mark, tag, anchor, true);
  }
  void OnMapEnd() override { m_stack.pop_back(); }

private:
  struct Frame {
    nlohmann::json* node = nullptr;
    bool is_map = false;
    std::string pointer;
    bool expecting_key = true;
    bool skip_value = false; // the key was refused or duplicated: drop its value
    std::string key;
    Position key_pos;
    size_t index = 0;
    std::unordered_set<std::string> keys;
    bool discarding = false; // inside a value that was refused: build, but record nothing
  };

  // Whether the quoted scalar starting at `mark` (after any tag or anchor) has its closing
  // quote in the text; true for block scalars and anything not quoted.
  bool quote_closed(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) {
      return true;
    }
    size_t i = static_cast<size_t>(mark.pos);
    // Properties before the value: `!tag`, `&anchor`, and the blanks between them.
    while (i < m_yaml.size() && (m_yaml[i] == '!' || m_yaml[i] == '&' || m_yaml[i] == ' ')) {
      if (m_yaml[i] == ' ') {
        ++i;
        continue;
      }
      while (i < m_yaml.size() && m_yaml[i] != ' ' && m_yaml[i] != '\n') {
        ++i;
      }
    }
    if (i >= m_yaml.size() || (m_yaml[i] != '"' && m_yaml[i] != '\'')) {
      return true;
    }
    const char quote = m_yaml[i];
    for (size_t j = i + 1; j < m_yaml.size(); ++j) {
      if (quote == '"' && m_yaml[j] == '\\') {
        ++j; // an escape: the next byte is not the closing quote
      } else if (m_yaml[j] == quote) {
        if (quote == '\'' && j + 1 < m_yaml.size() && m_yaml[j + 1] == '\'') {
          ++j; // '' inside single quotes is one quote
          continue;
        }
        return true;
      }
    }
    return false;
  }

  Position position(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0) {
      return {};
    }
    Position p;
    p.line = mark.line + 1;
    size_t pos = static_cast<size_t>(mark.pos);
    size_t col = static_cast<size_t>(mark.column);
    if (pos <= m_yaml.size() && col <= pos) {
      p.column = static_cast<int>(code_points_to(pos - col, pos)) + 1;
    } else {
      p.column = mark.column + 1;
    }
    return p;
  }

  // Code points from `line_start` to `pos`, counted on from the position asked before (marks
  // arrive in order), so that the values of one long line (a flow sequence of 100,000 items)
  // cost linear time in all, not a recount from the start of the line each.
  size_t code_points_to(size_t line_start, size_t pos) const {
    Cursor& c = m_cursor;
    if (line_start != c.line_start) {
      c = {line_start, line_start, 0};
    }
    if (pos >= c.pos) {
      c.count += util::count_code_points(m_yaml.substr(c.pos, pos - c.pos));
    } else {
      c.count -= util::count_code_points(m_yaml.substr(pos, c.pos - pos));
    }
    c.pos = pos;
    return c.count;
  }

  bool expecting_key() const {
    return !m_stack.empty() && m_stack.back().is_map && m_stack.back().expecting_key;
  }

  // The pointer the next value will get (used to attach issues before the value is placed).
  std::string child_pointer_preview() const {
    if (m_stack.empty()) {
      return "";
    }
    const Frame& f = m_stack.back();
    if (f.is_map) {
      return f.expecting_key ? f.pointer : f.pointer + "/" + escape_pointer_token(f.key);
    }
    return f.pointer + "/" + std::to_string(f.index);
  }

  void add_issue(const rules::Rule& rule, Position pos, std::string pointer, std::string message) {
    m_out.issues.emplace_back(rule, pos, std::move(pointer), std::move(message));
  }

  void refuse(const YAML::Mark& mark, const std::string& what) {
    add_issue(rules::frontmatter_alias, position(mark), child_pointer_preview(), what);
  }

  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      add_issue(rules::frontmatter_alias, position(mark), child_pointer_preview(),
                "YAML anchor refused: anchors and aliases are not allowed in front matter");
    }
  }

  void stop_key(Position pos, const std::string& key) {
    Frame& f = m_stack.back();
    f.key = key;
    f.key_pos = pos;
    f.expecting_key = false;
    f.skip_value = true;
  }

  void on_key(const std::string& key, Position pos, bool plain) {
    Frame& f = m_stack.back();
    f.key = key;
    f.key_pos = pos;
    f.expecting_key = false;
    f.skip_value = false;
    if (plain && key == "<<") {
      add_issue(rules::frontmatter_alias, pos, f.pointer,
                "YAML merge key '<<' refused: write the merged keys out");
      f.skip_value = true;
      return;
    }
    if (!f.keys.insert(key).second) {
      add_issue(rules::frontmatter_duplicate_key, pos, f.pointer + "/" + escape_pointer_token(key),
                "duplicate key '" + key + "': YAML parsers disagree on which value wins; keep one");
      m_out.duplicates.push_back(f.pointer + "/" + escape_pointer_token(key));
      f.skip_value = true;
    }
  }

  // Stores `value` at the current position and returns where it now lives.
  nlohmann::json* place(nlohmann::json value, Position pos) {
    if (m_stack.empty()) {
      m_root = std::move(value);
      m_has_root = true;
      m_out.map.add("", {pos, pos});
      return &m_root;
    }
    Frame& f = m_stack.back();
    if (f.is_map) {
      f.expecting_key = true;
      if (f.skip_value) {
        m_discard = std::move(value);
        return &m_discard;
      }
      if (!f.discarding) {
        m_out.map.add(f.pointer + "/" + escape_pointer_token(f.key), {f.key_pos, pos});
      }
      auto& slot = (*f.node)[f.key];
      slot = std::move(value);
      return &slot;
    }
    std::string ptr = f.pointer + "/" + std::to_string(f.index++);
    if (!f.discarding) {
      m_out.map.add(std::move(ptr), {pos, pos});
    }
    f.node->push_back(std::move(value));
    return &f.node->back();
  }

  void start_container(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       bool is_map) {
    check_anchor(mark, anchor);
    Position pos = position(mark);
    if (m_stack.size() + 1 > m_limits.max_depth) {
      throw StopConversion{
          {rules::frontmatter_limit, pos, child_pointer_preview(),
           "nesting deeper than " + std::to_string(m_limits.max_depth) + " levels"}};
    }
    if (expecting_key()) {
      throw StopConversion{{rules::frontmatter_alias, pos, m_stack.back().pointer,
                            "a mapping or sequence used as a key is not allowed"}};
    }
    if (tag != "?" && tag != "!" && !tag.empty()) {
      add_issue(rules::frontmatter_alias, pos, child_pointer_preview(),
                "explicit YAML tag '" + tag + "' refused");
    }
    std::string ptr = child_pointer_preview();
    bool discard = !m_stack.empty() && m_stack.back().is_map && m_stack.back().skip_value;
    bool discarding = discard || (!m_stack.empty() && m_stack.back().discarding);
    nlohmann::json* node = place(is_map ? nlohmann::json::object() : nlohmann::json::array(), pos);
    if (discard) {
      // Keep building into a scratch tree so the parser stays in step, then drop it.
      m_scratch.push_back(std::make_unique<nlohmann::json>(std::move(*node)));
      node = m_scratch.back().get();
    }
    Frame frame;
    frame.node = node;
    frame.is_map = is_map;
    frame.pointer = ptr;
    frame.discarding = discarding;
    m_stack.push_back(std::move(frame));
  }

  struct Cursor {
    size_t line_start = 0;
    size_t pos = 0;   // a byte offset on that line
    size_t count = 0; // code points from line_start to pos
  };

  std::string_view m_yaml;
  mutable Cursor m_cursor;
  const ConversionLimits& m_limits;
  Conversion& m_out;
  std::vector<Frame> m_stack;
  nlohmann::json m_root;
  nlohmann::json m_discard;
  std::vector<std::unique_ptr<nlohmann::json>> m_scratch;
  bool m_has_root = false;
};

// Feeds the fast reader's events to the builder as yaml-cpp's parser would.
void replay(const std::vector<SimpleEvent>& events, JsonBuilder& builder) {
  static const std::string k_plain_tag = "?";
  static const std::string k_quoted_tag = "!";
  for (const SimpleEvent& e : events) {
    YAML::Mark mark;
    mark.pos = e.mark.pos;
    mark.line = e.mark.line;
    mark.column = e.mark.column;
    switch (e.kind) {
    case SimpleEvent::Kind::MapStart:
      builder.OnMapStart(mark, k_plain_tag, YAML::NullAnchor, YAML::EmitterStyle::Block);
      break;
    case SimpleEvent::Kind::MapEnd:
      builder.OnMapEnd();
      break;
    case SimpleEvent::Kind::SeqStart:
      builder.OnSequenceStart(mark, k_plain_tag, YAML::NullAnchor, YAML::EmitterStyle::Block);
      break;
    case SimpleEvent::Kind::SeqEnd:
      builder.OnSequenceEnd();
      break;
    case SimpleEvent::Kind::Scalar:
      builder.OnScalar(mark, e.plain ? k_plain_tag : k_quoted_tag, YAML::NullAnchor, e.value);
      break;
    case SimpleEvent::Kind::Null:
      builder.OnNull(mark, YAML::NullAnchor);
      break;
    }
  }
}

Conversion convert(std::string_view yaml, const ConversionLimits& limits, bool whole_file,
                   const std::optional<std::vector<SimpleEvent>>& simple) {
  Conversion out;
  MemoryBuffer buffer(yaml);
  std::istream in(&buffer);
  JsonBuilder builder(yaml, limits, out);
  try {
    if (simple) {
      replay(*simple, builder);
    } else {
      YAML::Parser parser(in);
      parser.HandleNextDocument(builder);
    }
  } catch (const StopConversion& stop) {
    out.issues.push_back(stop.issue);
    return out;
  } catch (const YAML::Exception& e) {
    Position pos;
    if (!e.mark.is_null()) {
      pos = {e.mark.line + 1, e.mark.column + 1};
    }
    out.issues.push_back({rules::frontmatter_yaml_error, pos, "", "YAML syntax error: " + e.msg});
    return out;
  } catch (const std::exception& e) {
    out.issues.push_back(
        {rules::frontmatter_yaml_error, {}, "", std::string("YAML error: ") + e.what()});
    return out;
  }
  if (!builder.has_root() || builder.root().is_null()) {
    out.value = nlohmann::json::object(); // an empty block is {}
    out.ok = true;
    return out;
  }
  if (!builder.root().is_object()) {
    out.non_mapping_root = true;
    out.value = std::move(builder.root()); // a list is a whole data file's usual shape
    out.issues.push_back({rules::frontmatter_yaml_error,
                          whole_file ? Position{1, 1} : Position{2, 1}, "",
                          std::string(whole_file ? "the file" : "front matter") +
                              " must be a mapping of keys to values"});
    return out;
  }
  out.value = std::move(builder.root());
  out.ok = true;
  return out;
}

} // namespace

Conversion yaml_to_json(std::string_view yaml, const ConversionLimits& limits, bool whole_file) {
  return convert(yaml, limits, whole_file, read_simple_yaml(yaml));
}

namespace detail {

Conversion yaml_to_json_by_yaml_cpp(std::string_view yaml, const ConversionLimits& limits,
                                    bool whole_file) {
  return convert(yaml, limits, whole_file, std::nullopt);
}

} // namespace detail

} // namespace verity::frontmatter
