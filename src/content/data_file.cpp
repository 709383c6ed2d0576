#include "content/data_file.hpp"

#include "frontmatter/yaml_to_json.hpp"
#include "rules/make_finding.hpp"
#include "util/ascii.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace verity::content {
namespace {

constexpr size_t k_max_json_depth = 256;

Finding syntax_finding(const std::string& path, Position pos, std::string message) {
  Finding f = rules::make_finding(rules::site_data_syntax);
  f.file = path;
  f.line = pos.line;
  f.column = pos.column;
  f.message = std::move(message);
  return f;
}

// Line and column (1-based, in code points) of `offset` in `text`.
Position position_of(std::string_view text, size_t offset) {
  Position pos{1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

void check_yaml(const std::string& path, std::string_view bytes,
                const frontmatter::Conversion* given, Findings& out) {
  std::optional<frontmatter::Conversion> own;
  if (!given) {
    own = frontmatter::yaml_to_json(bytes, {}, true);
  }
  const frontmatter::Conversion& c = given ? *given : *own;
  for (const auto& issue : c.issues) {
    // A data file may be a list, and Jekyll's YAML reads anchors and aliases: only what stops
    // the parser (or a limit) is a finding; duplicate keys keep their own rule.
    if (issue.rule == rules::frontmatter_alias.id ||
        issue.message.find("must be a mapping") != std::string::npos) {
      continue;
    }
    if (issue.rule == rules::frontmatter_ambiguous_bool.id) {
      continue; // Jekyll types data as YAML 1.1 does, and nothing else reads it
    }
    if (issue.rule == rules::frontmatter_yaml_error.id) {
      out.push_back(syntax_finding(path, issue.position, issue.message));
    } else {
      Finding f = rules::make_finding(issue.rule == rules::frontmatter_duplicate_key.id
                                          ? rules::frontmatter_duplicate_key
                                          : rules::frontmatter_limit);
      f.file = path;
      f.line = issue.position.line;
      f.column = issue.position.column;
      f.pointer = issue.pointer;
      f.message = issue.message;
      out.push_back(std::move(f));
    }
  }
}

// A SAX handler that keeps nothing but the depth, so a hostile file costs no memory.
class DepthOnly : public nlohmann::json_sax<nlohmann::json> {
public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return ++m_depth <= k_max_json_depth; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return --m_depth, true; }
  bool start_array(std::size_t) override { return ++m_depth <= k_max_json_depth; }
  bool end_array() override { return --m_depth, true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    m_error_at = position;
    m_message = e.what();
    return false;
  }
  size_t depth() const { return m_depth; }
  size_t error_at() const { return m_error_at; }
  const std::string& message() const { return m_message; }

private:
  size_t m_depth = 0;
  size_t m_error_at = 0;
  std::string m_message;
};

void check_json(const std::string& path, std::string_view bytes, Findings& out) {
  DepthOnly handler;
  bool ok = nlohmann::json::sax_parse(bytes, &handler);
  if (ok) {
    return;
  }
  if (handler.message().empty()) {
    out.push_back(syntax_finding(
        path, {1, 1}, "nested deeper than " + std::to_string(k_max_json_depth) + " levels"));
    return;
  }
  // nlohmann counts the position from 1 (the byte after the last one read).
  size_t at = handler.error_at() > 0 ? handler.error_at() - 1 : 0;
  std::string message = handler.message();
  if (auto colon = message.find("syntax error"); colon != std::string::npos) {
    message = message.substr(colon);
  }
  out.push_back(syntax_finding(path, position_of(bytes, at), "JSON " + message));
}

// Ruby's CSV (as DataReader calls it): a quoted field must close, and be followed by the
// separator or the end of the line; a quote inside an unquoted field is illegal.
void check_csv(const std::string& path, std::string_view bytes, char separator, Findings& out) {
  CsvTable table = read_csv(bytes, separator);
  if (table.error) {
    out.push_back(
        syntax_finding(path, position_of(bytes, table.error->first), table.error->second));
  }
}

} // namespace

CsvTable read_csv(std::string_view bytes, char separator) {
  enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
  CsvTable table;
  State state = State::FieldStart;
  size_t opened_at = 0;
  CsvCell cell;
  std::vector<CsvCell> row;
  auto end_field = [&](bool end_row) {
    row.push_back(std::move(cell));
    cell = {};
    if (end_row) {
      table.rows.push_back(std::move(row));
      row.clear();
    }
  };
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    const bool row_end = c == '\n' || c == '\r';
    if (state == State::FieldStart) {
      cell.offset = i;
    }
    if (state == State::Quoted) {
      if (c == '"') {
        state = State::QuoteInQuoted;
      } else {
        cell.value += c;
      }
      continue;
    }
    if (state == State::QuoteInQuoted && c == '"') {
      cell.value += '"'; // an escaped quote
      state = State::Quoted;
      continue;
    }
    if (c == separator || row_end) {
      end_field(row_end);
      state = State::FieldStart;
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
        ++i; // CRLF ends one row
      }
      continue;
    }
    if (state == State::QuoteInQuoted) {
      table.error = {i, "CSV: a value after a quoted field is not allowed"};
      return table;
    }
    if (c == '"') {
      if (state == State::Unquoted) {
        table.error = {i, "CSV: illegal quoting (a quote inside an unquoted field)"};
        return table;
      }
      state = State::Quoted;
      opened_at = i;
      continue;
    }
    cell.value += c;
    state = State::Unquoted;
  }
  if (state == State::Quoted) {
    table.error = {opened_at, "CSV: unclosed quoted field (it opens here)"};
    return table;
  }
  if (state != State::FieldStart || !row.empty()) {
    end_field(true);
  }
  return table;
}

std::string data_file_extension(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) {
    return "";
  }
  return util::ascii_lower(std::string(name.substr(dot + 1)));
}

bool is_data_file_name(std::string_view path) {
  std::string ext = data_file_extension(path);
  return ext == "yml" || ext == "yaml" || ext == "json" || ext == "csv" || ext == "tsv";
}

Findings check_data_file(const std::string& path, std::string_view bytes,
                         const frontmatter::Conversion* yaml) {
  Findings out;
  std::string ext = data_file_extension(path);
  if (ext == "yml" || ext == "yaml") {
    check_yaml(path, bytes, yaml, out);
  } else if (ext == "json") {
    check_json(path, bytes, out);
  } else if (ext == "csv" || ext == "tsv") {
    check_csv(path, bytes, ext == "csv" ? ',' : '\t', out);
  }
  return out;
}

} // namespace verity::content
