// The one list of checks. Each is defined in its own file of this folder (checks/<name>.cpp),
// declared on the lines below and registered in registry().
#include "checks/registry.hpp"

#include "util/phase_timer.hpp"

#include <string>

namespace verity::checks {

DocumentCheckFn schema, filename_date, invalid_date, local_images, secured_field, unique_fields,
    body_links;
CorpusCheckFn duplicate_fields, no_lockfile, internal_links, template_links, unverifiable_links;
NetworkCheckFn links, remote_images;

const Registry& registry() {
  static const Registry k_registry{
      {
          {"schema", schema},
          {"filename-date", filename_date},
          {"invalid-date", invalid_date},
          {"local-images", local_images, true},
          {"secured", secured_field},
          {"unique-fields", unique_fields},
          {"body-links", body_links, true},
      },
      {
          {"duplicate-fields", duplicate_fields},
          {"internal-links", internal_links},
          {"template-links", template_links},
          {"no-lockfile", no_lockfile, true},
          {"unverifiable-links", unverifiable_links, true},
      },
      {
          {"links", links},
          {"remote-images", remote_images},
      },
  };
  return k_registry;
}

void run_document_checks(const Registry& registry, const DocumentInput& in, const RunContext& run,
                         Findings& out, Records& records) {
  for (const auto& check : registry.document) {
    check.run(in, run, out, records);
  }
}

void run_template_checks(const Registry& registry, const DocumentInput& in, const RunContext& run,
                         Findings& out, Records& records) {
  for (const auto& check : registry.document) {
    if (check.reads_templates)
      check.run(in, run, out, records);
  }
}

void run_corpus_checks(const Registry& registry, const Records& records, const RunContext& run,
                       Findings& out, Findings& site) {
  util::PhaseTimer phase;
  for (const auto& check : registry.corpus) {
    check.run(records, run, check.site_wide ? site : out);
    phase.mark(std::string("corpus check ") + std::string(check.name));
  }
  run.site_targets.reset(); // it views the records, which the caller frees next
}

void run_network_checks(const Registry& registry, const std::vector<refs::Reference>& references,
                        const RunContext& run, Findings& out) {
  for (const auto& check : registry.network) {
    check.run(references, run, out);
  }
}

} // namespace verity::checks
