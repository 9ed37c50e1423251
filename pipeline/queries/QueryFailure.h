#pragma once
// What a user reads when a console query fails, decided in one place for
// every workspace: a sentence in words, and the library's or server's own
// text behind it for a tooltip or a log. The console's job tracker calls it
// for whatever a background job throws.
#include <QString>

#include <exception>

namespace ecomops::queries {

struct QueryFailure {
    QString message; // a sentence for the user
    QString detail;  // the database's or library's own words; may be empty

    // The sentence, then the detail when it adds anything.
    QString text() const;
};

QueryFailure describeFailure(const std::exception &e);
// For what is not a std::exception.
QueryFailure unknownFailure();

} // namespace ecomops::queries
