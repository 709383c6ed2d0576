// An istream buffer over memory that already holds the text, so a parser that wants a stream
// (yaml-cpp) reads it without one more copy.
#pragma once

#include <streambuf>
#include <string_view>

namespace verity::util {

class MemoryBuffer : public std::streambuf {
public:
  // `text` must outlive the buffer; it is only read.
  explicit MemoryBuffer(std::string_view text) {
    char* p = const_cast<char*>(text.data());
    setg(p, p, p + text.size());
  }
};

} // namespace verity::util
