#include "util/sqlite_schema.hpp"

#include <map>
#include <vector>

namespace verity::util {
namespace {

struct SchemaObject {
  std::string type; // table, index, view, trigger
  std::string table;
  std::string sql; // empty for the indexes SQLite creates for UNIQUE and PRIMARY KEY
};

std::map<std::string, SchemaObject> schema_of(Database& db) {
  std::map<std::string, SchemaObject> out;
  auto q = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master");
  while (q.step()) {
    out[q.column_text(1)] = {q.column_text(0), q.column_text(2), q.column_text(3)};
  }
  return out;
}

// "id INTEGER pk, url TEXT not null, ..." from PRAGMA table_xinfo (hidden columns included).
std::string columns_of(Database& db, const std::string& table) {
  auto q = db.prepare(
      "SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(?1) ORDER BY cid");
  q.bind(1, table);
  std::string out;
  while (q.step()) {
    out += (out.empty() ? "" : ", ") + q.column_text(0);
    std::string type = q.column_text(1);
    out += type.empty() ? "" : " " + type;
    out += q.column_int(2) ? " not null" : "";
    out += q.column_int(3) ? " primary key" : "";
    out += q.column_int(4) ? " hidden/generated" : "";
  }
  return out;
}

// journal_mode=WAL on a file still in rollback mode needs it to itself, and SQLite answers BUSY
// at once rather than through the busy handler: two first runs at once (two CI jobs sharing a
// cache) would make one fail. Retried for as long as the busy handler would wait.
void exec_pragmas(Database& db, std::string_view pragmas) {
  for (int waited = 0;; waited += 20) {
    try {
      db.exec(pragmas);
      return;
    } catch (const SqliteError&) {
      if ((sqlite3_errcode(db.get()) & 0xff) != SQLITE_BUSY ||
          waited >= Database::k_busy_wait.count()) {
        throw;
      }
    }
    sqlite3_sleep(20);
  }
}

} // namespace

std::optional<std::string> schema_difference(Database& db, Migrations migrations, int version) {
  Database reference(":memory:", false);
  for (int i = 0; i < version; ++i) {
    reference.exec(migrations[static_cast<size_t>(i)]);
  }
  auto want = schema_of(reference);
  auto have = schema_of(db);
  for (const auto& [name, obj] : have) {
    auto it = want.find(name);
    if (it == want.end()) {
      return "unexpected " + obj.type + " '" + name + "'";
    }
    if (it->second.type != obj.type) {
      return "'" + name + "' is a " + obj.type + ", verity writes a " + it->second.type;
    }
    if (it->second.table != obj.table || it->second.sql != obj.sql) {
      if (obj.type != "table") {
        return obj.type + " '" + name + "' differs from the one verity creates";
      }
      std::string got = columns_of(db, name);
      std::string expected = columns_of(reference, name);
      if (got != expected) {
        return "table '" + name + "' has columns (" + got + ") where verity writes (" + expected +
               ")";
      }
      return "table '" + name + "' has other constraints than the one verity creates";
    }
  }
  for (const auto& [name, obj] : want) {
    if (!have.count(name)) {
      return "missing " + obj.type + " '" + name + "'";
    }
  }
  return std::nullopt;
}

void open_versioned(Database& db, Migrations migrations, int target, std::string_view pragmas) {
  const auto known = static_cast<std::int64_t>(migrations.size());
  auto check = [&]() -> int {
    std::int64_t version = db.user_version();
    if (version > known) {
      throw SqliteUntrusted(db.path(), "version " + std::to_string(version) +
                                           " is from a newer verity (this one knows up to " +
                                           std::to_string(known) + ")");
    }
    if (version < 0) {
      throw SqliteUntrusted(db.path(), "version " + std::to_string(version) +
                                           " is not one verity writes (0 to " +
                                           std::to_string(known) + ")");
    }
    if (auto diff = schema_difference(db, migrations, static_cast<int>(version))) {
      throw SqliteUntrusted(db.path(), *diff + " (version " + std::to_string(version) + ")");
    }
    return static_cast<int>(version);
  };
  int current = 0;
  try {
    // Read-only, and in one read transaction: the version and the schema come from one snapshot
    // even while another run migrates. A file that fails is left exactly as it was.
    db.exec("BEGIN");
    current = check();
    db.exec("COMMIT");
  } catch (const SqliteError& e) {
    int code = sqlite3_errcode(db.get()) & 0xff;
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr); // nothing was written
    if (dynamic_cast<const SqliteUntrusted*>(&e)) {
      throw;
    }
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
      throw SqliteUntrusted(db.path(), "it is not an SQLite database, or it is damaged");
    }
    throw;
  }
  exec_pragmas(db, pragmas);
  if (current >= target) {
    return;
  }
  Transaction tx(db);
  current = check(); // another run may have migrated it meanwhile
  for (int next = current + 1; next <= target; ++next) {
    db.exec(migrations[static_cast<size_t>(next - 1)]);
    db.exec("PRAGMA user_version = " + std::to_string(next));
  }
  tx.commit();
}

} // namespace verity::util
