#include "database/ConnectionProfile.h"

#include <libpq-fe.h>

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

} // namespace

QString stripPassword(const QString &conninfo, QString *removedPassword)
{
    std::vector<Option> options;
    if (!parse(conninfo, &options))
        return conninfo; // unparsable: libpq will report it; nothing to strip
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
