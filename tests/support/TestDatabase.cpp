#include "TestDatabase.h"

#include "anomalies/AnomalyError.h"
#include "database/EmbeddedCluster.h"

#include <QCoreApplication>
#include <QUuid>

#include <pqxx/pqxx>

namespace ecomops::test {
namespace {

QString templateName()
{
    return QStringLiteral("ecomops_template");
}

QString dataDir()
{
    const QString fromEnv = qEnvironmentVariable("ECOMOPS_TEST_PGDATA");
    return fromEnv.isEmpty() ? QStringLiteral(ECOMOPS_TEST_PGDATA) : fromEnv;
}

} // namespace

QString TestDatabase::adminConninfo()
{
    return db::EmbeddedCluster(dataDir()).connectionUri(QStringLiteral("postgres"));
}

TestDatabase::TestDatabase()
{
    const QString suite =
        QCoreApplication::applicationName().isEmpty() ? QStringLiteral("test") : QCoreApplication::applicationName();
    m_name = (QStringLiteral("t_") + suite + QLatin1Char('_') + QUuid::createUuid().toString(QUuid::Id128).left(10))
                 .toLower();
    m_name.replace(QLatin1Char('-'), QLatin1Char('_'));
    try {
        // Inside the try: the cluster refuses a socket folder that is not private.
        m_conninfo = db::EmbeddedCluster(dataDir()).connectionUri(m_name);
        pqxx::connection admin{adminConninfo().toStdString()};
        pqxx::nontransaction tx{admin};
        tx.exec0("CREATE DATABASE " + tx.quote_name(m_name.toStdString()) + " TEMPLATE " +
                 tx.quote_name(templateName().toStdString()));
    } catch (const std::exception &e) {
        m_error = QStringLiteral("The test PostgreSQL server (data directory %1) is not reachable or has no template "
                                 "database '%2'. Run the tests through ctest, whose 'pg' fixture starts it "
                                 "(ecomops db start --data-dir %1 --template %2).\nDetail: %3")
                      .arg(dataDir(), templateName(), QString::fromUtf8(e.what()).trimmed());
    }
}

TestDatabase::~TestDatabase()
{
    if (!ok())
        return;
    try {
        pqxx::connection admin{adminConninfo().toStdString()};
        pqxx::nontransaction tx{admin};
        tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(m_name.toStdString()) + " WITH (FORCE)");
    } catch (const std::exception &) {
        // Left for the next fixture start; never fails a test on cleanup.
    }
}

std::unique_ptr<pqxx::connection> TestDatabase::connect() const
{
    return std::make_unique<pqxx::connection>(m_conninfo.toStdString());
}

QString scalar(pqxx::connection &c, const std::string &sql)
{
    pqxx::nontransaction tx{c};
    const pqxx::result r = tx.exec(sql);
    if (r.empty() || r[0][0].is_null())
        return {};
    return QString::fromStdString(r[0][0].as<std::string>());
}

qint64 number(pqxx::connection &c, const std::string &sql)
{
    pqxx::nontransaction tx{c};
    return tx.exec1(sql)[0].as<qint64>();
}

std::string sqlStateOf(pqxx::connection &c, const std::string &sql)
{
    try {
        pqxx::work tx{c};
        tx.exec(sql);
        tx.commit();
        return {};
    } catch (const pqxx::sql_error &e) {
        const std::string state = anomalies::sqlState(e);
        qInfo("  %-70s → %s %s", sql.substr(0, 70).c_str(), state.c_str(),
              QString::fromUtf8(e.what()).section(QLatin1Char('\n'), 0, 0).toUtf8().constData());
        return state;
    }
}

} // namespace ecomops::test
