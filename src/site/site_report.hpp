// The site model as `verity site` prints it: a JSON document (what internal links will resolve
// against) and a text table, source -> URL -> output path, or why a file is not output.
#pragma once

#include "site/site_model.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace verity::site {

// {"config", "baseurl", "url", "collections": {label: {output, permalink}}, "problems": [...],
//  "items": [{source, kind, collection?, url?, href?, output (null when not), reason?, detail?,
//  date?}], "summary": {"output": n, "not_output": n, "by_kind": {...}}}
nlohmann::json site_to_json(const SiteModel& model);

// One line per item, problems first.
std::string site_to_text(const SiteModel& model);

} // namespace verity::site
