// The address guard: by default no connection to an address that is not globally reachable.
// One table (address_guard.cpp) holds every range of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries whose "Globally Reachable" is False, plus multicast, the reserved space and
// everything outside IPv6 global unicast; the host's own interface addresses are refused too
// (a service bound to 0.0.0.0 answers on them). IPv4-mapped and NAT64 addresses are judged by
// the IPv4 address they carry. The guard is checked on the resolved address of every connection
// attempt (libcurl's CURLOPT_OPENSOCKETFUNCTION), so it holds for host names, DNS rebinding and
// every redirect hop.
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
  // True when the address is refused by default (ignoring the allow list): a special-purpose
  // range or one of this host's interface addresses.
  static bool is_private(const sockaddr* addr);
  // The same, against a given set of own addresses (numeric text), for tests.
  static bool is_private(const sockaddr* addr, const std::set<std::string>& own);
  // The registry name of the range that refuses `addr` ("Loopback", "Documentation"...), or
  // nullptr when the address is globally reachable. Own interface addresses are not considered.
  static const char* special_range(const sockaddr* addr);
  // This host's interface addresses (getifaddrs), read once per process.
  static const std::set<std::string>& own_addresses();
  // Why `addr` is refused, for messages: the range name, or "an address of this host".
  static std::string reason(const sockaddr* addr);

private:
  bool m_allow_all;
  std::set<std::string> m_allowed;
};

} // namespace verity::net
