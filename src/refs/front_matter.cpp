#include "refs/front_matter.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

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
                          const nlohmann::json& obj, const std::string& url_key) {
  Reference ref;
  ref.kind = ReferenceKind::Image;
  ref.file = doc.path;
  ref.raw = obj[url_key].get<std::string>();
  ref.origin = front_matter_origin(doc, pointer + "/" + url_key);
  ref.element = front_matter_origin(doc, pointer);
  ref.declared.width = declared_value(obj, "width");
  ref.declared.height = declared_value(obj, "height");
  ref.declared.width_origin = front_matter_origin(doc, pointer + "/width");
  ref.declared.height_origin = front_matter_origin(doc, pointer + "/height");
  for (const auto& [key, value] : obj.items()) {
    if (key == url_key || key == "width" || key == "height" || value.is_structured()) {
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

// An image field's string value (`image: /assets/x.png`): an image with no declared size, its
// own element.
Reference image_string_reference(const Document& doc, const std::string& pointer,
                                 const std::string& url) {
  Reference ref;
  ref.kind = ReferenceKind::Image;
  ref.file = doc.path;
  ref.raw = url;
  ref.origin = front_matter_origin(doc, pointer);
  ref.element = ref.origin;
  ref.declared.width_origin = ref.origin;
  ref.declared.height_origin = ref.origin;
  return ref;
}

// The member of an object that holds its image URL: `path` in an image field's object form
// (jekyll-seo-tag's `image: {path, width, height}`), `url` in an {url, width|height} object
// anywhere; "" for an object that is no image.
std::string image_url_key(const nlohmann::json& obj, bool image_field) {
  if (image_field) {
    auto it = obj.find("path");
    if (it != obj.end() && it->is_string()) {
      return "path";
    }
  }
  return is_image_object(obj) ? "url" : "";
}

struct Walk {
  const Document& doc;
  std::unordered_set<std::string_view> image_fields;
  std::vector<Reference>& out;

  // `links`: false below an image object's non-string URL member, where only images are looked
  // for. `image_field`: the node is the value of a configured top-level image field.
  void node(const nlohmann::json& node, const std::string& pointer, int depth, bool links,
            bool image_field) {
    if (depth > k_max_depth) {
      return;
    }
    if (node.is_string()) {
      const std::string& s = node.get_ref<const std::string&>();
      if (image_field) {
        if (!s.empty()) {
          out.push_back(image_string_reference(doc, pointer, s));
        }
      } else if (links && looks_like_absolute_url(s)) {
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
      std::string url_key = image_url_key(node, image_field);
      if (!url_key.empty() && node[url_key].is_string()) {
        out.push_back(image_reference(doc, pointer, node, url_key));
      }
      for (const auto& [k, v] : node.items()) {
        bool skip_links = !url_key.empty() && k == url_key;
        if (skip_links && !v.is_structured()) {
          continue;
        }
        bool field = depth == 0 && image_fields.count(k) > 0;
        this->node(v, pointer + "/" + escape_pointer_token(k), depth + 1, links && !skip_links,
                   field);
      }
    } else if (node.is_array()) {
      for (size_t i = 0; i < node.size(); ++i) {
        this->node(node[i], pointer + "/" + std::to_string(i), depth + 1, links, false);
      }
    }
  }
};

} // namespace

std::vector<Reference> front_matter_references(const Document& doc,
                                               const std::vector<std::string>& image_fields) {
  std::vector<Reference> out;
  if (doc.parsed) {
    Walk walk{doc, {image_fields.begin(), image_fields.end()}, out};
    walk.node(doc.data, "", 0, true, false);
  }
  return out;
}

} // namespace verity::refs
