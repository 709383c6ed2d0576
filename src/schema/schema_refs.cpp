// The `$ref` graph of a schema, checked before valijson sees it: valijson follows references
// recursively and never detects a cycle, so `$ref: "#"` or two definitions naming each other
// overflowed the stack. Every local reference must name a schema of this file, and no chain of
// references and nested keywords may lead back to where it started. Iterative throughout: a
// hostile schema cannot deepen the stack.
#include "schema/schema_refs.hpp"

#include "schema/schema_walk.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace verity::schema {
namespace {

// Schemas nested deeper than this are refused: valijson parses (and copies) recursively.
constexpr size_t k_max_depth = 100;

struct Node {
  const nlohmann::json* value = nullptr;
  // Inside patternProperties (or the additionalProperties next to one) or propertyNames: verity
  // moves these before
  // valijson compiles the schema, so a $ref cannot point into them.
  bool moved = false;
};

struct Index {
  std::unordered_map<std::string, Node> by_pointer; // every schema reached through keywords
  std::vector<std::string> order;                   // in the order they were found
};

// Every JSON value's nesting, iteratively (enum and const values count too: valijson copies them).
size_t json_depth(const nlohmann::json& root) {
  size_t deepest = 0;
  std::vector<std::pair<const nlohmann::json*, size_t>> stack{{&root, 1}};
  while (!stack.empty()) {
    auto [v, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (depth > k_max_depth) {
      return depth;
    }
    if (v->is_structured()) {
      for (const auto& child : *v) {
        stack.emplace_back(&child, depth + 1);
      }
    }
  }
  return deepest;
}

Index index_schemas(const nlohmann::json& root) {
  Index index;
  std::vector<std::string> stack{""};
  index.by_pointer[""] = {&root, false};
  index.order.push_back("");
  while (!stack.empty()) {
    std::string ptr = std::move(stack.back());
    stack.pop_back();
    const Node parent = index.by_pointer[ptr];
    const bool has_pattern_properties =
        parent.value->is_object() && parent.value->contains("patternProperties");
    for_each_child(*parent.value, [&](const nlohmann::json& child, const std::string& suffix,
                                      std::string_view keyword) {
      if (!child.is_object()) {
        return;
      }
      std::string child_ptr = ptr + suffix;
      bool moved = parent.moved || keyword == "patternProperties" || keyword == "propertyNames" ||
                   (keyword == "additionalProperties" && has_pattern_properties);
      if (index.by_pointer.emplace(child_ptr, Node{&child, moved}).second) {
        index.order.push_back(child_ptr);
        stack.push_back(std::move(child_ptr));
      }
    });
  }
  return index;
}

// Where each schema's $ref leads (its pointer), for those that resolve.
struct Refs {
  std::unordered_map<std::string, std::string> target;
};

Refs resolve_refs(const Index& index, std::vector<SchemaProblem>& problems) {
  Refs refs;
  for (const auto& ptr : index.order) {
    const nlohmann::json& s = *index.by_pointer.at(ptr).value;
    auto it = s.find("$ref");
    if (it == s.end() || !it->is_string()) {
      continue; // a non-string $ref is refused by the lint
    }
    const std::string& ref = it->get_ref<const std::string&>();
    if (ref.empty() || ref.front() != '#') {
      continue; // remote: refused by the lint
    }
    auto pointer = local_ref_pointer(ref);
    auto found = pointer ? index.by_pointer.find(*pointer) : index.by_pointer.end();
    if (found == index.by_pointer.end()) {
      problems.push_back({ptr + "/$ref", "$ref '" + ref +
                                             "' does not name a schema in this file: point it "
                                             "at one, such as '#/definitions/NAME'"});
    } else if (found->second.moved) {
      problems.push_back({ptr + "/$ref", "$ref '" + ref +
                                             "' points into patternProperties (or the "
                                             "additionalProperties next to it) or "
                                             "propertyNames, which verity "
                                             "does not support: move that schema under "
                                             "definitions and $ref it from both places"});
    } else {
      refs.target[ptr] = *pointer;
    }
  }
  return refs;
}

// Depth-first search over "contains" (keywords) and "refers to" ($ref) edges; a grey node met
// again closes a cycle, reported at the last $ref on the path.
void find_cycles(const Index& index, const Refs& refs, std::vector<SchemaProblem>& problems) {
  enum Color : char { White, Grey, Black };
  std::unordered_map<std::string, Color> color;
  std::unordered_set<std::string> reported;
  struct Frame {
    std::string ptr;
    std::vector<std::pair<std::string, bool>> next; // child pointer, reached through $ref
    size_t i = 0;
    bool via_ref = false;
  };
  auto expand = [&](const std::string& ptr, bool via_ref) {
    Frame f{ptr, {}, 0, via_ref};
    for_each_child(*index.by_pointer.at(ptr).value,
                   [&](const nlohmann::json& child, const std::string& suffix, std::string_view) {
                     if (child.is_object()) {
                       f.next.emplace_back(ptr + suffix, false);
                     }
                   });
    if (auto t = refs.target.find(ptr); t != refs.target.end()) {
      f.next.emplace_back(t->second, true);
    }
    return f;
  };
  for (const auto& start : index.order) {
    if (color[start] != White) {
      continue;
    }
    std::vector<Frame> stack;
    color[start] = Grey;
    stack.push_back(expand(start, false));
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.i == top.next.size()) {
        color[top.ptr] = Black;
        stack.pop_back();
        continue;
      }
      auto [child, via_ref] = top.next[top.i++];
      Color c = color[child];
      if (c == Grey) {
        // The $ref that closes the cycle: this edge, or the last one taken on the path.
        std::string at = top.ptr;
        if (!via_ref) {
          for (size_t k = stack.size(); k-- > 0;) {
            if (stack[k].via_ref) {
              at = stack[k - 1].ptr;
              break;
            }
          }
        }
        if (reported.insert(at).second) {
          const nlohmann::json& s = *index.by_pointer.at(at).value;
          std::string ref = s.value("$ref", "");
          problems.push_back(
              {at + "/$ref", "$ref '" + ref +
                                 "' leads back to a schema that contains it (a reference "
                                 "cycle), which verity refuses: write the nested levels out, or "
                                 "end the recursion with a schema without $ref"});
        }
      } else if (c == White) {
        color[child] = Grey;
        stack.push_back(expand(child, via_ref));
      }
    }
  }
}

} // namespace

std::optional<SchemaProblem> check_depth(const nlohmann::json& schema) {
  if (json_depth(schema) > k_max_depth) {
    return SchemaProblem{"", "the schema is nested more than " + std::to_string(k_max_depth) +
                                 " levels deep: flatten it with definitions"};
  }
  return std::nullopt;
}

std::vector<SchemaProblem> check_refs(const nlohmann::json& schema) {
  std::vector<SchemaProblem> problems;
  if (auto deep = check_depth(schema)) {
    problems.push_back(std::move(*deep));
    return problems;
  }
  Index index = index_schemas(schema);
  Refs refs = resolve_refs(index, problems);
  find_cycles(index, refs, problems);
  return problems;
}

} // namespace verity::schema
