#pragma once
// One table of (value, name) pairs per enum, read both ways: a name is written
// once, so the to-text and from-text directions cannot drift apart and adding
// an enumerator means adding one row rather than a case to every switch.
#include <QLatin1String>
#include <QString>

#include <cstddef>
#include <optional>
#include <string_view>

namespace ecomops {

template <typename Enum> struct EnumName {
    Enum value;
    const char *name;
};

// The name of value, or fallback when the table has no row for it.
template <typename Enum, std::size_t N>
constexpr const char *enumName(const EnumName<Enum> (&names)[N], Enum value, const char *fallback) noexcept
{
    for (const EnumName<Enum> &entry : names) {
        if (entry.value == value)
            return entry.name;
    }
    return fallback;
}

// The same for any other value an enum maps to (a colour tone, a kind).
template <typename Enum, typename Value> struct EnumValue {
    Enum key;
    Value value;
};

template <typename Enum, typename Value, std::size_t N>
constexpr Value enumValue(const EnumValue<Enum, Value> (&values)[N], Enum key, Value fallback) noexcept
{
    for (const EnumValue<Enum, Value> &entry : values) {
        if (entry.key == key)
            return entry.value;
    }
    return fallback;
}

template <typename Enum, std::size_t N> QString enumText(const EnumName<Enum> (&names)[N], Enum value)
{
    return QString::fromLatin1(enumName(names, value, ""));
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> enumFromName(const EnumName<Enum> (&names)[N], std::string_view name) noexcept
{
    for (const EnumName<Enum> &entry : names) {
        if (name == entry.name)
            return entry.value;
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::optional<Enum> enumFromText(const EnumName<Enum> (&names)[N], const QString &text)
{
    for (const EnumName<Enum> &entry : names) {
        if (text == QLatin1String(entry.name))
            return entry.value;
    }
    return std::nullopt;
}

} // namespace ecomops
