// The legacy pin lockfile (secured.lock): per document, the SHA-256 of its v1 ciphertext‖IV and
// the id of the key that encrypted it ("-" when unknown). Nothing secret. It is generated from
// the trusted main branch by `verity secured pin` and reviewed like code; a v1 blob that is new,
// changed or moved to another document does not match and is never decrypted.
//   verity-legacy-pins 1
//   <doc-id> TAB <64 hex> TAB <32 hex kid | ->
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace verity::secured {

class PinError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct Pin {
  std::string hash; // 64 lowercase hex
  std::string kid;  // 32 lowercase hex, or "" when unknown
};

class PinFile {
public:
  // nullopt when the file does not exist; PinError (with file:line) when it is malformed.
  static std::optional<PinFile> load(const std::filesystem::path& path);
  static PinFile parse(std::string_view text, const std::string& name);

  const Pin* find(const std::string& doc_id) const;
  void set(const std::string& doc_id, Pin pin) { m_pins[doc_id] = std::move(pin); }
  void erase(const std::string& doc_id) { m_pins.erase(doc_id); }
  size_t size() const { return m_pins.size(); }
  // Sorted by doc id, LF line ends.
  std::string render() const;

private:
  std::map<std::string, Pin> m_pins;
};

} // namespace verity::secured
