#include "refs/front_matter.hpp"

#include <algorithm>

namespace verity::refs {
namespace {

constexpr int k_max_depth = 64;

bool looks_like_absolute_url(const std::string& s) {
  size_t sep = s.find("://");
  return sep != std::string::npos && sep > 0 && s.find_first_of(" \t\n\"<>") == std::string::npos &&
         std::all_of(s.begin(), s.begin() + static_cast<long>(sep), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
         });
}

// Its `url` member is what the image probe reads, never a link (whatever its type).
bool is_image_object(const nlohmann::json& obj) {
  return obj.contains("url") && (obj.contains("width") || obj.contains("height"));
}

std::optional<std::int64_t> declared_value(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it != obj.end() && it->is_number_integer()) {
    return it->get<std::int64_t>();
  }
  return std::nullopt;
}

Origin front_matter_origin(const Document& doc, std::string pointer) {
  Origin o;
  o.position = doc.map.find(pointer).value;
  o.pointer = std::move(pointer);
  return o;
}

Reference image_reference(const Document& doc, const std::string& pointer,
                          const nlohmann::json& obj) {
  Reference ref;
  ref.kind = ReferenceKind::Image;
  ref.file = doc.path;
  ref.raw = obj["url"].get<std::string>();
  ref.origin = front_matter_origin(doc, pointer + "/url");
  ref.element = front_matter_origin(doc, pointer);
  ref.declared.width = declared_value(obj, "width");
  ref.declared.height = declared_value(obj, "height");
  ref.declared.width_origin = front_matter_origin(doc, pointer + "/width");
  ref.declared.height_origin = front_matter_origin(doc, pointer + "/height");
  for (const auto& [key, value] : obj.items()) {
    if (key == "url" || key == "width" || key == "height" || value.is_structured()) {
      continue;
    }
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (key == "alt") {
      ref.alt = std::move(text);
    } else {
      ref.attributes.emplace(key, std::move(text));
    }
  }
  return ref;
}

// `links`: false below an image object's non-string `url`, where only images are looked for.
void walk(const Document& doc, const nlohmann::json& node, const std::string& pointer, int depth,
          bool links, std::vector<Reference>& out) {
  if (depth > k_max_depth) {
    return;
  }
  if (node.is_string()) {
    const std::string& s = node.get_ref<const std::string&>();
    if (links && looks_like_absolute_url(s)) {
      Reference ref;
      ref.kind = ReferenceKind::Link;
      ref.file = doc.path;
      ref.raw = s;
      ref.origin = front_matter_origin(doc, pointer);
      out.push_back(std::move(ref));
    }
    return;
  }
  if (node.is_object()) {
    bool image = is_image_object(node);
    if (image && node["url"].is_string()) {
      out.push_back(image_reference(doc, pointer, node));
    }
    for (const auto& [k, v] : node.items()) {
      bool skip_links = image && k == "url";
      if (skip_links && !v.is_structured()) {
        continue;
      }
      walk(doc, v, pointer + "/" + escape_pointer_token(k), depth + 1, links && !skip_links, out);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      walk(doc, node[i], pointer + "/" + std::to_string(i), depth + 1, links, out);
    }
  }
}

} // namespace

std::vector<Reference> front_matter_references(const Document& doc) {
  std::vector<Reference> out;
  if (doc.parsed) {
    walk(doc, doc.data, "", 0, true, out);
  }
  return out;
}

} // namespace verity::refs
