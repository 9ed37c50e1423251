#include "csv/File.h"

#include "csv/Format.h"

#include <cerrno>

namespace ecomops::csv::detail {

FileHandle openUnbuffered(const std::string &path, const char *mode, const char *action)
{
    FileHandle file(std::fopen(path.c_str(), mode));
    if (!file)
        throw FileError(path, action, errno);
    std::setvbuf(file.get(), nullptr, _IONBF, 0);
    return file;
}

} // namespace ecomops::csv::detail
