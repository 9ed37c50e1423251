#pragma once
// Categories, products and their price history. Kept in memory (O(products))
// so that every order line can take the price in effect at its timestamp.
#include "core/Decimal.h"
#include "sources/synthetic/Random.h"
#include "sources/synthetic/RunContext.h"

#include <string>
#include <vector>

namespace ecomops::synthetic {

class Catalog
{
public:
    Catalog(const GeneratorOptions &options, const Plan &plan);

    // Builds the catalogue and writes categories.csv, products.csv and
    // product_prices.csv.
    void write(OutputFiles &files, RunControl &control);

    std::uint32_t size() const { return static_cast<std::uint32_t>(m_products.size()); }
    std::uint32_t pickPopular(Rng &rng) const { return m_popularity.pick(rng); }
    // Price in effect at `second` (the latest version whose valid_from ≤ it).
    std::int64_t priceCentsAt(std::uint32_t product, std::int64_t second) const;
    // A normal quantity: centre − spread, centre, centre + spread with
    // weights 1:2:1 (bounded, so median + 2σ is never exceeded).
    int quantity(std::uint32_t product, Rng &rng) const;
    int typicalQuantity(std::uint32_t product) const;
    bool isAnomalyProduct(std::uint32_t product) const { return m_products[product].anomaly; }
    const std::vector<std::string> &anomalyProducts() const { return m_anomalySkus; }

    // "SKU-000123" for product index 122 (ids are 1-based), into `buffer`.
    static std::string_view sku(std::uint64_t productId, char (&buffer)[24]);

private:
    struct PriceVersion {
        std::int64_t validFrom;
        std::int64_t cents;
    };
    struct Product {
        std::uint32_t firstVersion = 0;
        std::uint16_t versionCount = 0;
        std::uint8_t centre = 1;
        std::uint8_t spread = 0;
        std::uint8_t rung = 0; // wholesale: the usual pack on the ladder
        bool anomaly = false;
    };

    TableWriter &writeCategories(OutputFiles &files, std::vector<std::uint32_t> &leafDepartments,
                                 std::vector<std::uint64_t> &leafIds);
    void chooseAnomalyProducts();

    const GeneratorOptions &m_options;
    const Plan &m_plan;
    Rng m_rng;
    std::vector<Product> m_products;
    std::vector<PriceVersion> m_versions;
    AliasTable m_popularity;
    std::vector<std::string> m_anomalySkus;
};

} // namespace ecomops::synthetic
