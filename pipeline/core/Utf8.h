#pragma once
// Text as files and databases hand it over: bytes that may not be UTF-8.
// PostgreSQL text and JSON both refuse such bytes (and NUL), so whatever
// passes user data on to them checks it first or shows the bytes as \xNN.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace ecomops {

// The first byte offset that is not valid UTF-8 (or is a NUL, which
// PostgreSQL text cannot hold), or npos when all is well.
std::size_t firstInvalidUtf8(std::string_view text) noexcept;

// `text` with every byte that is not UTF-8 (and every NUL) shown as \xNN,
// everything else exactly as given.
std::string showInvalidBytes(std::string_view text);

// json.dump() that never throws on text that is not UTF-8 (such bytes
// become U+FFFD): for logs, reports and metadata holding user data.
std::string safeDump(const nlohmann::json &json, int indent = -1);

} // namespace ecomops
