#include "secured/pins.hpp"

#include "util/file.hpp"
#include "util/git_command.hpp"
#include "util/subprocess.hpp"

namespace verity::secured {
namespace {

bool is_hex(std::string_view s, size_t n) {
  if (s.size() != n) {
    return false;
  }
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<PinFile> PinFile::load(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return std::nullopt;
  }
  auto r = util::read_file(path, 64u << 20);
  if (r.status != util::ReadResult::Status::Ok) {
    throw PinError(path.string() + ": cannot read the pin lockfile" +
                   (r.error.empty() ? "" : ": " + r.error));
  }
  return parse(r.bytes, path.string());
}

std::optional<PinFile> PinFile::at_revision(const std::filesystem::path& site_root,
                                            const std::string& relative,
                                            const std::string& revision) {
  std::string where = relative + " at " + revision;
  if (revision.empty() || revision[0] == '-' || revision.find(':') != std::string::npos) {
    throw PinError("--pins-from needs a git revision, got '" + revision + "'");
  }
  auto commit = util::run_process(
      util::git_command({"rev-parse", "--verify", "--quiet", revision + "^{commit}"}), site_root);
  if (commit.exit_code != 0) {
    throw PinError("--pins-from " + revision +
                   ": not a commit in this repository (fetch the base branch first)");
  }
  // "./" makes the path relative to the site root, wherever it sits in the repository. cat-file
  // gives the committed bytes as they are: no textconv or filter from the checkout applies.
  std::string object = revision + ":./" + relative;
  if (util::run_process(util::git_command({"cat-file", "-e", object}), site_root).exit_code != 0) {
    return std::nullopt;
  }
  auto blob =
      util::run_process(util::git_command({"cat-file", "blob", object}), site_root, 64u << 20);
  if (blob.exit_code != 0) {
    throw PinError(where + ": git cat-file failed");
  }
  PinFile file = parse(blob.out, where);
  file.m_source = where;
  return file;
}

PinFile PinFile::parse(std::string_view text, const std::string& name) {
  PinFile file;
  int line_no = 0;
  size_t start = 0;
  auto fail = [&](const std::string& what) {
    return PinError(name + ":" + std::to_string(line_no) + ": " + what +
                    " (regenerate it with `verity secured pin`)");
  };
  while (start < text.size()) {
    ++line_no;
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      throw fail("the last line has no line feed");
    }
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    if (line_no == 1) {
      if (line != "verity-legacy-pins 1") {
        throw fail("first line must be 'verity-legacy-pins 1'");
      }
      continue;
    }
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos || line.find('\t', t2 + 1) != std::string_view::npos) {
      throw fail("expected <doc-id> TAB <sha256> TAB <kid or ->");
    }
    std::string id(line.substr(0, t1));
    std::string_view hash = line.substr(t1 + 1, t2 - t1 - 1);
    std::string_view kid = line.substr(t2 + 1);
    if (id.empty() || !is_hex(hash, 64) || !(kid == "-" || is_hex(kid, 32))) {
      throw fail("malformed pin line");
    }
    if (file.m_pins.count(id)) {
      throw fail("document '" + id + "' is pinned twice");
    }
    file.m_pins[id] = Pin{std::string(hash), kid == "-" ? "" : std::string(kid)};
  }
  if (line_no == 0) {
    ++line_no;
    throw fail("empty file");
  }
  return file;
}

const Pin* PinFile::find(const std::string& doc_id) const {
  auto it = m_pins.find(doc_id);
  return it == m_pins.end() ? nullptr : &it->second;
}

std::string PinFile::render() const {
  std::string out = "verity-legacy-pins 1\n";
  for (const auto& [id, pin] : m_pins) {
    out += id + "\t" + pin.hash + "\t" + (pin.kid.empty() ? "-" : pin.kid) + "\n";
  }
  return out;
}

} // namespace verity::secured
