#include "sources/synthetic/Catalog.h"

#include "sources/synthetic/Civil.h"
#include "sources/synthetic/ReferenceData.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

namespace ecomops::synthetic {

namespace {

// Quantity profiles (centre, spread) and how often products get them.
struct QuantityProfile {
    std::uint8_t centre;
    std::uint8_t spread;
};
constexpr QuantityProfile kProfiles[] = {{1, 0}, {2, 1}, {3, 1}, {4, 1}, {4, 2}, {10, 5}};
constexpr int kDurableProfileMix[] = {45, 35, 10, 4, 6, 0};
constexpr int kConsumableProfileMix[] = {10, 30, 25, 15, 10, 10};

// Wholesale (QuantityShape::Wholesale): the pack ladder, and how far a line
// climbs from its product's usual rung — mostly the usual pack, sometimes a
// rung below or above, rarely far above (a reseller's bulk order). The usual
// rung is the retail profile's index, so both shapes draw the same catalogue.
constexpr int kPackLadder[] = {1, 2, 3, 6, 12, 24, 48, 120};
constexpr int kLadderSteps[] = {-2, -1, 0, 1, 2, 3, 4, 5};
constexpr std::array<int, 8> kLadderStepMix = {30, 120, 550, 180, 80, 30, 8, 2}; // per 1,000 lines

// A shelf price: whole units plus a usual ending (.99 mostly).
std::int64_t shelfPrice(std::int64_t cents, Rng &rng)
{
    static const Mix endings(std::array<int, 4>{60, 15, 15, 10});
    constexpr std::int64_t kEndings[] = {99, 49, 95, 0};
    const std::int64_t price = (cents / 100) * 100 + kEndings[endings.pick(rng)];
    return std::max<std::int64_t>(price, 99);
}

// Skewed towards the cheap end of [min, max], in integer arithmetic.
std::int64_t basePriceCents(const Department &department, Rng &rng)
{
    __extension__ typedef __int128 Int128;
    const Int128 r = static_cast<Int128>(rng.below(std::uint64_t(1) << 20));
    const Int128 span = department.maxPriceCents - department.minPriceCents;
    return department.minPriceCents + static_cast<std::int64_t>((span * r * r * r) >> 60);
}

void appendName(std::string &out, const char *base, std::uint64_t round)
{
    out += base;
    if (round > 0) {
        out += ' ';
        out += std::to_string(round + 1);
    }
}

} // namespace

Catalog::Catalog(const GeneratorOptions &options, const Plan &plan)
    : m_options(options), m_plan(plan), m_rng(options.seed, CatalogStream)
{
}

std::string_view Catalog::sku(std::uint64_t productId, char (&buffer)[24])
{
    std::memcpy(buffer, "SKU-", 4);
    char digits[20];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + productId % 10);
        productId /= 10;
    } while (productId != 0);
    int length = 4;
    for (int pad = n; pad < 6; ++pad)
        buffer[length++] = '0';
    while (n > 0)
        buffer[length++] = digits[--n];
    return std::string_view(buffer, static_cast<std::size_t>(length));
}

TableWriter &Catalog::writeCategories(OutputFiles &files, std::vector<std::uint32_t> &leafDepartments,
                                      std::vector<std::uint64_t> &leafIds)
{
    TableWriter &out = files.open("categories", {"category_id", "category_name", "parent_category_id"});
    const std::uint64_t total = m_plan.categories;
    const std::uint64_t tops = std::max<std::uint64_t>(5, total / 4);
    std::string name;
    for (std::uint64_t t = 0; t < tops; ++t) {
        name.clear();
        appendName(name, kDepartments[t % kDepartmentCount].name, t / kDepartmentCount);
        out.integer(static_cast<std::int64_t>(t + 1));
        out.text(name);
        out.null();
        out.endRow();
    }
    for (std::uint64_t i = 0; i < total - tops; ++i) {
        const std::uint64_t parent = i % tops;
        const std::uint64_t slot = i / tops;
        const Department &department = kDepartments[parent % kDepartmentCount];
        name.clear();
        appendName(name, department.subcategories[slot % 6], slot / 6 + parent / kDepartmentCount);
        const std::uint64_t id = tops + i + 1;
        out.integer(static_cast<std::int64_t>(id));
        out.text(name);
        out.integer(static_cast<std::int64_t>(parent + 1));
        out.endRow();
        leafDepartments.push_back(static_cast<std::uint32_t>(parent % kDepartmentCount));
        leafIds.push_back(id);
    }
    return out;
}

