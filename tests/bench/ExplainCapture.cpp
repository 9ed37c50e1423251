#include "ExplainCapture.h"

#include <QFile>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace ecomops::bench {
namespace {

struct Plan {
    double ms = 0;
    QString text; // "Query Text: …" and the plan, as auto_explain logged them
};

// auto_explain's entries in a text server log: "… LOG:  duration: 12.3 ms
// plan:", then the query text and the plan on lines that start with a tab.
std::vector<Plan> parsePlans(const QByteArray &log)
{
    static const QRegularExpression start(QStringLiteral("LOG:  duration: ([0-9.]+) ms  plan:"));
    std::vector<Plan> plans;
    bool inPlan = false;
    for (const QByteArray &raw : log.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        const auto match = start.match(line);
        if (match.hasMatch()) {
            plans.push_back({match.captured(1).toDouble(), QString()});
            inPlan = true;
        } else if (inPlan && line.startsWith(QLatin1Char('\t'))) {
            plans.back().text += line.mid(1) + QLatin1Char('\n');
        } else {
            inPlan = false;
        }
    }
    std::sort(plans.begin(), plans.end(), [](const Plan &a, const Plan &b) { return a.ms > b.ms; });
    return plans;
}

QString summary(const QString &text)
{
    return text.left(400).simplified().mid(12, 110); // past "Query Text: "
}

// A call of one of our functions ("SELECT dw.transform_orders($1)"): its time
// is that of the statements inside it, which are listed themselves.
bool wrapsNestedStatements(const Plan &plan)
{
    // The plan's top node is its first line with a cost.
    for (const QString &line : plan.text.split(QLatin1Char('\n'))) {
        if (line.contains(QLatin1String("(cost=")))
            return line.startsWith(QLatin1String("Function Scan on ")) || line.startsWith(QLatin1String("Result  "));
    }
    return false;
}

} // namespace

ExplainCapture::ExplainCapture(pqxx::connection &admin, const QString &database, const QString &serverLog, int minMs)
    : m_serverLog(serverLog)
{
    if (m_serverLog.isEmpty())
        throw std::runtime_error("--explain needs the private cluster (its server log); drop --conninfo");
    pqxx::nontransaction tx{admin};
    const std::string db = tx.quote_name(database.toStdString());
    for (const std::string &setting :
         {std::string("session_preload_libraries = 'auto_explain'"),
          "auto_explain.log_min_duration = '" + std::to_string(minMs) + "ms'",
          std::string("auto_explain.log_analyze = on"), std::string("auto_explain.log_buffers = on"),
          std::string("auto_explain.log_nested_statements = on")})
        tx.exec0("ALTER DATABASE " + db + " SET " + setting);
    m_logStart = QFile(m_serverLog).size();
}

int ExplainCapture::write(const QString &file) const
{
    QFile log(m_serverLog);
    if (!log.open(QIODevice::ReadOnly) || !log.seek(m_logStart))
        throw std::runtime_error("cannot read the server log " + m_serverLog.toStdString());
    const std::vector<Plan> plans = parsePlans(log.readAll());
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error("cannot write " + file.toStdString());
    QTextStream stream(&out);
    double total = 0;
    for (const Plan &p : plans)
        total += p.ms;
    stream << "# Plans of the statements of one whole run, slowest first (auto_explain, ANALYZE and BUFFERS).\n"
           << "# " << plans.size() << " statements; nested ones (inside our functions) are also inside their caller's "
           << "time, so the times overlap (their sum, " << QString::number(total / 1000.0, 'f', 2)
           << " s, exceeds the run).\n\n";
    for (const Plan &p : plans)
        stream << "=== " << QString::number(p.ms, 'f', 1) << " ms\n" << p.text << '\n';
    std::printf("  explain: %zu plans written to %s; the slowest statements (calls of our functions left out):\n",
                plans.size(), qPrintable(file));
    int shown = 0;
    for (std::size_t i = 0; i < plans.size() && shown < 12; ++i) {
        if (wrapsNestedStatements(plans[i]))
            continue;
        std::printf("    %9.1f ms  %s\n", plans[i].ms, qPrintable(summary(plans[i].text)));
        ++shown;
    }
    std::fflush(stdout);
    return int(plans.size());
}

} // namespace ecomops::bench
