#include "net/address_guard.hpp"
#include "net/fetch.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <set>
#include <string>

using verity::net::AddressGuard;

namespace {

sockaddr_storage addr(const char* text) {
  sockaddr_storage s{};
  if (inet_pton(AF_INET, text, &reinterpret_cast<sockaddr_in*>(&s)->sin_addr) == 1) {
    s.ss_family = AF_INET;
  } else {
    EXPECT_EQ(inet_pton(AF_INET6, text, &reinterpret_cast<sockaddr_in6*>(&s)->sin6_addr), 1)
        << text;
    s.ss_family = AF_INET6;
  }
  return s;
}

bool is_private(const char* text) {
  auto s = addr(text);
  return AddressGuard::is_private(reinterpret_cast<sockaddr*>(&s));
}

} // namespace

TEST(AddressGuard, RefusesEveryPrivateRangeV4AndV6) {
  for (const char* a :
       {"0.0.0.0",         "10.1.2.3",      "100.64.0.1",      "127.0.0.1", "127.9.9.9",
        "169.254.169.254", "172.16.0.1",    "172.31.255.255",  "192.0.0.8", "192.168.1.1",
        "198.18.0.1",      "224.0.0.1",     "255.255.255.255", "::",        "::1",
        "fc00::1",         "fd12::1",       "fe80::1",         "ff02::1",   "::ffff:127.0.0.1",
        "::ffff:10.0.0.1", "64:ff9b::a00:1"}) {
    EXPECT_TRUE(is_private(a)) << a;
  }
  for (const char* a : {"1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "193.0.0.1",
                        "2001:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"}) {
    EXPECT_FALSE(is_private(a)) << a;
  }
}

// One row per range of the guard's table: its first and last address are refused under the
// registry's name, and the neighbour just outside (`outside`, the address after the range or,
// when that one is refused by the next row, the one before) is allowed or refused by another row.
struct RangeCase {
  const char* range;
  const char* first;
  const char* last;
  const char* outside;
  bool outside_allowed;
  const char* name; // a part of the row's registry name
};

const char* range_of(const char* text) {
  auto s = addr(text);
  return AddressGuard::special_range(reinterpret_cast<sockaddr*>(&s));
}

class SpecialRange : public ::testing::TestWithParam<RangeCase> {};

TEST_P(SpecialRange, RefusedInsideAndNotBeyondItsBoundary) {
  const RangeCase& c = GetParam();
  for (const char* inside : {c.first, c.last}) {
    const char* name = range_of(inside);
    ASSERT_NE(name, nullptr) << c.range << ": " << inside << " allowed";
    EXPECT_NE(std::string(name).find(c.name), std::string::npos)
        << c.range << ": " << inside << " refused as " << name;
    EXPECT_TRUE(is_private(inside)) << inside;
  }
  const char* beyond = range_of(c.outside);
  if (c.outside_allowed) {
    EXPECT_EQ(beyond, nullptr) << c.range << ": " << c.outside << " refused as " << beyond;
    EXPECT_FALSE(is_private(c.outside)) << c.outside;
  } else {
    ASSERT_NE(beyond, nullptr) << c.outside;
    EXPECT_EQ(std::string(beyond).find(c.name), std::string::npos)
        << c.range << ": " << c.outside << " is still in the range";
  }
}

