#include "database/ConnectionProfile.h"

#include <QRegularExpression>
#include <QUrl>

#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace ecomops::db {
namespace {

struct Option {
    QString keyword;
    QString value;
};

// libpq parses both key=value strings and URIs; we rebuild key=value text
// from its result so every form is handled by libpq's own rules.
bool parse(const QString &conninfo, std::vector<Option> *out)
{
    char *err = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> opts(
        PQconninfoParse(conninfo.toUtf8().constData(), &err), &PQconninfoFree);
    if (err)
        PQfreemem(err);
    if (!opts)
        return false;
    for (PQconninfoOption *o = opts.get(); o->keyword; ++o) {
        if (o->val)
            out->push_back({QString::fromUtf8(o->keyword), QString::fromUtf8(o->val)});
    }
    return true;
}

QString quoted(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString build(const std::vector<Option> &options)
{
    QStringList parts;
    for (const Option &o : options)
        parts << o.keyword + QLatin1Char('=') + quoted(o.value);
    return parts.join(QLatin1Char(' '));
}

QString valueOf(const std::vector<Option> &options, const char *keyword)
{
    for (const Option &o : options) {
        if (o.keyword == QLatin1String(keyword))
            return o.value;
    }
    return {};
}

// A password written in the string as key=value, URI user:password@ or a URI
// parameter, found by pattern: libpq's messages about a string it cannot
// parse quote the string, so the password must be found without libpq.
const QRegularExpression &passwordPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral(R"((?:\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&]+))|(?:://[^/@:?\s]*:([^@/?\s]*)@))"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

QStringList passwordSpellings(const QString &conninfo)
{
    QStringList spellings;
    auto add = [&spellings](const QString &s) {
        if (!s.isEmpty() && !spellings.contains(s))
            spellings << s;
    };
    std::vector<Option> options;
    if (parse(conninfo, &options))
        add(valueOf(options, "password"));
    for (auto it = passwordPattern().globalMatch(conninfo); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString raw = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        add(raw);
        if (raw.size() >= 2 && raw.startsWith(QLatin1Char('\'')) && raw.endsWith(QLatin1Char('\'')))
            add(raw.mid(1, raw.size() - 2));
        add(QUrl::fromPercentEncoding(raw.toUtf8()));
    }
    return spellings;
}

} // namespace

QString passwordOnCommandLineAdvice()
{
    return QStringLiteral(
        "a password does not belong in a connection string on the command line (any local account can read a "
        "program's arguments, and the string is recorded with the run): leave it out, and set PGPASSWORD in the "
        "environment or put it in ~/.pgpass (or the file PGPASSFILE names).");
}

bool hasPassword(const QString &conninfo)
{
    return !passwordSpellings(conninfo).isEmpty();
}

QString scrubSecrets(const QString &message, const QString &conninfo)
{
    QString clean = message;
    QStringList spellings = passwordSpellings(conninfo);
    // Longest first, so a spelling inside another does not leave a tail behind.
    std::sort(spellings.begin(), spellings.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &s : spellings)
        clean.replace(s, QStringLiteral("***"));
    return clean;
}

QString stripPassword(const QString &conninfo, QString *removedPassword)
{
    std::vector<Option> options;
    if (!parse(conninfo, &options)) {
        // Unparsable: libpq will refuse it, but it may still be stored or shown.
        QString clean = conninfo;
        clean.replace(passwordPattern(), QStringLiteral("password=***"));
        return clean;
    }
    std::vector<Option> kept;
    bool found = false;
    for (const Option &o : options) {
        if (o.keyword == QLatin1String("password")) {
            found = true;
            if (removedPassword)
                *removedPassword = o.value;
        } else {
            kept.push_back(o);
        }
    }
    return found ? build(kept) : conninfo;
}

QString withPassword(const QString &conninfo, const QString &password)
{
    if (password.isEmpty())
        return conninfo;
    std::vector<Option> options;
    if (!parse(conninfo, &options))
        return conninfo;
    std::vector<Option> kept;
    for (const Option &o : options) {
        if (o.keyword != QLatin1String("password"))
            kept.push_back(o);
    }
    kept.push_back({QStringLiteral("password"), password});
    return build(kept);
}

QString redacted(const QString &conninfo)
{
    QString password;
    const QString stripped = stripPassword(conninfo, &password);
    if (password.isEmpty())
        return conninfo;
    return stripped + QStringLiteral(" password=***");
}

QString credentialKey(const QString &conninfo)
{
    std::vector<Option> options;
    parse(conninfo, &options);
    auto orEnv = [&](const char *keyword, const char *env, const QString &fallback) {
        QString v = valueOf(options, keyword);
        if (v.isEmpty())
            v = qEnvironmentVariable(env);
        return v.isEmpty() ? fallback : v;
    };
    const QString user = orEnv("user", "PGUSER", qEnvironmentVariable("USER"));
    const QString host = orEnv("host", "PGHOST", QStringLiteral("localhost"));
    const QString port = orEnv("port", "PGPORT", QStringLiteral("5432"));
    const QString db = orEnv("dbname", "PGDATABASE", user);
    const QString service = valueOf(options, "service");
    if (!service.isEmpty() && valueOf(options, "host").isEmpty())
        return QStringLiteral("service:") + service;
    return user + QLatin1Char('@') + host + QLatin1Char(':') + port + QLatin1Char('/') + db;
}

} // namespace ecomops::db