void Catalog::write(OutputFiles &files, RunControl &control)
{
    std::vector<std::uint32_t> leafDepartments;
    std::vector<std::uint64_t> leafIds;
    control.step(writeCategories(files, leafDepartments, leafIds), true);

    TableWriter &products = files.open("products", {"product_id", "product_name", "category_id", "created_at"});
    TableWriter &prices = files.open("product_prices", {"product_id", "valid_from", "unit_price"});
    const Mix durableProfiles(kDurableProfileMix);
    const Mix consumableProfiles(kConsumableProfileMix);
    const std::int64_t start = m_plan.startSecond();
    const std::int64_t periodSeconds = m_plan.endSecond() - start;

    m_products.resize(m_plan.products);
    std::vector<double> popularity(m_plan.products);
    std::vector<std::int64_t> changes;
    std::string name;
    char skuBuffer[24];
    for (std::uint64_t p = 0; p < m_plan.products; ++p) {
        const std::uint64_t leaf = m_rng.below(leafIds.size());
        const Department &department = kDepartments[leafDepartments[leaf]];
        name.clear();
        name += kAdjectives[m_rng.below(kAdjectiveCount)];
        name += ' ';
        name += department.nouns[m_rng.below(8)];
        name += ' ';
        name += static_cast<char>('A' + m_rng.below(26));
        name += std::to_string(m_rng.between(10, 990));
        // Created 30 days to ~3 years before the period, so the first price
        // version is valid from before the period starts.
        const std::int64_t createdAt = start - 30 * kSecondsPerDay - m_rng.between(0, 1000 * kSecondsPerDay);
        const std::string_view skuText = sku(p + 1, skuBuffer);
        products.text(skuText);
        products.text(name);
        products.integer(static_cast<std::int64_t>(leafIds[leaf]));
        products.timestamp(createdAt);
        products.endRow();

        Product &product = m_products[p];
        const int profileIndex = (department.consumable ? consumableProfiles : durableProfiles).pick(m_rng);
        const QuantityProfile profile = kProfiles[profileIndex];
        product.centre = profile.centre;
        product.spread = profile.spread;
        product.rung = static_cast<std::uint8_t>(profileIndex);
        popularity[p] = 1.0 / (m_rng.uniform() + 0.1);

        // Price history: the first version from creation, then 0..3 changes
        // inside the period.
        product.firstVersion = static_cast<std::uint32_t>(m_versions.size());
        std::int64_t cents = shelfPrice(basePriceCents(department, m_rng), m_rng);
        m_versions.push_back({createdAt, cents});
        changes.clear();
        if (m_rng.chance(m_options.shape.priceChangeRate) && periodSeconds > 2) {
            const std::int64_t count = m_rng.between(1, 3);
            for (std::int64_t c = 0; c < count; ++c)
                changes.push_back(start + 1 + m_rng.between(0, periodSeconds - 2));
            std::sort(changes.begin(), changes.end());
            changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
        }
        for (std::int64_t when : changes) {
            std::int64_t percent = m_rng.between(5, 25);
            if (m_rng.chance(0.45))
                percent = -percent;
            std::int64_t next = shelfPrice(cents * (100 + percent) / 100, m_rng);
            if (next == cents)
                next = cents + (percent > 0 ? 100 : (cents > 199 ? -100 : 100));
            cents = next;
            m_versions.push_back({when, cents});
        }
        product.versionCount = static_cast<std::uint16_t>(m_versions.size() - product.firstVersion);
        for (std::uint32_t v = product.firstVersion; v < m_versions.size(); ++v) {
            prices.text(skuText);
            prices.timestamp(m_versions[v].validFrom);
            prices.decimal(Decimal::fromCents(m_versions[v].cents));
            prices.endRow();
        }
        if ((p & 1023) == 1023) {
            control.step(products);
            control.step(prices);
        }
    }
    m_popularity = AliasTable(popularity);
    chooseAnomalyProducts();
    control.step(products, true);
    control.step(prices, true);
}

void Catalog::chooseAnomalyProducts()
{
    const AnomalyOptions &anomalies = m_options.anomalies;
    std::vector<std::uint32_t> chosen;
    if (!anomalies.products.empty()) {
        char buffer[24];
        for (const std::string &wanted : anomalies.products) {
            bool found = false;
            for (std::uint32_t p = 0; p < m_products.size() && !found; ++p) {
                if (sku(p + 1, buffer) == wanted) {
                    chosen.push_back(p);
                    found = true;
                }
            }
            if (!found)
                throw GeneratorError("anomaly product " + wanted + " is not in the catalogue");
        }
    } else if (anomalies.productShare > 0) {
        const auto count = std::clamp<std::uint64_t>(
            static_cast<std::uint64_t>(anomalies.productShare * double(m_products.size()) + 0.5), 1, m_products.size());
        Rng rng(m_options.seed, AnomalyStream);
        std::vector<std::uint32_t> order(m_products.size());
        for (std::uint32_t i = 0; i < order.size(); ++i)
            order[i] = i;
        for (std::uint64_t i = 0; i < count; ++i)
            std::swap(order[i], order[i + rng.below(order.size() - i)]);
        chosen.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count));
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    char buffer[24];
    for (std::uint32_t p : chosen) {
        m_products[p].anomaly = true;
        m_anomalySkus.emplace_back(sku(p + 1, buffer));
    }
}

std::int64_t Catalog::priceCentsAt(std::uint32_t product, std::int64_t second) const
{
    const Product &p = m_products[product];
    std::uint32_t v = p.firstVersion + p.versionCount - 1;
    while (v > p.firstVersion && m_versions[v].validFrom > second)
        --v;
    return m_versions[v].cents;
}

int Catalog::quantity(std::uint32_t product, Rng &rng) const
{
    const Product &p = m_products[product];
    if (m_options.shape.quantities == QuantityShape::Wholesale) {
        static const Mix steps(kLadderStepMix);
        const int rung = std::clamp(int(p.rung) + kLadderSteps[steps.pick(rng)], 0, int(std::size(kPackLadder)) - 1);
        return kPackLadder[rung];
    }
    switch (rng.below(4)) {
    case 0:
        return p.centre - p.spread;
    case 3:
        return p.centre + p.spread;
    default:
        return p.centre;
    }
}

int Catalog::typicalQuantity(std::uint32_t product) const
{
    const Product &p = m_products[product];
    return m_options.shape.quantities == QuantityShape::Wholesale ? kPackLadder[p.rung] : p.centre;
}

} // namespace ecomops::synthetic
