#include "media/file_source.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace verity::media {

FileSource::FileSource(const std::filesystem::path& path) {
  m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (m_fd < 0) {
    m_error = std::strerror(errno);
    return;
  }
  struct stat st {};
  if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    m_error = "not a regular file";
    ::close(m_fd);
    m_fd = -1;
  }
}

FileSource::~FileSource() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

size_t FileSource::read_at(std::uint64_t offset, std::span<std::uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n =
        ::pread(m_fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    done += static_cast<size_t>(n);
  }
  return done;
}

} // namespace verity::media
