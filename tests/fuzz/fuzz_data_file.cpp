// Fuzz target: _data files as DataReader parses them (src/content/data_file: YAML, JSON by SAX,
// CSV/TSV as Ruby's CSV) and the links and images taken from them (src/engine/data_links).
// Properties: no input crashes or hangs; every CSV cell's offset lies inside the file and a table
// with an error says where; every reference is placed at a real line and column.
#include "content/data_file.hpp"
#include "engine/data_links.hpp"

#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (char separator : {',', '\t'}) {
    verity::content::CsvTable table = verity::content::read_csv(bytes, separator);
    if (table.error && (table.error->first >= size || table.error->second.empty())) {
      __builtin_trap();
    }
    for (const auto& row : table.rows) {
      for (const auto& cell : row) {
        if (size > 0 && cell.offset > size) {
          __builtin_trap();
        }
      }
    }
  }
  for (const char* name : {"_data/f.yml", "_data/f.json", "_data/f.csv", "_data/f.tsv"}) {
    verity::Findings findings = verity::content::check_data_file(name, bytes);
    for (const auto& f : findings) {
      if (f.message.empty()) {
        __builtin_trap();
      }
    }
    for (const auto& ref : verity::engine::data_references(name, bytes, "https://example.com")) {
      if (ref.origin.position.line < 1 || ref.origin.position.column < 1 || ref.raw.empty()) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
