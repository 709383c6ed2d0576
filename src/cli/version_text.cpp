#include "cli/version_text.hpp"

#include "verity/version.hpp"

#include <CLI/Version.hpp>
#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <spdlog/version.h>
#include <sqlite3.h>

#ifndef VERITY_YAML_CPP_VERSION
#define VERITY_YAML_CPP_VERSION "unknown"
#endif

namespace verity::cli {

std::string version_text() {
  const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  std::string yaml_cpp = VERITY_YAML_CPP_VERSION;
  std::string out = "verity " + std::string(version()) + "\n";
  out += "commit: " + std::string(build_commit()) + "\n";
  out += "libraries: OpenSSL " + std::string(OpenSSL_version(OPENSSL_VERSION_STRING)) +
         ", libcurl " + std::string(curl && curl->version ? curl->version : "unknown") +
         ", yaml-cpp " + (yaml_cpp.empty() ? std::string("unknown") : yaml_cpp) + ", SQLite " +
         sqlite3_libversion() + ", spdlog " + std::to_string(SPDLOG_VER_MAJOR) + "." +
         std::to_string(SPDLOG_VER_MINOR) + "." + std::to_string(SPDLOG_VER_PATCH) +
         ", nlohmann-json " + std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
         std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
         std::to_string(NLOHMANN_JSON_VERSION_PATCH) + ", CLI11 " + CLI11_VERSION + "\n";
  return out;
}

} // namespace verity::cli
