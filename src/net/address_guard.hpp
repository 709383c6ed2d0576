// The private-address guard: by default no connection to private, loopback, link-local, CGNAT,
// multicast, reserved or unspecified addresses (IPv4 and IPv6, IPv4-mapped and NAT64 included).
// It is checked on the resolved address of every connection attempt (libcurl's
// CURLOPT_OPENSOCKETFUNCTION), so it holds for host names, DNS rebinding and every redirect hop.
#pragma once

#include <set>
#include <string>
#include <sys/socket.h>

namespace verity::net {

class AddressGuard {
public:
  // allow_all_private: --allow-private. allowed: addresses allowed even if private (e.g.
  // 127.0.0.1).
  explicit AddressGuard(bool allow_all_private = false, std::set<std::string> allowed = {})
      : m_allow_all(allow_all_private), m_allowed(std::move(allowed)) {}

  // True when a connection to `addr` may be made.
  bool permits(const sockaddr* addr) const;
  // The numeric text of an address ("127.0.0.2", "::1").
  static std::string text(const sockaddr* addr);
  // True when the address is in one of the refused ranges (ignoring the allow list).
  static bool is_private(const sockaddr* addr);

private:
  bool m_allow_all;
  std::set<std::string> m_allowed;
};

} // namespace verity::net
