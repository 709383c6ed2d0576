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
  // The lockfile `relative` (to `site_root`) as committed at git revision `revision` (the base
  // branch of a pull request), never the working tree's: nullopt when it does not exist there;
  // PinError when the revision is unknown, git fails or the file is malformed.
  static std::optional<PinFile> at_revision(const std::filesystem::path& site_root,
                                            const std::string& relative,
                                            const std::string& revision);
  static PinFile parse(std::string_view text, const std::string& name);

  const Pin* find(const std::string& doc_id) const;
  void set(const std::string& doc_id, Pin pin) { m_pins[doc_id] = std::move(pin); }
  void erase(const std::string& doc_id) { m_pins.erase(doc_id); }
  size_t size() const { return m_pins.size(); }
  // Where the pins come from, for messages: "" for the working tree's lockfile, else
  // "secured.lock at REV".
  const std::string& source() const { return m_source; }
  // Sorted by doc id, LF line ends.
  std::string render() const;

private:
  std::map<std::string, Pin> m_pins;
  std::string m_source;
};

} // namespace verity::secured
