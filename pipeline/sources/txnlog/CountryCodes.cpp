#include "sources/txnlog/CountryCodes.h"

#include <cctype>
#include <iterator>

namespace ecomops::sources::txnlog {
namespace {

struct Entry {
    const char *alias; // lower case
    const char *code;
    const char *name;
    const char *region;
};

constexpr const char *kEurope = "Europe";
constexpr const char *kNorthAmerica = "North America";
constexpr const char *kLatinAmerica = "Latin America";
constexpr const char *kAsiaPacific = "Asia-Pacific";
constexpr const char *kMiddleEastAfrica = "Middle East & Africa";

// Every country of the public Online Retail logs, plus the usual spellings
// of the larger markets. Names and regions follow the synthetic shop's
// reference data where it has the country, so that SCD0 sees no conflict.
const Entry kEntries[] = {
    {"united kingdom", "GB", "United Kingdom", kEurope},
    {"uk", "GB", "United Kingdom", kEurope},
    {"great britain", "GB", "United Kingdom", kEurope},
    {"france", "FR", "France", kEurope},
    {"germany", "DE", "Germany", kEurope},
    {"netherlands", "NL", "Netherlands", kEurope},
    {"the netherlands", "NL", "Netherlands", kEurope},
    {"eire", "IE", "Ireland", kEurope},
    {"ireland", "IE", "Ireland", kEurope},
    {"spain", "ES", "Spain", kEurope},
    {"belgium", "BE", "Belgium", kEurope},
    {"switzerland", "CH", "Switzerland", kEurope},
    {"portugal", "PT", "Portugal", kEurope},
    {"italy", "IT", "Italy", kEurope},
    {"norway", "NO", "Norway", kEurope},
    {"finland", "FI", "Finland", kEurope},
    {"austria", "AT", "Austria", kEurope},
    {"denmark", "DK", "Denmark", kEurope},
    {"sweden", "SE", "Sweden", kEurope},
    {"poland", "PL", "Poland", kEurope},
    {"cyprus", "CY", "Cyprus", kEurope},
    {"greece", "GR", "Greece", kEurope},
    {"iceland", "IS", "Iceland", kEurope},
    {"malta", "MT", "Malta", kEurope},
    {"lithuania", "LT", "Lithuania", kEurope},
    {"latvia", "LV", "Latvia", kEurope},
    {"estonia", "EE", "Estonia", kEurope},
    {"czech republic", "CZ", "Czechia", kEurope},
    {"czechia", "CZ", "Czechia", kEurope},
    {"slovakia", "SK", "Slovakia", kEurope},
    {"hungary", "HU", "Hungary", kEurope},
    {"romania", "RO", "Romania", kEurope},
    {"bulgaria", "BG", "Bulgaria", kEurope},
    {"croatia", "HR", "Croatia", kEurope},
    {"slovenia", "SI", "Slovenia", kEurope},
    {"luxembourg", "LU", "Luxembourg", kEurope},
    {"russia", "RU", "Russia", kEurope},
    {"ukraine", "UA", "Ukraine", kEurope},
    {"turkey", "TR", "Turkey", kEurope},
    {"usa", "US", "United States", kNorthAmerica},
    {"united states", "US", "United States", kNorthAmerica},
    {"united states of america", "US", "United States", kNorthAmerica},
    {"canada", "CA", "Canada", kNorthAmerica},
    {"brazil", "BR", "Brazil", kLatinAmerica},
    {"mexico", "MX", "Mexico", kLatinAmerica},
    {"argentina", "AR", "Argentina", kLatinAmerica},
    {"chile", "CL", "Chile", kLatinAmerica},
    {"australia", "AU", "Australia", kAsiaPacific},
    {"new zealand", "NZ", "New Zealand", kAsiaPacific},
    {"japan", "JP", "Japan", kAsiaPacific},
    {"singapore", "SG", "Singapore", kAsiaPacific},
    {"hong kong", "HK", "Hong Kong", kAsiaPacific},
    {"china", "CN", "China", kAsiaPacific},
    {"india", "IN", "India", kAsiaPacific},
    {"korea", "KR", "South Korea", kAsiaPacific},
    {"south korea", "KR", "South Korea", kAsiaPacific},
    {"thailand", "TH", "Thailand", kAsiaPacific},
    {"israel", "IL", "Israel", kMiddleEastAfrica},
    {"bahrain", "BH", "Bahrain", kMiddleEastAfrica},
    {"lebanon", "LB", "Lebanon", kMiddleEastAfrica},
    {"united arab emirates", "AE", "United Arab Emirates", kMiddleEastAfrica},
    {"saudi arabia", "SA", "Saudi Arabia", kMiddleEastAfrica},
    {"rsa", "ZA", "South Africa", kMiddleEastAfrica},
    {"south africa", "ZA", "South Africa", kMiddleEastAfrica},
    {"nigeria", "NG", "Nigeria", kMiddleEastAfrica},
    {"egypt", "EG", "Egypt", kMiddleEastAfrica},
};

} // namespace

std::optional<Country> countryForName(std::string_view name)
{
    std::string key;
    for (const char c : name)
        key += char(std::tolower(static_cast<unsigned char>(c)));
    const auto first = key.find_first_not_of(' ');
    if (first == std::string::npos)
        return std::nullopt;
    key = key.substr(first, key.find_last_not_of(' ') - first + 1);
    for (const Entry &e : kEntries) {
        if (key == e.alias)
            return Country{e.code, e.name, e.region};
    }
    return std::nullopt;
}

} // namespace ecomops::sources::txnlog
