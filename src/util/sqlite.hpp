// One RAII owner for a sqlite3 connection and one for a prepared statement. SQLite result codes
// end here: a failure is a SqliteError with the database path and SQLite's message.
// State files may come from a checkout (a committed .verity/ directory), so every connection is
// hardened before its first query: defensive mode, no trusted schema, views and triggers
// disabled, and a deadline on every statement, so a hostile file can neither run code through
// its schema nor make a query run forever.
#pragma once

#include <sqlite3.h>

#include <chrono>
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

// A file that is not one verity wrote: unexpected or missing tables, columns, indexes, views or
// triggers, or a version out of range. Thrown before anything is written to it.
class SqliteUntrusted : public SqliteError {
public:
  SqliteUntrusted(const std::filesystem::path& path, const std::string& detail)
      : SqliteError(path.string() + " is not one verity wrote: " + detail) {}
};

class Statement;

class Database {
public:
  // No single statement runs longer than this (a view over an endless recursive query would).
  static constexpr std::chrono::seconds k_statement_budget{20};
  // How long a run waits for another one that holds the file (the busy timeout).
  static constexpr std::chrono::milliseconds k_busy_wait{10000};

  // Opens (creating it and its parent directories if asked) with a busy timeout, so two runs on
  // the same file wait for each other instead of failing. Nothing is read or written yet.
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
  // PRAGMA user_version.
  std::int64_t user_version();
  // Starts the deadline of the next statement (called before each step).
  void arm() const;
  // Replaces k_statement_budget for this connection (tests of the deadline).
  void set_statement_budget(std::chrono::milliseconds budget) { m_budget = budget; }

private:
  static int on_progress(void* self);
  sqlite3* m_db = nullptr;
  std::filesystem::path m_path;
  std::chrono::milliseconds m_budget = k_statement_budget;
  mutable std::chrono::steady_clock::time_point m_deadline;
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
