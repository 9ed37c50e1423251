#include "sources/synthetic/Population.h"

#include "sources/synthetic/Civil.h"
#include "sources/synthetic/ReferenceData.h"

#include <algorithm>
#include <numeric>

namespace ecomops::synthetic {

namespace {

enum Segment : std::uint8_t { Vip = 0, Regular = 1, Occasional = 2, New = 3 };

// Relative order volume per segment: uniform in [low, high].
constexpr double kVolumeLow[] = {40.0, 3.0, 0.4, 0.2};
constexpr double kVolumeHigh[] = {120.0, 15.0, 2.0, 1.2};

std::uint8_t nextSegment(std::uint8_t from, Rng &rng)
{
    switch (from) {
    case Vip:
        return Regular;
    case Regular:
        return rng.chance(0.2) ? Vip : Occasional;
    case Occasional:
        return rng.chance(0.9) ? Regular : Vip;
    default:
        return rng.chance(0.6) ? Occasional : Regular;
    }
}

// Malformed on purpose, each in a way a validity rule should catch.
std::string damageEmail(const std::string &email, Rng &rng)
{
    const std::size_t at = email.find('@');
    std::string bad = email;
    switch (rng.below(5)) {
    case 0:
        bad.erase(at, 1); // no '@'
        break;
    case 1:
        bad.insert(at, 1, '@'); // "@@"
        break;
    case 2:
        std::replace(bad.begin(), bad.begin() + static_cast<std::ptrdiff_t>(at), '.', ' '); // a space
        break;
    case 3:
        bad.erase(at + 1); // no domain
        break;
    default:
        bad.erase(bad.find('.', at)); // "name@example": no top-level domain
        break;
    }
    return bad;
}

} // namespace

Population::Population(const GeneratorOptions &options, const Plan &plan, DefectDice &defects)
    : m_options(options), m_plan(plan), m_defects(defects)
{
    std::vector<int> weights;
    for (std::size_t c = 0; c < kCountryCount; ++c)
        weights.push_back(kCountries[c].weight);
    m_countryMix = Mix(weights);
}

void Population::writeCountries(OutputFiles &files, RunControl &control)
{
    TableWriter &out = files.open("countries", {"country_code", "country_name", "region"});
    for (std::size_t c = 0; c < kCountryCount; ++c) {
        out.text(kCountries[c].code);
        out.text(kCountries[c].name);
        out.text(kCountries[c].region);
        out.endRow();
    }
    control.step(out, true);
}

void Population::buildCustomers()
{
    Rng rng(m_options.seed, CustomerStream);
    const Mix segments(m_options.shape.segmentMix);
    const std::uint64_t n = m_plan.customers;
    struct Draft {
        std::int32_t signupDay;
        std::uint8_t segment;
        std::uint8_t country;
        double volume;
    };
    std::vector<Draft> drafts(n);
    const std::int64_t days = m_plan.days();
    for (auto &d : drafts) {
        d.segment = static_cast<std::uint8_t>(segments.pick(rng));
        // New customers join during the period (or just before it); the
        // others up to four years earlier.
        const std::int64_t day = d.segment == New
                                     ? m_plan.startDay - 60 + rng.between(0, std::max<std::int64_t>(days + 15, 1))
                                     : m_plan.startDay - 1 - rng.between(0, 1460);
        d.signupDay = static_cast<std::int32_t>(day);
        d.country = static_cast<std::uint8_t>(m_countryMix.pick(rng));
        d.volume = kVolumeLow[d.segment] + (kVolumeHigh[d.segment] - kVolumeLow[d.segment]) * rng.uniform();
    }
    std::stable_sort(drafts.begin(), drafts.end(),
                     [](const Draft &a, const Draft &b) { return a.signupDay < b.signupDay; });
    std::vector<double> volume(n);
    m_signupDay.resize(n);
    m_segment.resize(n);
    m_country.resize(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        m_signupDay[i] = drafts[i].signupDay;
        m_segment[i] = drafts[i].segment;
        m_country[i] = drafts[i].country;
        volume[i] = drafts[i].volume;
    }
    m_volume = AliasTable(volume);
}

void Population::write(OutputFiles &files, RunControl &control, Manifest &manifest)
{
    buildCustomers();
    TableWriter &customers = files.open("customers", {"customer_id", "email", "first_name", "last_name", "phone",
                                                      "country_code", "city", "signup_date"});
    TableWriter &segments = files.open("customer_segments", {"customer_id", "valid_from", "segment"});
    Rng names(m_options.seed, NameStream);
    Rng history(m_options.seed, SegmentStream);
    const DefectRates &defects = m_options.defects;
    std::string email;
    std::string phone;
    std::vector<std::int64_t> changes;
    for (std::uint32_t i = 0; i < size(); ++i) {
        const auto id = static_cast<std::int64_t>(i) + 1;
        const PersonName &first = kFirstNames[names.below(kFirstNameCount)];
        const PersonName &last = kLastNames[names.below(kLastNameCount)];
        const CountryInfo &country = kCountries[m_country[i]];
        email.clear();
        if (names.chance(0.3)) {
            email += first.ascii[0];
        } else {
            email += first.ascii;
        }
        email += '.';
        email += last.ascii;
        email += std::to_string(id);
        email += '@';
        email += kEmailDomains[names.below(kEmailDomainCount)];
        phone.clear();
        phone += '+';
        phone += country.callingCode;
        phone += ' ';
        phone += std::to_string(names.between(200, 999));
        phone += ' ';
        phone += std::to_string(names.between(1000000, 9999999));
        const char *city = country.cities[names.below(static_cast<std::uint64_t>(country.cityCount))];

        const bool badEmail = m_defects.roll(defects.badEmail);
        const std::string written = badEmail ? damageEmail(email, m_defects.rng()) : email;
        customers.integer(id);
        customers.text(written);
        customers.text(first.display);
        customers.text(last.display);
        customers.text(phone);
        customers.text(country.code);
        customers.text(city);
        customers.date(m_signupDay[i]);
        const std::uint64_t line = customers.endRow();
        if (badEmail)
            manifest.plant(customers, line, std::to_string(id), kind::BadEmail,
                           "email \"" + written + "\" (was " + email + ")");
        if (m_defects.roll(defects.duplicateRow)) {
            const std::uint64_t copy = customers.repeatLastRow();
            manifest.plant(customers, copy, std::to_string(id), kind::DuplicateRow,
                           "copy of line " + std::to_string(line));
        }

        // Segment history: the first version from sign-up, then maybe one
        // or two changes inside the period.
        std::uint8_t segment = m_segment[i];
        const std::int64_t joined =
            std::int64_t(m_signupDay[i]) * kSecondsPerDay + history.between(8 * 3600, 22 * 3600);
        segments.integer(id);
        segments.timestamp(joined);
        segments.text(kSegments[segment]);
        segments.endRow();
        changes.clear();
        if (history.chance(m_options.shape.segmentChangeRate)) {
            const int count = history.chance(0.25) ? 2 : 1;
            const std::int64_t from = std::max(joined + 14 * kSecondsPerDay, m_plan.startSecond());
            const std::int64_t to = m_plan.endSecond() - 1;
            for (int c = 0; c < count && from < to; ++c)
                changes.push_back(history.between(from, to));
            std::sort(changes.begin(), changes.end());
            changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
        }
        for (std::int64_t when : changes) {
            segment = nextSegment(segment, history);
            segments.integer(id);
            segments.timestamp(when);
            segments.text(kSegments[segment]);
            segments.endRow();
        }
        if ((i & 4095) == 4095) {
            control.step(customers);
            control.step(segments);
        }
    }
    control.step(customers, true);
    control.step(segments, true);
}

std::uint32_t Population::pick(Rng &rng, std::int64_t day) const
{
    for (int attempt = 0; attempt < 8; ++attempt) {
        const std::uint32_t c = m_volume.pick(rng);
        if (m_signupDay[c] <= day)
            return c;
    }
    // Rare: fall back to anyone who had signed up by then.
    const auto signedUp =
        static_cast<std::uint64_t>(std::upper_bound(m_signupDay.begin(), m_signupDay.end(), day) - m_signupDay.begin());
    return static_cast<std::uint32_t>(rng.below(std::max<std::uint64_t>(signedUp, 1)));
}

} // namespace ecomops::synthetic
