// URL pieces the network layer and its callers need, parsed by libcurl's URL API so that verity
// and libcurl never disagree about where a host name ends.
#pragma once

#include <string>

namespace verity::net {

// ASCII lower case (host names, header names, schemes).
std::string to_lower_ascii(std::string text);

// The lowercase host of a URL ("" when it does not parse).
std::string url_host(const std::string& url);

// "host:port" with the scheme's default port filled in ("" when it does not parse): the unit of
// politeness, since two ports are two servers.
std::string url_authority(const std::string& url);

// The URL without credentials ("https://user:pw@host/" -> "https://host/"), for reports and logs.
std::string redact_url(const std::string& url);

} // namespace verity::net
