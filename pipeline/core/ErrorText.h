#pragma once
// What a user reads about a failure. Our own errors already speak in
// sentences naming the file, line or table; the libraries' and the standard
// library's do not ("[json.exception.type_error.316] …", "stoll", "decimal
// overflow in fromInteger"), so they become "an internal error occurred
// while <activity>: <short detail>" — never their internal text.
#include <exception>
#include <string>

namespace ecomops {

std::string describeException(const std::exception &e, const char *activity);

} // namespace ecomops
