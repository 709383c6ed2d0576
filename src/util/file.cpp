#include "util/file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace verity::util {
namespace {

class Fd {
public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }
  int release() {
    int fd = m_fd;
    m_fd = -1;
    return fd;
  }

private:
  int m_fd;
};

std::string errno_text() {
  return std::strerror(errno);
}

} // namespace

ReadResult read_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
  return read_file_prefix(path, max_bytes, max_bytes);
}

ReadResult read_file_prefix(const std::filesystem::path& path, std::uint64_t prefix_bytes,
                            std::uint64_t max_bytes) {
  ReadResult result;
  // O_NONBLOCK so that opening a FIFO never blocks; it is refused below as not regular.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    result.error = errno_text();
    return result;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    result.error = errno_text();
    return result;
  }
  if (!S_ISREG(st.st_mode)) {
    result.error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    return result;
  }
  result.size = static_cast<std::uint64_t>(st.st_size);
  if (result.size > max_bytes) {
    result.status = ReadResult::Status::TooLarge;
    return result;
  }
  result.bytes.resize(std::min(result.size, prefix_bytes));
  size_t done = 0;
  while (done < result.bytes.size()) {
    ssize_t n = ::read(fd.get(), result.bytes.data() + done, result.bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) {
        continue;
      }
      result.error = errno_text();
      result.bytes.clear();
      return result;
    }
    if (n == 0) {
      break; // the file shrank while we read it: keep what is there
    }
    done += static_cast<size_t>(n);
  }
  result.bytes.resize(done);
  result.status = ReadResult::Status::Ok;
  return result;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content, int mode) {
  write_file_atomic_if(path, content, nullptr, mode);
}

bool write_file_atomic_if(const std::filesystem::path& path, std::string_view content,
                          const std::function<bool()>& still_current, int mode) {
  auto dir = path.parent_path();
  if (dir.empty()) {
    dir = ".";
  }
  std::string tmpl = (dir / ("." + path.filename().string() + ".verity-XXXXXX")).string();
  int raw = ::mkstemp(tmpl.data());
  if (raw < 0) {
    throw std::runtime_error("cannot create a temporary file in " + dir.string() + ": " +
                             errno_text());
  }
  Fd fd(raw);
  auto fail = [&](const std::string& what) {
    std::string reason = errno_text();
    ::unlink(tmpl.c_str());
    throw std::runtime_error(what + " " + path.string() + ": " + reason);
  };
  // Keep the permissions of the file we replace; new files get 0644 minus the umask.
  struct stat st {};
  if (mode >= 0) {
    ::fchmod(fd.get(), static_cast<mode_t>(mode));
  } else if (::stat(path.c_str(), &st) == 0) {
    // The owner too, when we may (as root): an edit must not hand the file to another user.
    if ((st.st_uid != ::geteuid() || st.st_gid != ::getegid()) &&
        ::fchown(fd.get(), st.st_uid, st.st_gid) != 0) {
      // not permitted (not root): the file becomes ours, as any editor's save would make it
    }
    ::fchmod(fd.get(), st.st_mode & 07777);
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd.get(), 0644 & ~mask);
  }
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("cannot write");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd.get()) != 0) {
    fail("cannot fsync");
  }
  if (::close(fd.release()) != 0) {
    fail("cannot close");
  }
  if (still_current && !still_current()) {
    ::unlink(tmpl.c_str());
    return false;
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    fail("cannot rename into");
  }
  Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() >= 0) {
    ::fsync(dfd.get());
  }
  return true;
}

} // namespace verity::util
