// The `secured:` section of verity.yaml as plain data: secured/ reads it, config/ fills it, and
// nothing here pulls in the crypto that applies it.
#pragma once

#include <string>
#include <vector>

namespace verity::config {

struct SecuredPolicy {
  std::string lockfile = "secured.lock"; // relative to the site root
  std::vector<std::string> fields;       // public fields bound into v2 blobs, in this order
  bool bind_body = false;                // v2 blobs must bind the document body
  int min_version = 1;                   // 2 = legacy v1 blobs are a policy finding
  int require_alg = 1;                   // 2 = v2 blobs must carry an Ed25519 signature
};

} // namespace verity::config
