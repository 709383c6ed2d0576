#include "frontmatter/loader.hpp"

#include "frontmatter/framing.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "rules/catalogue.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

namespace verity::frontmatter {
namespace {

Position position_of_offset(std::string_view text, size_t offset) {
  Position p{1, 1};
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column =
      static_cast<int>(util::count_code_points(text.substr(line_start, offset - line_start))) + 1;
  return p;
}

Finding make(const std::string& file, std::string rule, Severity severity, Position pos,
             std::string message, std::string pointer = "") {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.file = file;
  f.line = pos.line;
  f.column = pos.column;
  f.pointer = std::move(pointer);
  f.message = std::move(message);
  return f;
}

Finding make(const std::string& file, const rules::Rule& rule, Position pos, std::string message,
             std::string pointer = "") {
  return make(file, std::string(rule.id), rule.default_severity, pos, std::move(message),
              std::move(pointer));
}

} // namespace

Document parse_document(std::string bytes, const std::string& relative, const LoadOptions& options,
                        Findings& out) {
  Document doc;
  doc.path = relative;
  doc.bytes = std::move(bytes);
  std::string_view text = doc.bytes;

  Framing framing = frame(text);
  if (framing.status == FramingStatus::Missing) {
    if (options.front_matter_required) {
      out.push_back(make(relative, rules::frontmatter_missing, {1, 1},
                         "no front matter: the first line must be '---', then YAML, then a "
                         "closing '---' line"));
    }
    doc.body_offset = 0;
    return doc;
  }
  doc.has_front_matter = true;
  if (framing.had_bom) {
    out.push_back(make(relative, rules::frontmatter_bom, {1, 1},
                       "file starts with a UTF-8 byte order mark; Jekyll accepts it, but some "
                       "tools do not: consider removing it"));
  }
  if (framing.status == FramingStatus::Unterminated) {
    out.push_back(make(relative, rules::frontmatter_unterminated, {1, 1},
                       "front matter opened on line 1 is never closed: add a line '---' after "
                       "the last key"));
    return doc;
  }
  doc.body_offset = framing.body_offset;
  if (framing.yaml_length > options.limits.max_front_matter_bytes) {
    out.push_back(make(relative, rules::frontmatter_limit, {1, 1},
                       "front matter is " + std::to_string(framing.yaml_length) +
                           " bytes, over the limit of " +
                           std::to_string(options.limits.max_front_matter_bytes)));
    return doc;
  }
  std::string_view yaml = text.substr(framing.yaml_offset, framing.yaml_length);
  size_t bad = 0;
  if (!util::is_valid_utf8(yaml, &bad)) {
    Position pos = position_of_offset(text, framing.yaml_offset + bad);
    out.push_back(make(relative, rules::frontmatter_encoding, pos,
                       "front matter is not valid UTF-8 (byte offset " +
                           std::to_string(framing.yaml_offset + bad) +
                           "): re-save the file as UTF-8"));
    return doc;
  }
  ConversionLimits limits{options.limits.max_depth, options.limits.max_scalar_bytes};
  Conversion conv = yaml_to_json(yaml, limits);
  for (auto& issue : conv.issues) {
    Position pos = issue.position.line > 0 ? issue.position : Position{1, 1};
    out.push_back(make(relative, issue.rule, issue.severity, pos, issue.message, issue.pointer));
    if (issue.rule == rules::frontmatter_ambiguous_bool.id) {
      // A yes/no/on/off is written out as the boolean Jekyll reads today (`published: no` keeps
      // the page unpublished; quoted, the string "no" would publish it); a number-like text (a
      // zip code 082, a time 1:20) is quoted, so it stays the text written.
      const bool is_true = issue.message.find("' is the boolean true") != std::string::npos;
      const bool is_false = issue.message.find("' is the boolean false") != std::string::npos;
      FixEdit edit;
      edit.mode = is_true || is_false ? FixEdit::Mode::Replace : FixEdit::Mode::Quote;
      edit.new_text = is_true ? "true" : is_false ? "false" : "";
      edit.pointer = issue.pointer;
      edit.position = pos;
      Fix& fix = out.back().fix.emplace();
      fix.description = is_true || is_false
                            ? "write " + edit.new_text + ", the value Jekyll reads, so every YAML reads it"
                            : "quote the value, so that Jekyll reads the text written";
      fix.edits.push_back(std::move(edit));
    }
  }
  if (!conv.ok) {
    doc.non_mapping_root = conv.non_mapping_root;
    return doc;
  }
  doc.parsed = true;
  doc.data = std::move(conv.value);
  doc.map = std::move(conv.map);
  doc.refused = std::move(conv.refused);
  doc.duplicates = std::move(conv.duplicates);
  return doc;
}

Document load_document(const std::filesystem::path& absolute, const std::string& relative,
                       const LoadOptions& options, Findings& out) {
  util::ReadResult read = util::read_file(absolute, options.limits.max_file_bytes);
  if (read.status == util::ReadResult::Status::TooLarge) {
    Document doc;
    doc.path = relative;
    doc.absolute_path = absolute;
    out.push_back(make(relative, rules::frontmatter_limit, {0, 0},
                       "file is " + std::to_string(read.size) + " bytes, over the limit of " +
                           std::to_string(options.limits.max_file_bytes) + ": not read"));
    return doc;
  }
  if (read.status == util::ReadResult::Status::Error) {
    Document doc;
    doc.path = relative;
    doc.absolute_path = absolute;
    out.push_back(make(relative, rules::frontmatter_unreadable, {0, 0},
                       "cannot read the file: " + read.error));
    return doc;
  }
  Document doc = parse_document(std::move(read.bytes), relative, options, out);
  doc.absolute_path = absolute;
  return doc;
}

} // namespace verity::frontmatter
