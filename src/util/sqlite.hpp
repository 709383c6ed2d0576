// One RAII owner for a sqlite3 connection and one for a prepared statement. SQLite result codes
// end here: a failure is a SqliteError with the database path and SQLite's message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace verity::util {

class SqliteError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Statement;

class Database {
public:
  // Opens (creating it and its parent directories if asked) with a busy timeout, so two runs on
  // the same file wait for each other instead of failing.
  Database(const std::filesystem::path& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows.
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  sqlite3* get() const { return m_db; }
  const std::filesystem::path& path() const { return m_path; }
  [[noreturn]] void fail(const std::string& what) const;

private:
  sqlite3* m_db = nullptr;
  std::filesystem::path m_path;
};

class Statement {
public:
  Statement(const Database& db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind_null(int index);
  // Steps once: true while a row is available.
  bool step();
  // Steps to the end (for statements without rows) and resets for the next bindings.
  void run();
  void reset();
  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

private:
  const Database* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when destroyed without commit(): a run that throws or
// is killed leaves the database as it was before the transaction.
class Transaction {
public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

private:
  Database& m_db;
  bool m_done = false;
};

} // namespace verity::util
