// Throughput of the secured primitives on one core: v2 AEAD open (the --decrypt path) and Ed25519
// signature verification (the public-key path), on blobs sealed like real documents.
// Usage: verity_secured_bench [seconds-per-measure]
#include "crypto/primitives.hpp"
#include "secured/envelope.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace verity;
using Clock = std::chrono::steady_clock;

template <typename F> double per_second(double seconds, F&& op) {
  size_t n = 0;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (int i = 0; i < 256; ++i) {
      if (!op()) {
        std::fprintf(stderr, "operation failed\n");
        std::exit(1);
      }
    }
    n += 256;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return static_cast<double>(n) / elapsed;
}

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  crypto::Bytes key(32, 0x42);
  crypto::Bytes seed(32, 0x07);
  secured::Signer signer{crypto::SecretBytes(seed.data(), seed.size())};
  std::array<std::uint8_t, 32> pub{};
  crypto::ed25519_public_from_seed(seed, pub);
  secured::Binding binding{"_news/2020-05-19-example.md", {{"title", "An example news item"}}, ""};
  std::string plaintext(300, 'p'); // the corpus's blobs are 256-400 bytes
  auto env = secured::seal_v2(key, binding, crypto::as_bytes(plaintext), 0, &signer);
  if (!env) {
    return 1;
  }
  crypto::SecretBytes out;
  double open = per_second(seconds, [&] { return secured::open_v2(*env, key, binding, out); });
  double verify =
      per_second(seconds, [&] { return secured::verify_v2_signature(*env, pub, binding); });
  std::string value = secured::serialize_v2(*env);
  double parse = per_second(
      seconds, [&] { return std::holds_alternative<secured::Envelope>(secured::parse_v2(value)); });
  std::printf("v2 parse (strict base64 + envelope): %.0f blobs/s\n", parse);
  std::printf("v2 AEAD open (300-byte plaintext, with PAE binding): %.0f blobs/s\n", open);
  std::printf("v2 Ed25519 verify (with PAE binding): %.0f blobs/s\n", verify);
  return 0;
}
