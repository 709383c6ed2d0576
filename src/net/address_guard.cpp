#include "net/address_guard.hpp"

#include <arpa/inet.h>
#include <cstdint>
#include <cstring>
#include <netinet/in.h>

namespace verity::net {
namespace {

bool private_v4(std::uint32_t a) { // host byte order
  auto in = [&](std::uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  return in(0x00000000, 8) ||  // 0/8 "this network", unspecified
         in(0x0A000000, 8) ||  // 10/8
         in(0x64400000, 10) || // 100.64/10 CGNAT
         in(0x7F000000, 8) ||  // 127/8 loopback
         in(0xA9FE0000, 16) || // 169.254/16 link-local (cloud metadata)
         in(0xAC100000, 12) || // 172.16/12
         in(0xC0000000, 24) || // 192.0.0/24
         in(0xC0A80000, 16) || // 192.168/16
         in(0xC6120000, 15) || // 198.18/15 benchmarking
         in(0xE0000000, 4) ||  // 224/4 multicast
         in(0xF0000000, 4);    // 240/4 reserved, broadcast
}

bool private_v6(const std::uint8_t* b) {
  static const std::uint8_t zero[16] = {};
  if (std::memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1)) {
    return true; // :: and ::1
  }
  // IPv4-mapped ::ffff:0:0/96 and NAT64 64:ff9b::/96 carry an IPv4 address: judge that.
  static const std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static const std::uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, mapped, 12) == 0 || std::memcmp(b, nat64, 12) == 0) {
    std::uint32_t v4 = (std::uint32_t(b[12]) << 24) | (b[13] << 16) | (b[14] << 8) | b[15];
    return private_v4(v4);
  }
  return (b[0] & 0xFE) == 0xFC ||                   // fc00::/7 unique local
         (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) || // fe80::/10 link-local
         b[0] == 0xFF;                              // ff00::/8 multicast
}

} // namespace

bool AddressGuard::is_private(const sockaddr* addr) {
  if (addr->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(addr);
    return private_v4(ntohl(in->sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(addr);
    return private_v6(in6->sin6_addr.s6_addr);
  }
  return true; // unix sockets and anything else: never
}

std::string AddressGuard::text(const sockaddr* addr) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, buf, sizeof buf);
  } else if (addr->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

bool AddressGuard::permits(const sockaddr* addr) const {
  if (!is_private(addr)) {
    return true;
  }
  return m_allow_all || m_allowed.count(text(addr)) > 0;
}

} // namespace verity::net
