#include "secured/no_lockfile.hpp"

#include "rules/make_finding.hpp"

namespace verity::secured {

Finding no_lockfile_for_site(const std::string& lockfile) {
  Finding f = rules::make_finding(rules::secured_no_lockfile);
  f.file = lockfile;
  f.message = "the site has legacy v1 secured blobs but no pin lockfile: only their format is "
              "checked. Run `verity secured pin` on the trusted branch and commit " +
              lockfile + " so that new, edited or copied legacy blobs are caught";
  return f;
}

Finding no_lockfile_for_document(const std::string& file) {
  Finding f = rules::make_finding(rules::secured_no_lockfile);
  f.file = file;
  f.pointer = "/secured";
  f.message = "legacy blobs are decrypted only when pinned: run `verity secured pin` on the "
              "trusted branch first";
  return f;
}

} // namespace verity::secured
