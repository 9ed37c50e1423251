#pragma once
// Countries, customers and their segment history (SCD2 material). Customer
// ids follow sign-up order. Order volume per customer follows the segment
// (VIP ≫ Regular ≫ Occasional > New), which gives the Pareto shape: about
// 20 % of customers place about 80 % of orders.
#include "sources/synthetic/Random.h"
#include "sources/synthetic/RunContext.h"

#include <vector>

namespace ecomops::synthetic {

class Population
{
public:
    Population(const GeneratorOptions &options, const Plan &plan, DefectDice &defects);

    void writeCountries(OutputFiles &files, RunControl &control);
    // Builds the customers; writes customers.csv and customer_segments.csv.
    void write(OutputFiles &files, RunControl &control, Manifest &manifest);

    std::uint32_t size() const { return static_cast<std::uint32_t>(m_signupDay.size()); }
    // A customer (index; id = index + 1) weighted by order volume, among
    // those who had signed up by `day`.
    std::uint32_t pick(Rng &rng, std::int64_t day) const;
    std::uint32_t country(std::uint32_t customer) const { return m_country[customer]; }
    std::uint32_t pickCountry(Rng &rng) const { return static_cast<std::uint32_t>(m_countryMix.pick(rng)); }

private:
    void buildCustomers();

    const GeneratorOptions &m_options;
    const Plan &m_plan;
    DefectDice &m_defects;
    Mix m_countryMix;
    std::vector<std::int32_t> m_signupDay; // sorted ascending (ids follow sign-up order)
    std::vector<std::uint8_t> m_segment;
    std::vector<std::uint8_t> m_country;
    AliasTable m_volume;
};

} // namespace ecomops::synthetic
