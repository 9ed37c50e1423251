#pragma once
// What the synthetic shop looks like: size, seed, period, the mixes of the
// reference shop (DESIGN.md, "Reference shapes"), and the defects and
// anomalies to plant. Serialises to JSON so it can sit inside a run spec.
#include <QDate>

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ecomops::synthetic {

class GeneratorError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The labels written to the CSV files, in the order of the mixes below.
inline constexpr std::array<const char *, 4> kSegments = {"VIP", "Regular", "Occasional", "New"};
inline constexpr std::array<const char *, 4> kChannels = {"Website", "Mobile App", "Marketplace", "Store"};
inline constexpr std::array<const char *, 4> kPaymentMethods = {"Bank Transfer", "Credit Card", "Cash on Delivery",
                                                                "E-Wallet"};
inline constexpr std::array<const char *, 7> kStatuses = {"Completed", "Delivered", "Shipped", "Processing",
                                                          "Pending",   "Cancelled", "Refunded"};
inline constexpr std::array<const char *, 5> kEventTypes = {"page_view", "add_to_cart", "search", "purchase",
                                                            "remove_from_cart"};

// Relative weights (percentages by default) and rates of the shop.
// How order-line quantities are drawn. Retail: each product has a usual
// quantity and a small spread (1 to 15). Wholesale: each product has a usual
// pack on the ladder 1, 2, 3, 6, 12, 24, 48, 120, and lines climb that ladder
// with a heavy tail — the shape of real wholesale transaction logs, used to
// measure how many ordinary lines a detector flags (DETECTOR.md).
enum class QuantityShape { Retail, Wholesale };

struct ShopShape {
    QuantityShape quantities = QuantityShape::Retail;
    std::array<int, 4> segmentMix = {5, 30, 45, 20};
    std::array<int, 4> channelMix = {45, 30, 15, 10};
    std::array<int, 4> paymentMethodMix = {30, 25, 25, 20};
    std::array<int, 7> statusMix = {70, 10, 5, 5, 3, 5, 2};
    std::array<int, 5> eventMix = {60, 15, 12, 8, 5};
    double paymentRate = 0.97;       // orders with a payment (Pending orders go unpaid first)
    double invoiceRate = 0.80;       // Completed orders with an invoice
    double eventsPerOrder = 3.0;     // clickstream volume
    double segmentChangeRate = 0.30; // customers whose segment changes at least once
    double priceChangeRate = 0.35;   // products whose price changes at least once in the period
};

// Each rate is a probability per row of the table it damages; 0 = clean.
struct DefectRates {
    double badEmail = 0;       // customers: malformed email
    double orphanCustomer = 0; // orders: customer_id that does not exist
    double orphanProduct = 0;  // order_lines: product_id that does not exist
    double negativePrice = 0;  // order_lines: unit_price sign flipped (line_total keeps the true value)
    double duplicateRow = 0;   // orders and customers: the row is written twice
    double futureDate = 0;     // orders: order_ts 3 to 10 years ahead
    double totalMismatch = 0;  // orders: order_total off by 0.01 to 5.00

    bool any() const;
};

// Outsized quantities on chosen products: a chosen product's line gets, with
// probability `rate`, quantity = typical quantity × factor in
// [minFactor, maxFactor]. Keep rate ≤ ~0.03 for a median + 2σ detector to
// separate them (larger rates inflate σ itself).
struct AnomalyOptions {
    double rate = 0;
    double productShare = 0.02;        // when `products` is empty: this share of the catalogue, from the seed
    std::vector<std::string> products; // SKUs, e.g. "SKU-000123"
    int minFactor = 10;
    int maxFactor = 30;
};

// The days of the window (counted from start_date, `to` exclusive, -1 for
// its end) whose activity (orders with their lines, payments and invoices, and
// the clickstream) is written; master data is always written whole. Two runs
// with the same seed and ranges that meet add up to one run of the whole
// window: the second is the delta of an incremental load.
struct ActivityDays {
    int from = 0;
    int to = -1;
    bool whole() const { return from == 0 && to == -1; }
};

struct GeneratorOptions {
    double scale = 1.0; // 1 = 1,000 products, 10,000 customers, 100,000 orders
    std::uint64_t seed = 42;
    QDate startDate = QDate(2025, 1, 1);
    int months = 12;
    ShopShape shape;
    DefectRates defects;
    AnomalyOptions anomalies;
    ActivityDays activityDays;

    // Empty when the options are usable, otherwise what is wrong, in words.
    std::string validationError() const;

    // Missing keys keep their defaults; unknown keys and wrong types throw
    // GeneratorError, so a typo in a run spec does not pass silently.
    nlohmann::json toJson() const;
    static GeneratorOptions fromJson(const nlohmann::json &json);
};

} // namespace ecomops::synthetic
