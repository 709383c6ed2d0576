// Fuzz target: every image probe, on complete bytes and as a partial download. Properties: a
// partial source never yields a size the complete bytes contradict, and NeedMore only names
// offsets past what is held.
#include "media/image_probe.hpp"
#include "media/range_source.hpp"

#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  using namespace verity::media;
  MemorySource whole({data, size});
  ProbeResult full = probe_image(whole);
  size_t half = size / 2;
  RangeSource partial;
  partial.add(0, std::vector<std::uint8_t>(data, data + half));
  ProbeResult part = probe_image(partial);
  if (part.status == ProbeStatus::NeedMore && part.need_offset < half && part.need_offset != 0) {
    // The probe may not ask for bytes it already has, except where a read straddles the end.
    if (half - part.need_offset > 64) {
      __builtin_trap();
    }
  }
  if (part.status == ProbeStatus::Ok && full.status == ProbeStatus::Ok &&
      (part.width != full.width || part.height != full.height)) {
    __builtin_trap();
  }
  return 0;
}