INSTANTIATE_TEST_SUITE_P(
    Ipv4, SpecialRange,
    ::testing::Values(
        RangeCase{"0/8", "0.0.0.0", "0.255.255.255", "1.0.0.0", true, "This network"},
        RangeCase{"10/8", "10.0.0.0", "10.255.255.255", "11.0.0.0", true, "Private-Use"},
        RangeCase{"10/8 below", "10.0.0.0", "10.0.0.1", "9.255.255.255", true, "Private-Use"},
        RangeCase{"100.64/10", "100.64.0.0", "100.127.255.255", "100.128.0.0", true, "Shared"},
        RangeCase{"100.64/10 below", "100.64.0.0", "100.64.0.1", "100.63.255.255", true, "Shared"},
        RangeCase{"127/8", "127.0.0.0", "127.255.255.255", "128.0.0.0", true, "Loopback"},
        RangeCase{"169.254/16", "169.254.0.0", "169.254.255.255", "169.255.0.0", true,
                  "Link Local"},
        RangeCase{"172.16/12", "172.16.0.0", "172.31.255.255", "172.32.0.0", true, "Private-Use"},
        RangeCase{"172.16/12 below", "172.16.0.0", "172.16.0.1", "172.15.255.255", true,
                  "Private-Use"},
        RangeCase{"192.0.0/24", "192.0.0.0", "192.0.0.255", "192.0.1.0", true, "IETF Protocol"},
        RangeCase{"192.0.0.9 PCP anycast is global", "192.0.0.8", "192.0.0.11", "192.0.0.9", true,
                  "IETF Protocol"},
        RangeCase{"192.0.0.10 TURN anycast is global", "192.0.0.8", "192.0.0.11", "192.0.0.10",
                  true, "IETF Protocol"},
        RangeCase{"192.0.2/24", "192.0.2.0", "192.0.2.255", "192.0.3.0", true, "TEST-NET-1"},
        RangeCase{"192.0.2/24 below", "192.0.2.0", "192.0.2.1", "192.0.1.255", true, "TEST-NET-1"},
        RangeCase{"192.88.99/24", "192.88.99.0", "192.88.99.255", "192.88.100.0", true,
                  "6to4 Relay"},
        RangeCase{"192.168/16", "192.168.0.0", "192.168.255.255", "192.169.0.0", true,
                  "Private-Use"},
        RangeCase{"198.18/15", "198.18.0.0", "198.19.255.255", "198.20.0.0", true, "Benchmarking"},
        RangeCase{"198.18/15 below", "198.18.0.0", "198.18.0.1", "198.17.255.255", true,
                  "Benchmarking"},
        RangeCase{"198.51.100/24", "198.51.100.0", "198.51.100.255", "198.51.101.0", true,
                  "TEST-NET-2"},
        RangeCase{"203.0.113/24", "203.0.113.0", "203.0.113.255", "203.0.114.0", true,
                  "TEST-NET-3"},
        RangeCase{"224/4", "224.0.0.0", "239.255.255.255", "223.255.255.255", true, "Multicast"},
        RangeCase{"240/4", "240.0.0.0", "255.255.255.254", "239.255.255.255", false, "Reserved"},
        RangeCase{"255.255.255.255", "255.255.255.255", "255.255.255.255", "255.255.255.254", false,
                  "Limited Broadcast"}));

