#include "crypto/base64.hpp"

#include <array>

namespace verity::crypto {
namespace {

constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) {
    v = -1;
  }
  for (int i = 0; i < 64; ++i) {
    t[static_cast<unsigned char>(k_alphabet[i])] = static_cast<std::int8_t>(i);
  }
  return t;
}

constexpr std::array<std::int8_t, 256> k_table = make_table();

std::string describe(unsigned char c) {
  if (c == '-' || c == '_') {
    return "base64url character '" + std::string(1, static_cast<char>(c)) +
           "' (only the standard alphabet A-Z a-z 0-9 + / is allowed)";
  }
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
    return "whitespace or line break inside base64";
  }
  if (c >= 0x20 && c < 0x7F) {
    return "character '" + std::string(1, static_cast<char>(c)) + "' is not in the base64 alphabet";
  }
  char buf[8];
  static constexpr char k_hex[] = "0123456789abcdef";
  buf[0] = '0';
  buf[1] = 'x';
  buf[2] = k_hex[c >> 4];
  buf[3] = k_hex[c & 15];
  buf[4] = 0;
  return std::string("byte ") + buf + " is not in the base64 alphabet";
}

} // namespace

size_t base64_decoded_size(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return 0;
  }
  size_t pad = text.back() == '=' ? (text[text.size() - 2] == '=' ? 2 : 1) : 0;
  return text.size() / 4 * 3 - pad;
}

Base64Result base64_decode(std::string_view text) {
  Base64Result r;
  auto fail = [&](size_t offset, std::string rule) {
    r.bytes.clear();
    r.error = Base64Error{offset, std::move(rule)};
    return r;
  };
  if (text.empty()) {
    return fail(0, "empty base64 text");
  }
  // Characters first, so the message names the real culprit rather than the length.
  size_t first_pad = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '=') {
      if (first_pad == std::string_view::npos) {
        first_pad = i;
      }
      continue;
    }
    if (k_table[c] < 0) {
      return fail(i, describe(c));
    }
    if (first_pad != std::string_view::npos) {
      return fail(first_pad, "'=' padding in the middle of the text");
    }
  }
  if (text.size() % 4 != 0) {
    return fail(text.size(), "length " + std::to_string(text.size()) +
                                 " is not a multiple of 4 (truncated, or padding missing)");
  }
  size_t pad = first_pad == std::string_view::npos ? 0 : text.size() - first_pad;
  if (pad > 2) {
    return fail(first_pad, "more than two '=' padding characters");
  }
  r.bytes.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    std::uint32_t v = 0;
    int n = last ? 4 - static_cast<int>(pad) : 4;
    for (int k = 0; k < 4; ++k) {
      v <<= 6;
      if (k < n) {
        v |= static_cast<std::uint32_t>(k_table[static_cast<unsigned char>(text[i + k])]);
      }
    }
    r.bytes.push_back(static_cast<std::uint8_t>(v >> 16));
    if (n >= 3) {
      r.bytes.push_back(static_cast<std::uint8_t>(v >> 8));
    }
    if (n == 4) {
      r.bytes.push_back(static_cast<std::uint8_t>(v));
    }
    if (last && pad > 0) {
      // The bits below the last full byte must be zero (RFC 4648 §3.5): canonical form only.
      std::uint32_t unused = pad == 2 ? (v & 0xFFFF) : (v & 0xFF);
      if (unused != 0) {
        return fail(i + static_cast<size_t>(n) - 1,
                    "non-zero pad bits in the last character (not the canonical encoding)");
      }
    }
  }
  return r;
}

std::string base64_encode(const std::uint8_t* data, size_t size) {
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    std::uint32_t v = (std::uint32_t(data[i]) << 16) | (data[i + 1] << 8) | data[i + 2];
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += k_alphabet[(v >> 6) & 63];
    out += k_alphabet[v & 63];
  }
  if (size - i == 1) {
    std::uint32_t v = std::uint32_t(data[i]) << 16;
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += "==";
  } else if (size - i == 2) {
    std::uint32_t v = (std::uint32_t(data[i]) << 16) | (data[i + 1] << 8);
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += k_alphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

} // namespace verity::crypto
