#include "media/byte_reader.hpp"

#include <algorithm>

namespace verity::media {

bool ByteReader::get(std::uint64_t offset, size_t n, std::uint8_t* out) {
  if (offset + n < offset) {
    return false;
  }
  if (offset < m_start || offset + n > m_start + m_buf.size()) {
    if (!fill(offset, n)) {
      return false;
    }
  }
  std::memcpy(out, m_buf.data() + (offset - m_start), n);
  return true;
}

bool ByteReader::fill(std::uint64_t offset, size_t need) {
  // The cap bounds the bytes requested from the source, not the offsets: a TIFF IFD at the end
  // of a large file costs one small read there.
  size_t want = std::max<size_t>(need, m_total == 0 ? k_head : k_chunk);
  std::uint64_t left = m_cap > m_total ? m_cap - m_total : 0;
  want = static_cast<size_t>(std::min<std::uint64_t>(want, left));
  if (want < need) {
    m_capped = true;
    return false;
  }
  m_buf.resize(want);
  size_t got = m_src.read_at(offset, m_buf);
  m_total += got;
  m_buf.resize(got);
  m_start = offset;
  if (got < need) {
    note_gap(offset + got);
    return false;
  }
  return true;
}

void ByteReader::note_gap(std::uint64_t at) {
  // A short read from a partial source is a gap to fetch, unless the image is known to end there.
  bool at_end = m_src.size() && at >= *m_src.size();
  if (!m_src.complete() && !at_end && !m_need) {
    m_need = at;
  }
}

std::vector<std::uint8_t> ByteReader::take(std::uint64_t offset, size_t max) {
  std::vector<std::uint8_t> out;
  max = static_cast<size_t>(std::min<std::uint64_t>(max, m_cap > m_total ? m_cap - m_total : 0));
  out.resize(max);
  size_t got = max == 0 ? 0 : m_src.read_at(offset, out);
  m_total += got;
  out.resize(got);
  if (got < max) {
    note_gap(offset + got);
  }
  return out;
}

bool ByteReader::be16(std::uint64_t off, std::uint32_t& v) {
  std::uint8_t b[2];
  if (!get(off, 2, b))
    return false;
  v = (b[0] << 8) | b[1];
  return true;
}
bool ByteReader::le16(std::uint64_t off, std::uint32_t& v) {
  std::uint8_t b[2];
  if (!get(off, 2, b))
    return false;
  v = b[0] | (b[1] << 8);
  return true;
}
bool ByteReader::be32(std::uint64_t off, std::uint32_t& v) {
  std::uint8_t b[4];
  if (!get(off, 4, b))
    return false;
  v = (std::uint32_t(b[0]) << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
  return true;
}
bool ByteReader::le32(std::uint64_t off, std::uint32_t& v) {
  std::uint8_t b[4];
  if (!get(off, 4, b))
    return false;
  v = b[0] | (b[1] << 8) | (b[2] << 16) | (std::uint32_t(b[3]) << 24);
  return true;
}
bool ByteReader::le24(std::uint64_t off, std::uint32_t& v) {
  std::uint8_t b[3];
  if (!get(off, 3, b))
    return false;
  v = b[0] | (b[1] << 8) | (b[2] << 16);
  return true;
}
bool ByteReader::be64(std::uint64_t off, std::uint64_t& v) {
  std::uint32_t hi, lo;
  if (!be32(off, hi) || !be32(off + 4, lo))
    return false;
  v = (std::uint64_t(hi) << 32) | lo;
  return true;
}
bool ByteReader::le64(std::uint64_t off, std::uint64_t& v) {
  std::uint32_t lo, hi;
  if (!le32(off, lo) || !le32(off + 4, hi))
    return false;
  v = (std::uint64_t(hi) << 32) | lo;
  return true;
}

ProbeResult probe_ok(ImageFormat f, std::uint32_t w, std::uint32_t h) {
  ProbeResult r;
  r.status = ProbeStatus::Ok;
  r.format = f;
  r.width = w;
  r.height = h;
  return r;
}

ProbeResult probe_bad(ImageFormat f, std::string reason, ProbeStatus s) {
  ProbeResult r;
  r.status = s;
  r.format = f;
  r.reason = std::move(reason);
  return r;
}

} // namespace verity::media
