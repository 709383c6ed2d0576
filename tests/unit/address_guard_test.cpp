#include "net/address_guard.hpp"
#include "net/fetch.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>

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
