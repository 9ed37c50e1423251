#pragma once
// Fixed vocabularies of the synthetic shop: countries (weighted, with
// cities and calling codes), personal names (with ASCII spellings for
// e-mail addresses), departments with their sub-categories, product nouns
// and price ranges.
#include <cstddef>

namespace ecomops::synthetic {

struct CountryInfo {
    const char *code; // ISO 3166-1 alpha-2
    const char *name;
    const char *region;
    const char *callingCode;
    int weight; // share of customers, relative
    const char *cities[4];
    int cityCount;
};

struct PersonName {
    const char *display; // UTF-8
    const char *ascii;   // lower-case, for e-mail addresses
};

struct Department {
    const char *name;
    const char *subcategories[6];
    const char *nouns[8];
    long minPriceCents;
    long maxPriceCents;
    bool consumable; // bought by the several (higher typical quantities)
};

extern const CountryInfo kCountries[];
extern const std::size_t kCountryCount;
extern const PersonName kFirstNames[];
extern const std::size_t kFirstNameCount;
extern const PersonName kLastNames[];
extern const std::size_t kLastNameCount;
extern const Department kDepartments[];
extern const std::size_t kDepartmentCount;
extern const char *const kAdjectives[];
extern const std::size_t kAdjectiveCount;
extern const char *const kEmailDomains[];
extern const std::size_t kEmailDomainCount;

} // namespace ecomops::synthetic
