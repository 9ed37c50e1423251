#pragma once
// Internal to pipeline/anomalies: the small conversions between libpqxx
// fields, the JSON the SQL functions send back (error details,
// notification payloads) and Qt types. Timestamps travel as epoch
// milliseconds, so no DateStyle or time zone setting can change them.
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/field>

namespace ecomops::anomalies::sql {

inline QString text(const pqxx::field &f)
{
    return f.is_null() ? QString() : QString::fromUtf8(f.c_str(), static_cast<qsizetype>(f.size()));
}

inline std::optional<QString> optionalText(const pqxx::field &f)
{
    return f.is_null() ? std::nullopt : std::optional<QString>(text(f));
}

// A field holding (extract(epoch FROM ts) * 1000)::bigint; invalid for NULL.
inline QDateTime epochMs(const pqxx::field &f)
{
    return f.is_null() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(f.as<qint64>(), Qt::UTC);
}

// The SQL for a timestamp column as epoch milliseconds.
inline std::string epochMsOf(const std::string &column)
{
    return "(extract(epoch FROM " + column + ") * 1000)::bigint";
}

// An array literal for one parameter: {1,2,3}.
template <typename Int> std::string integerArrayLiteral(const QList<Int> &values)
{
    std::string out = "{";
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += std::to_string(values[i]);
    }
    return out + '}';
}

// An array literal of text values, each quoted: {"a","b \"c\""}.
inline std::string textArrayLiteral(const std::vector<std::string> &values)
{
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += '"';
        for (char c : values[i]) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + '}';
}

inline QString jsonText(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

inline qint64 jsonInteger(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<qint64>() : 0;
}

} // namespace ecomops::anomalies::sql
