#include "util/sqlite.hpp"

namespace verity::util {

Database::Database(const std::filesystem::path& path, bool create) : m_path(path) {
  if (create && path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw SqliteError(path.string() + ": cannot open: " + message);
  }
  // Before the first query reads the schema: a hostile file's schema must not run anything.
  // Defensive mode refuses writes to the schema and pages that could corrupt the file; with
  // trusted_schema off, functions and virtual tables named by the schema are not used; views and
  // triggers are off entirely (verity creates none); cell_size_check catches malformed pages early.
  sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
  sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_limit(m_db, SQLITE_LIMIT_LENGTH, 16 << 20); // no row verity writes comes close
  sqlite3_progress_handler(m_db, 10000, &Database::on_progress, this);
  sqlite3_busy_timeout(m_db, static_cast<int>(k_busy_wait.count()));
  sqlite3_exec(m_db, "PRAGMA cell_size_check=ON", nullptr, nullptr, nullptr); // reads nothing
}

Database::~Database() {
  sqlite3_close_v2(m_db);
}

int Database::on_progress(void* self) {
  return std::chrono::steady_clock::now() > static_cast<Database*>(self)->m_deadline ? 1 : 0;
}

void Database::arm() const {
  m_deadline = std::chrono::steady_clock::now() + m_budget;
}

void Database::fail(const std::string& what) const {
  if (sqlite3_errcode(m_db) == SQLITE_INTERRUPT) {
    throw SqliteError(m_path.string() + ": " + what + ": a query ran longer than " +
                      std::to_string(m_budget.count()) +
                      " ms (the file may not be one verity wrote)");
  }
  throw SqliteError(m_path.string() + ": " + what + ": " + sqlite3_errmsg(m_db));
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  arm();
  if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string why = message ? message : "unknown error";
    sqlite3_free(message);
    if (sqlite3_errcode(m_db) == SQLITE_INTERRUPT) {
      fail("statement failed");
    }
    throw SqliteError(m_path.string() + ": " + why);
  }
}

Statement Database::prepare(std::string_view sql) {
  return Statement(*this, sql);
}

std::int64_t Database::user_version() {
  auto q = prepare("PRAGMA user_version");
  if (!q.step()) {
    fail("cannot read the version");
  }
  return q.column_int(0);
}

Statement::Statement(const Database& db, std::string_view sql) : m_db(&db) {
  db.arm();
  if (sqlite3_prepare_v2(db.get(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) !=
      SQLITE_OK) {
    db.fail("cannot prepare statement");
  }
}

Statement::~Statement() {
  sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) {
  other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) {
    m_db->fail("cannot bind");
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    m_db->fail("cannot bind");
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) {
    m_db->fail("cannot bind");
  }
  return *this;
}

bool Statement::step() {
  m_db->arm();
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  m_db->fail("statement failed");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(m_stmt, index);
}

std::string Statement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(m_stmt, index);
  int size = sqlite3_column_bytes(m_stmt, index);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size)) : "";
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : m_db(db) {
  m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!m_done) {
    try {
      m_db.exec("ROLLBACK");
    } catch (const SqliteError&) {
      // Nothing more to do: SQLite rolls back an open transaction when the connection closes.
    }
  }
}

void Transaction::commit() {
  m_db.exec("COMMIT");
  m_done = true;
}

} // namespace verity::util
