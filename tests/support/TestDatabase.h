#pragma once
// A fresh database per test, cloned from the migrated template that the
// "pg" CTest fixture prepares (`ecomops db start --template ecomops_template`).
// Independent databases let suites run in parallel (ctest -j2). When the
// server cannot be reached, ok() is false and error() says why: tests must
// fail on that, never skip.
#include <QString>

#include <memory>
#include <string>

#include <pqxx/connection>

namespace ecomops::test {

class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString name() const { return m_name; }
    QString conninfo() const { return m_conninfo; }
    // The cluster's admin connection string (database "postgres").
    static QString adminConninfo();

    std::unique_ptr<pqxx::connection> connect() const;

private:
    QString m_name;
    QString m_conninfo;
    QString m_error;
};

// The first column of the first row of `sql`, for assertions: as text
// (empty when NULL or no row), or as a number (the query must give one).
QString scalar(pqxx::connection &c, const std::string &sql);
qint64 number(pqxx::connection &c, const std::string &sql);

// Runs `sql` in its own committed transaction: "" when it worked, else its
// SQLSTATE (and the message's first line is logged), for privilege checks.
std::string sqlStateOf(pqxx::connection &c, const std::string &sql);

} // namespace ecomops::test

// Fails the current test function with the reason when there is no database.
#define ECOMOPS_REQUIRE_DB(db) QVERIFY2((db).ok(), qPrintable((db).error()))
