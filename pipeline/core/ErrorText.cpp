#include "core/ErrorText.h"

#include "core/Decimal.h"

#include <nlohmann/json.hpp>

#include <new>
#include <stdexcept>
#include <system_error>

namespace ecomops {
namespace {

constexpr int kJsonInvalidUtf8 = 316; // nlohmann::json type_error: a string that is not UTF-8

std::string internal(const char *activity, const std::string &detail)
{
    return std::string("an internal error occurred while ") + activity + ": " + detail;
}

} // namespace

std::string describeException(const std::exception &e, const char *activity)
{
    if (const auto *json = dynamic_cast<const nlohmann::json::exception *>(&e)) {
        if (dynamic_cast<const nlohmann::json::type_error *>(json) && json->id == kJsonInvalidUtf8)
            return internal(activity, "text that is not UTF-8 could not be written");
        if (dynamic_cast<const nlohmann::json::parse_error *>(json))
            return internal(activity, "a JSON document could not be read");
        return internal(activity, "a JSON value was not what was expected");
    }
    if (dynamic_cast<const DecimalError *>(&e))
        return internal(activity, "a number was too large for exact decimal arithmetic");
    if (dynamic_cast<const std::bad_alloc *>(&e))
        return internal(activity, "the computer ran out of memory");
    if (dynamic_cast<const std::invalid_argument *>(&e) || dynamic_cast<const std::out_of_range *>(&e))
        return internal(activity, "a value could not be converted or was out of range");
    if (dynamic_cast<const std::system_error *>(&e))
        return internal(activity, "the operating system reported a failure");
    if (dynamic_cast<const std::range_error *>(&e) || dynamic_cast<const std::overflow_error *>(&e) ||
        dynamic_cast<const std::underflow_error *>(&e))
        return internal(activity, "a value was out of range");
    // std::runtime_error and ours, derived from it, carry sentences.
    if (dynamic_cast<const std::runtime_error *>(&e))
        return e.what();
    return internal(activity, "an unexpected condition (a bug: please report it)");
}

} // namespace ecomops
