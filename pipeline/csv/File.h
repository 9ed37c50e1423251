#pragma once

#include <cstdio>
#include <memory>
#include <string>

namespace ecomops::csv::detail {

struct FileCloser {
    void operator()(std::FILE *file) const noexcept { std::fclose(file); }
};
using FileHandle = std::unique_ptr<std::FILE, FileCloser>;

/// fopen() without stdio buffering (reader and writer buffer in large blocks
/// themselves). Throws FileError("cannot <action> CSV file '<path>': <reason>").
FileHandle openUnbuffered(const std::string &path, const char *mode, const char *action);

} // namespace ecomops::csv::detail