INSTANTIATE_TEST_SUITE_P(
    Ipv6, SpecialRange,
    ::testing::Values(
        RangeCase{"::/128", "::", "::", "::1", false, "Unspecified"},
        RangeCase{"::1/128", "::1", "::1", "::2", false, "Loopback Address"},
        RangeCase{"::/96", "::2", "::ffff:ffff", "::1:0:0", false, "IPv4-compatible"},
        RangeCase{"::ffff:0:0/96 judged by its IPv4", "::ffff:127.0.0.1", "::ffff:10.255.0.1",
                  "::ffff:8.8.8.8", true, "RFC"},
        RangeCase{"::ffff:0:0/96 documentation", "::ffff:192.0.2.1", "::ffff:203.0.113.255",
                  "::ffff:203.0.114.0", true, "TEST-NET"},
        RangeCase{"64:ff9b::/96 judged by its IPv4", "64:ff9b::a00:1", "64:ff9b::c0a8:ffff",
                  "64:ff9b::808:808", true, "Private-Use"},
        RangeCase{"64:ff9b:1::/48", "64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
                  "64:ff9b:2::", false, "local-use"},
        RangeCase{"100::/64", "100::", "100::ffff:ffff:ffff:ffff", "100:0:0:1::", false,
                  "Discard-Only"},
        RangeCase{"100:0:0:1::/64", "100:0:0:1::", "100:0:0:1:ffff:ffff:ffff:ffff",
                  "100:0:0:2::", false, "Dummy"},
        RangeCase{"2001::/32 Teredo", "2001::", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff",
                  "2001:1::", false, "TEREDO"},
        RangeCase{"2001::/23", "2001:2::1", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
                  "2001:200::", true, "IETF Protocol"},
        RangeCase{"2001::/23 below", "2001::", "2001::1", "2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                  true, "TEREDO"},
        RangeCase{"2001:1::1 PCP anycast is global", "2001:1::", "2001:1::4", "2001:1::1", true,
                  "IETF Protocol"},
        RangeCase{"2001:1::3 DNS-SD anycast is global", "2001:1::", "2001:1::4", "2001:1::3", true,
                  "IETF Protocol"},
        RangeCase{"2001:3::/32 AMT is global", "2001:2::", "2001:4::", "2001:3::1", true,
                  "IETF Protocol"},
        RangeCase{"2001:4:112::/48 AS112 is global",
                  "2001:4:111:ffff::", "2001:4:113::", "2001:4:112::1", true, "IETF Protocol"},
        RangeCase{"2001:10::/28 ORCHID (deprecated)", "2001:10::", "2001:1f::", "2001:20::", true,
                  "IETF Protocol"},
        RangeCase{"2001:20::/28 ORCHIDv2 is global", "2001:1f::", "2001:40::",
                  "2001:2f:ffff:ffff:ffff:ffff:ffff:ffff", true, "IETF Protocol"},
        RangeCase{"2001:db8::/32", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
                  "2001:db9::", true, "Documentation"},
        RangeCase{"2001:db8::/32 below", "2001:db8::", "2001:db8::1",
                  "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", true, "Documentation"},
        RangeCase{"2002::/16 6to4", "2002:c0a8:101::1", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                  "2003::", true, "6to4"},
        RangeCase{"2002::/16 6to4 of a public IPv4 too", "2002:808:808::1",
                  "2002::", "2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "6to4"},
        RangeCase{"3fff::/20", "3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff",
                  "3fff:1000::", true, "Documentation"},
        RangeCase{"5f00::/16", "5f00::", "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "5f01::", false,
                  "SRv6"},
        RangeCase{"fc00::/7", "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::", false,
                  "Unique-Local"},
        RangeCase{"fe80::/10", "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::", false,
                  "Link-Local"},
        RangeCase{"fec0::/10", "fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ff00::", false,
                  "Site-Local"},
        RangeCase{"ff00::/8", "ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                  "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false, "Multicast"},
        RangeCase{"outside 2000::/3 (above)", "4000::", "5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                  "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "2000::/3"},
        RangeCase{"outside 2000::/3 (below)", "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::1:0:0",
                  "2000::", true, "2000::/3"}));

TEST(AddressGuard, RefusesTheHostsOwnInterfaceAddresses) {
  // Read from the system: the loopback interface is always there.
  const auto& own = AddressGuard::own_addresses();
  EXPECT_EQ(own.count("127.0.0.1"), 1u);
  // A global address becomes refused once it is one of this host's.
  auto global = addr("8.8.4.4");
  auto other = addr("8.8.8.8");
  std::set<std::string> ours{"8.8.4.4", "2001:4860:4860::8844"};
  EXPECT_TRUE(AddressGuard::is_private(reinterpret_cast<sockaddr*>(&global), ours));
  EXPECT_FALSE(AddressGuard::is_private(reinterpret_cast<sockaddr*>(&other), ours));
  auto global6 = addr("2001:4860:4860::8844");
  EXPECT_TRUE(AddressGuard::is_private(reinterpret_cast<sockaddr*>(&global6), ours));
  EXPECT_FALSE(AddressGuard::is_private(reinterpret_cast<sockaddr*>(&global6), {}));
  EXPECT_EQ(AddressGuard::reason(reinterpret_cast<sockaddr*>(&global)),
            "an address of this host's own interfaces");
  // Every address the host really has is refused by the default guard.
  for (const auto& text : own) {
    auto a = addr(text.c_str());
    EXPECT_FALSE(AddressGuard().permits(reinterpret_cast<sockaddr*>(&a))) << text;
  }
}

TEST(AddressGuard, AllowListIsExact) {
  AddressGuard only_one(false, {"127.0.0.1"});
  auto a = addr("127.0.0.1");
  auto b = addr("127.0.0.2");
  EXPECT_TRUE(only_one.permits(reinterpret_cast<sockaddr*>(&a)));
  EXPECT_FALSE(only_one.permits(reinterpret_cast<sockaddr*>(&b)));
  AddressGuard all(true);
  EXPECT_TRUE(all.permits(reinterpret_cast<sockaddr*>(&b)));
}

TEST(RedactUrl, StripsCredentials) {
  EXPECT_EQ(verity::net::redact_url("https://user:pw@host.example/a?b=c@d"),
            "https://host.example/a?b=c@d");
  EXPECT_EQ(verity::net::redact_url("http://host.example/x@y"), "http://host.example/x@y");
  EXPECT_EQ(verity::net::redact_url("https://token@host.example"), "https://host.example");
}
