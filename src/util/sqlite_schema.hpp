// verity's SQLite files (link cache, link-rot history) are versioned by PRAGMA user_version and
// built by a list of migrations. A file is used only when its schema is exactly the one those
// migrations create at its version: the same tables with the same columns, the same indexes, no
// view and no trigger. The reference is built by running the migrations on an in-memory database,
// so the check can never drift from what verity writes.
#pragma once

#include "util/sqlite.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace verity::util {

// Migration N (1-based) takes the schema from version N-1 to N.
using Migrations = std::span<const std::string_view>;

// The first difference between the file's schema and the one `migrations[0..version)` create
// ("missing table 'runs'", "'runs' is a view, verity writes a table", ...), if any.
std::optional<std::string> schema_difference(Database& db, Migrations migrations, int version);

// Checks the file (a version in 0..migrations.size() and exactly its schema; SqliteUntrusted
// before anything is written otherwise), runs `pragmas` (journal mode...), then migrates to
// `target` in one BEGIN IMMEDIATE transaction that reads the version again and checks the schema
// again: two first runs at once both succeed, the second finding the work done.
void open_versioned(Database& db, Migrations migrations, int target, std::string_view pragmas);

} // namespace verity::util
