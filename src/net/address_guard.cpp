// The table is first-match: the few globally reachable blocks inside a refused block (anycast
// services in 192.0.0.0/24 and 2001::/23) come before it. Each row names its registry entry, so
// a reviewer can hold the table against
// https://www.iana.org/assignments/iana-ipv4-special-registry and iana-ipv6-special-registry.
#include "net/address_guard.hpp"

#include <arpa/inet.h>
#include <array>
#include <cstdint>
#include <cstring>
#include <ifaddrs.h>
#include <netinet/in.h>

namespace verity::net {
namespace {

enum class Verdict {
  Allow,         // globally reachable, although inside a refused block
  Refuse,        // not globally reachable
  JudgeEmbedded, // carries an IPv4 address in its last 32 bits: judge that one
};

struct Row4 {
  std::uint32_t net; // host byte order
  int bits;
  Verdict verdict;
  const char* name; // the registry's name for the block
};

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// IANA IPv4 Special-Purpose Address Registry, plus multicast from the IPv4 address space
// registry. 255.255.255.255/32 lies inside 240.0.0.0/4 and is listed for its name.
constexpr std::array<Row4, 21> k_v4 = {{
    {v4(0, 0, 0, 0), 8, Verdict::Refuse, "\"This network\" (RFC 791)"},
    {v4(10, 0, 0, 0), 8, Verdict::Refuse, "Private-Use (RFC 1918)"},
    {v4(100, 64, 0, 0), 10, Verdict::Refuse, "Shared Address Space (RFC 6598)"},
    {v4(127, 0, 0, 0), 8, Verdict::Refuse, "Loopback (RFC 1122)"},
    {v4(169, 254, 0, 0), 16, Verdict::Refuse, "Link Local (RFC 3927)"},
    {v4(172, 16, 0, 0), 12, Verdict::Refuse, "Private-Use (RFC 1918)"},
    {v4(192, 0, 0, 9), 32, Verdict::Allow, "Port Control Protocol Anycast (RFC 7723)"},
    {v4(192, 0, 0, 10), 32, Verdict::Allow, "Traversal Using Relays around NAT Anycast (RFC 8155)"},
    {v4(192, 0, 0, 0), 24, Verdict::Refuse, "IETF Protocol Assignments (RFC 6890)"},
    {v4(192, 0, 2, 0), 24, Verdict::Refuse, "Documentation (TEST-NET-1, RFC 5737)"},
    {v4(192, 31, 196, 0), 24, Verdict::Allow, "AS112-v4 (RFC 7535)"},
    {v4(192, 52, 193, 0), 24, Verdict::Allow, "AMT (RFC 7450)"},
    {v4(192, 88, 99, 0), 24, Verdict::Refuse, "Deprecated (6to4 Relay Anycast, RFC 7526)"},
    {v4(192, 168, 0, 0), 16, Verdict::Refuse, "Private-Use (RFC 1918)"},
    {v4(192, 175, 48, 0), 24, Verdict::Allow, "Direct Delegation AS112 Service (RFC 7534)"},
    {v4(198, 18, 0, 0), 15, Verdict::Refuse, "Benchmarking (RFC 2544)"},
    {v4(198, 51, 100, 0), 24, Verdict::Refuse, "Documentation (TEST-NET-2, RFC 5737)"},
    {v4(203, 0, 113, 0), 24, Verdict::Refuse, "Documentation (TEST-NET-3, RFC 5737)"},
    {v4(224, 0, 0, 0), 4, Verdict::Refuse, "Multicast (RFC 5771)"},
    {v4(255, 255, 255, 255), 32, Verdict::Refuse, "Limited Broadcast (RFC 8190)"},
    {v4(240, 0, 0, 0), 4, Verdict::Refuse, "Reserved (RFC 1112)"},
}};

struct Row6 {
  std::array<std::uint8_t, 16> net;
  int bits;
  Verdict verdict;
  const char* name;
};

// IANA IPv6 Special-Purpose Address Registry, the deprecated site-local block, multicast, and a
// last row for everything outside 2000::/3: IANA has assigned no global unicast space there.
//
// 6to4 (2002::/16) is refused outright rather than judged by its embedded IPv4 address: it is
// deprecated (RFC 7526), no public site depends on it, and a 6to4 packet goes through a relay
// verity cannot see, so the embedded address says little about where it ends up. Teredo
// (2001::/32) is refused for the same reason (it is inside 2001::/23 anyway).
constexpr std::array<Row6, 25> k_v6 = {{
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff},
     96,
     Verdict::JudgeEmbedded,
     "IPv4-mapped Address (RFC 4291)"},
    {{}, 128, Verdict::Refuse, "Unspecified Address (RFC 4291)"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
     128,
     Verdict::Refuse,
     "Loopback Address (RFC 4291)"},
    {{}, 96, Verdict::Refuse, "IPv4-compatible Address (deprecated, RFC 4291)"},
    {{0, 0x64, 0xff, 0x9b}, 96, Verdict::JudgeEmbedded, "IPv4-IPv6 Translat. (RFC 6052)"},
    {{0, 0x64, 0xff, 0x9b, 0, 1}, 48, Verdict::Refuse, "IPv4-IPv6 Translat. (local-use, RFC 8215)"},
    {{0x01, 0x00}, 64, Verdict::Refuse, "Discard-Only Address Block (RFC 6666)"},
    {{0x01, 0x00, 0, 0, 0, 0, 0, 1}, 64, Verdict::Refuse, "Dummy IPv6 Prefix (RFC 9780)"},
    {{0x20, 0x01, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
     128,
     Verdict::Allow,
     "Port Control Protocol Anycast (RFC 7723)"},
    {{0x20, 0x01, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
     128,
     Verdict::Allow,
     "Traversal Using Relays around NAT Anycast (RFC 8155)"},
    {{0x20, 0x01, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3},
     128,
     Verdict::Allow,
     "DNS-SD Service Registration Protocol Anycast (RFC 9665)"},
    {{0x20, 0x01, 0, 0x03}, 32, Verdict::Allow, "AMT (RFC 7450)"},
    {{0x20, 0x01, 0, 0x04, 0x01, 0x12}, 48, Verdict::Allow, "AS112-v6 (RFC 7535)"},
    {{0x20, 0x01, 0, 0x20}, 28, Verdict::Allow, "ORCHIDv2 (RFC 7343)"},
    {{0x20, 0x01, 0, 0x30}, 28, Verdict::Allow, "Drone Remote ID Protocol Entity Tags (RFC 9374)"},
    {{0x20, 0x01}, 32, Verdict::Refuse, "TEREDO (RFC 4380)"},
    {{0x20, 0x01}, 23, Verdict::Refuse, "IETF Protocol Assignments (RFC 2928)"},
    {{0x20, 0x01, 0x0d, 0xb8}, 32, Verdict::Refuse, "Documentation (RFC 3849)"},
    {{0x20, 0x02}, 16, Verdict::Refuse, "6to4 (RFC 3056, deprecated by RFC 7526)"},
    {{0x3f, 0xff}, 20, Verdict::Refuse, "Documentation (RFC 9637)"},
    {{0x5f, 0x00}, 16, Verdict::Refuse, "Segment Routing (SRv6) SIDs (RFC 9602)"},
    {{0xfc, 0x00}, 7, Verdict::Refuse, "Unique-Local (RFC 4193)"},
    {{0xfe, 0x80}, 10, Verdict::Refuse, "Link-Local Unicast (RFC 4291)"},
    {{0xfe, 0xc0}, 10, Verdict::Refuse, "Site-Local (deprecated, RFC 3879)"},
    {{0xff, 0x00}, 8, Verdict::Refuse, "Multicast (RFC 4291)"},
}};

bool in_prefix(const std::uint8_t* addr, const std::uint8_t* net, int bits) {
  int whole = bits / 8;
  if (std::memcmp(addr, net, static_cast<size_t>(whole)) != 0) {
    return false;
  }
  int rest = bits % 8;
  if (rest == 0) {
    return true;
  }
  auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
  return (addr[whole] & mask) == (net[whole] & mask);
}

const char* special_v4(std::uint32_t a) {
  for (const Row4& row : k_v4) {
    std::uint32_t mask = row.bits == 0 ? 0 : ~std::uint32_t{0} << (32 - row.bits);
    if ((a & mask) == (row.net & mask)) {
      return row.verdict == Verdict::Refuse ? row.name : nullptr;
    }
  }
  return nullptr;
}

const char* special_v6(const std::uint8_t* b) {
  for (const Row6& row : k_v6) {
    if (!in_prefix(b, row.net.data(), row.bits)) {
      continue;
    }
    if (row.verdict == Verdict::JudgeEmbedded) {
      return special_v4(v4(b[12], b[13], b[14], b[15]));
    }
    return row.verdict == Verdict::Refuse ? row.name : nullptr;
  }
  if ((b[0] & 0xE0) != 0x20) {
    return "outside 2000::/3, the only global unicast space (IANA IPv6 Address Space)";
  }
  return nullptr;
}

} // namespace

const char* AddressGuard::special_range(const sockaddr* addr) {
  if (addr->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(addr);
    return special_v4(ntohl(in->sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(addr);
    return special_v6(in6->sin6_addr.s6_addr);
  }
  return "not an Internet address"; // unix sockets and anything else: never
}

const std::set<std::string>& AddressGuard::own_addresses() {
  static const std::set<std::string> k_own = [] {
    std::set<std::string> own;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) {
      return own;
    }
    for (ifaddrs* i = list; i; i = i->ifa_next) {
      if (i->ifa_addr &&
          (i->ifa_addr->sa_family == AF_INET || i->ifa_addr->sa_family == AF_INET6)) {
        own.insert(text(i->ifa_addr));
      }
    }
    ::freeifaddrs(list);
    return own;
  }();
  return k_own;
}

bool AddressGuard::is_private(const sockaddr* addr, const std::set<std::string>& own) {
  return special_range(addr) != nullptr || own.count(text(addr)) > 0;
}

bool AddressGuard::is_private(const sockaddr* addr) {
  return is_private(addr, own_addresses());
}

std::string AddressGuard::reason(const sockaddr* addr) {
  const char* range = special_range(addr);
  return range ? range : "an address of this host's own interfaces";
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
