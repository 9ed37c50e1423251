#pragma once
// Country names as transaction logs write them ("United Kingdom", "EIRE",
// "RSA", "USA") → ISO 3166-1 alpha-2 code, English name and the region the
// synthetic shop uses. Names the table does not know (and names that are no
// country, such as "Unspecified" or "European Community") are kept as their
// own code, so they stay visible: the quality stage counts them as
// non-conforming codes.
#include <optional>
#include <string>
#include <string_view>

namespace ecomops::sources::txnlog {

struct Country {
    std::string code;
    std::string name;
    std::string region;
};

// Case and surrounding spaces do not matter.
std::optional<Country> countryForName(std::string_view name);

} // namespace ecomops::sources::txnlog
