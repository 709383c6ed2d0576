// Document check: the size of every local image the document cites (media/local_images.hpp).
#include "checks/registry.hpp"
#include "media/local_images.hpp"

namespace verity::checks {

void local_images(const DocumentInput& in, const RunContext& run, Findings& out, Records&) {
  media::SiteLocation where{in.url, in.doc.path, run.baseurl};
  media::check_local_images(in.doc, in.references, run.cfg, where, run.probes, out);
}

} // namespace verity::checks
