#include "sources/synthetic/Activity.h"

#include "sources/synthetic/Civil.h"
#include "sources/synthetic/ReferenceData.h"

#include <algorithm>
#include <cstring>

namespace ecomops::synthetic {

namespace {

// Shopping hours: peaks at 11:00–12:00 and 20:00–22:00, quiet nights.
constexpr int kHourWeights[24] = {8,  4,  2,  2,  2,  3,  8,  18, 30, 40, 52, 75,
                                  70, 50, 45, 45, 48, 55, 62, 70, 90, 88, 60, 25};
// Season: a November–December peak.
constexpr double kMonthWeights[12] = {85, 80, 90, 90, 95, 90, 95, 95, 95, 100, 150, 165};
// Monday … Sunday: weekends busier.
constexpr double kWeekdayWeights[7] = {92, 90, 94, 98, 105, 120, 115};
// 1..5 lines per order: mean ≈ 2.03.
constexpr int kLineCountMix[5] = {40, 33, 15, 8, 4};
// 1..8 events per session.
constexpr int kSessionLengthMix[8] = {20, 20, 18, 14, 10, 8, 6, 4};
constexpr int kPercentDiscounts[5] = {5, 10, 15, 20, 25};
constexpr double kLineDiscountRate = 0.12;
constexpr double kCouponRate = 0.08;
constexpr double kForeignShipToRate = 0.04;
constexpr double kLoggedInSessionRate = 0.7;

enum Status { Completed = 0, Pending = 4 };
enum Channel { Store = 3 };
enum Method { BankTransfer = 0, CreditCard = 1, CashOnDelivery = 2, EWallet = 3 };
enum EventType { Search = 2 };

Decimal shippingFee(const CountryInfo &country)
{
    if (std::strcmp(country.region, "Europe") == 0)
        return Decimal::fromCents(499);
    if (std::strcmp(country.region, "North America") == 0)
        return Decimal::fromCents(599);
    return Decimal::fromCents(999);
}

std::string orderLineKey(std::int64_t orderId, int lineNo)
{
    return std::to_string(orderId) + ":" + std::to_string(lineNo);
}

} // namespace

struct Activity::Writers {
    TableWriter &orders;
    TableWriter &lines;
    TableWriter &payments;
    TableWriter &invoices;
    TableWriter &events;
};

struct Activity::Line {
    std::uint32_t product;
    int quantity;
    bool anomaly;
    Decimal unitPrice;
    Decimal discount;
    Decimal total;
};

Activity::Activity(const GeneratorOptions &options, const Plan &plan, const Catalog &catalog,
                   const Population &population, DefectDice &defects)
    : m_options(options), m_plan(plan), m_catalog(catalog), m_population(population), m_defects(defects),
      m_orders(options.seed, OrderStream), m_events(options.seed, EventStream),
      m_anomalies(options.seed, AnomalyLineStream), m_hours(kHourWeights), m_channels(options.shape.channelMix),
      m_statuses(options.shape.statusMix), m_methods(options.shape.paymentMethodMix), m_lineCounts(kLineCountMix),
      m_eventTypes(options.shape.eventMix), m_sessionLengths(kSessionLengthMix)
{
    // Pending orders are the unpaid ones first; the payment rate decides the rest.
    int total = 0;
    for (int w : options.shape.statusMix)
        total += w;
    const double pendingShare = double(options.shape.statusMix[Pending]) / double(total);
    const double otherShare = 1.0 - pendingShare;
    const double rate = options.shape.paymentRate;
    m_payNonPending = otherShare > 0 ? std::min(1.0, rate / otherShare) : 0.0;
    m_payPending = pendingShare > 0 ? std::clamp((rate - otherShare) / pendingShare, 0.0, 1.0) : 0.0;
}

std::vector<double> Activity::dayWeights(const Plan &plan)
{
    std::vector<double> weights;
    weights.reserve(static_cast<std::size_t>(plan.days()));
    for (std::int64_t day = plan.startDay; day < plan.endDay; ++day) {
        const CivilDate date = civilFromDays(day);
        const int wd = weekday(day);
        double w = kMonthWeights[date.month - 1] * kWeekdayWeights[wd];
        if (date.month == 11 && wd == 4 && date.day >= 23 && date.day <= 29)
            w *= 2.5; // Black Friday
        else if (wd == 0 && ((date.month == 11 && date.day >= 26) || (date.month == 12 && date.day <= 2)))
            w *= 1.8; // Cyber Monday
        else if (date.month == 12 && (date.day == 24 || date.day == 31))
            w *= 0.7;
        else if (date.month == 12 && date.day == 25)
            w *= 0.5;
        else if (date.month == 1 && date.day == 1)
            w *= 0.6;
        weights.push_back(w);
    }
    return weights;
}

std::int64_t Activity::timeOfDay(Rng &rng) const
{
    return m_hours.pick(rng) * 3600 + static_cast<std::int64_t>(rng.below(3600));
}

void Activity::write(OutputFiles &files, RunControl &control, Manifest &manifest)
{
    Writers out{
        files.open("orders", {"order_id", "customer_id", "order_ts", "channel", "status", "payment_method",
                              "country_code", "items_subtotal", "discount_total", "shipping_fee", "order_total"}),
        files.open("order_lines",
                   {"order_id", "line_no", "product_id", "quantity", "unit_price", "discount", "line_total"}),
        files.open("payments", {"payment_id", "order_id", "paid_ts", "method", "amount"}),
        files.open("invoices", {"invoice_id", "order_id", "invoice_ts", "amount"}),
        files.open("events", {"event_id", "session_id", "customer_id", "event_ts", "event_type", "product_id"}),
    };
    const std::vector<double> weights = dayWeights(m_plan);
    const std::vector<std::uint64_t> ordersPerDay = apportion(m_plan.orders, weights);
    const std::vector<std::uint64_t> eventsPerDay = apportion(m_plan.events, weights);
    const ActivityDays written = m_options.activityDays;
    for (std::size_t d = 0; d < weights.size(); ++d) {
        const std::int64_t day = m_plan.startDay + static_cast<std::int64_t>(d);
        const bool muted = int(d) < written.from || (written.to != -1 && int(d) >= written.to);
        for (TableWriter *w : {&out.orders, &out.lines, &out.payments, &out.invoices, &out.events})
            w->setMuted(muted);
        m_times.resize(ordersPerDay[d]);
        for (auto &t : m_times)
            t = day * kSecondsPerDay + timeOfDay(m_orders);
        std::sort(m_times.begin(), m_times.end());
        for (std::int64_t t : m_times)
            writeOrder(out, manifest, t, day);
        writeSessions(out, eventsPerDay[d], day);
        for (TableWriter *w : {&out.orders, &out.lines, &out.payments, &out.invoices, &out.events})
            control.step(*w);
    }
    for (TableWriter *w : {&out.orders, &out.lines, &out.payments, &out.invoices, &out.events})
        control.step(*w, true);
}

void Activity::writeOrder(Writers &out, Manifest &manifest, std::int64_t second, std::int64_t day)
{
    Rng &rng = m_orders;
    const std::int64_t orderId = ++m_orderId;
    const std::uint32_t customer = m_population.pick(rng, day);
    const std::uint32_t country =
        rng.chance(kForeignShipToRate) ? m_population.pickCountry(rng) : m_population.country(customer);
    const int channel = m_channels.pick(rng);
    const int status = m_statuses.pick(rng);
    const int method = m_methods.pick(rng);

    Line lines[5];
    const int lineCount = static_cast<int>(std::min<std::uint64_t>(m_lineCounts.pick(rng) + 1, m_catalog.size()));
    Decimal subtotal;
    const AnomalyOptions &anomalies = m_options.anomalies;
    for (int i = 0; i < lineCount; ++i) {
        Line &line = lines[i];
        for (int attempt = 0; attempt < 32; ++attempt) {
            line.product = m_catalog.pickPopular(rng);
            bool repeated = false;
            for (int j = 0; j < i; ++j)
                repeated = repeated || lines[j].product == line.product;
            if (!repeated)
                break;
        }
        line.quantity = m_catalog.quantity(line.product, rng);
        const bool discounted = rng.chance(kLineDiscountRate);
        const int percent = kPercentDiscounts[rng.below(5)];
        line.anomaly =
            anomalies.rate > 0 && m_catalog.isAnomalyProduct(line.product) && m_anomalies.chance(anomalies.rate);
        if (line.anomaly)
            line.quantity = m_catalog.typicalQuantity(line.product) *
                            static_cast<int>(m_anomalies.between(anomalies.minFactor, anomalies.maxFactor));
        line.unitPrice = Decimal::fromCents(m_catalog.priceCentsAt(line.product, second));
        const Decimal gross = line.unitPrice * line.quantity;
        line.discount = discounted ? gross.percentOfHalfEven(Decimal::fromInteger(percent)) : Decimal();
        line.total = gross - line.discount;
        subtotal += line.total;
    }

    const bool coupon = rng.chance(kCouponRate);
    const bool percentCoupon = rng.below(2) == 0;
    Decimal discount;
    if (coupon && subtotal >= Decimal::fromInteger(30))
        discount = percentCoupon ? subtotal.percentOfHalfEven(Decimal::fromInteger(10)) : Decimal::fromInteger(5);
    const Decimal afterDiscount = subtotal - discount;
    const Decimal shipping =
        channel == Store || afterDiscount >= Decimal::fromInteger(50) ? Decimal() : shippingFee(kCountries[country]);
    const Decimal total = afterDiscount + shipping;

    const double payRoll = rng.uniform();
    const double invoiceRoll = rng.uniform();
    const std::int64_t quickDelay = rng.between(30, 900);
    const std::int64_t slowDelay = rng.between(kSecondsPerDay, 3 * kSecondsPerDay);
    const std::int64_t invoiceDelay = rng.between(600, 2 * kSecondsPerDay);

    // The order row, with its planted defects.
    const DefectRates &defects = m_options.defects;
    std::int64_t writtenCustomer = static_cast<std::int64_t>(customer) + 1;
    const bool orphan = m_defects.roll(defects.orphanCustomer);
    if (orphan)
        writtenCustomer = static_cast<std::int64_t>(m_population.size()) + 1 +
                          static_cast<std::int64_t>(m_defects.rng().below(1000000));
    std::int64_t writtenSecond = second;
    const bool future = m_defects.roll(defects.futureDate);
    if (future)
        writtenSecond += m_defects.rng().between(3 * 365, 10 * 365) * kSecondsPerDay;
    Decimal writtenTotal = total;
    const bool mismatch = m_defects.roll(defects.totalMismatch);
    if (mismatch) {
        const auto cents = m_defects.rng().between(1, 500);
        writtenTotal += Decimal::fromCents(m_defects.rng().chance(0.5) ? cents : -cents);
    }
    TableWriter &orders = out.orders;
    orders.integer(orderId);
    orders.integer(writtenCustomer);
    orders.timestamp(writtenSecond);
    orders.text(kChannels[channel]);
    orders.text(kStatuses[status]);
    orders.text(kPaymentMethods[method]);
    orders.text(kCountries[country].code);
    orders.decimal(subtotal);
    orders.decimal(discount);
    orders.decimal(shipping);
    orders.decimal(writtenTotal);
    const std::uint64_t orderLine = orders.endRow();
    if (orphan || future || mismatch || defects.duplicateRow > 0) {
        const std::string key = std::to_string(orderId);
        if (orphan)
            manifest.plant(orders, orderLine, key, kind::OrphanCustomer,
                           "customer_id " + std::to_string(writtenCustomer) + " does not exist");
        if (future)
            manifest.plant(orders, orderLine, key, kind::FutureDate,
                           "order_ts moved " + std::to_string((writtenSecond - second) / kSecondsPerDay) +
                               " days ahead");
        if (mismatch)
            manifest.plant(orders, orderLine, key, kind::TotalMismatch,
                           "order_total " + writtenTotal.toString() + " should be " + total.toString());
        if (m_defects.roll(defects.duplicateRow)) {
            const std::uint64_t copy = orders.repeatLastRow();
            manifest.plant(orders, copy, key, kind::DuplicateRow, "copy of line " + std::to_string(orderLine));
        }
    }

    char skuBuffer[24];
    for (int i = 0; i < lineCount; ++i) {
        const Line &line = lines[i];
        const bool orphanProduct = m_defects.roll(defects.orphanProduct);
        const std::uint64_t productId =
            orphanProduct ? m_catalog.size() + 1 + m_defects.rng().below(100000) : line.product + 1;
        const std::string_view sku = Catalog::sku(productId, skuBuffer);
        const bool negative = m_defects.roll(defects.negativePrice);
        TableWriter &w = out.lines;
        w.integer(orderId);
        w.integer(i + 1);
        w.text(sku);
        w.integer(line.quantity);
        w.decimal(negative ? -line.unitPrice : line.unitPrice);
        w.decimal(line.discount);
        w.decimal(line.total);
        const std::uint64_t physical = w.endRow();
        if (orphanProduct)
            manifest.plant(w, physical, orderLineKey(orderId, i + 1), kind::OrphanProduct,
                           "product_id " + std::string(sku) + " does not exist");
        if (negative)
            manifest.plant(w, physical, orderLineKey(orderId, i + 1), kind::NegativePrice,
                           "unit_price -" + line.unitPrice.toString() + " should be " + line.unitPrice.toString());
        if (line.anomaly)
            manifest.plant(w, physical, orderLineKey(orderId, i + 1), kind::AnomalyQuantity,
                           "quantity " + std::to_string(line.quantity) + ", typical " +
                               std::to_string(m_catalog.typicalQuantity(line.product)));
    }

    const bool paid = payRoll < (status == Pending ? m_payPending : m_payNonPending);
    if (paid) {
        std::int64_t paidAt = second + quickDelay;
        if (method == BankTransfer)
            paidAt = second + slowDelay;
        else if (method == CashOnDelivery)
            paidAt = second + slowDelay + 2 * kSecondsPerDay;
        TableWriter &w = out.payments;
        w.integer(++m_paymentId);
        w.integer(orderId);
        w.timestamp(paidAt);
        w.text(kPaymentMethods[method]);
        w.decimal(total);
        w.endRow();
    }
    if (status == Completed && invoiceRoll < m_options.shape.invoiceRate) {
        const std::int64_t invoicedAt = second + invoiceDelay;
        const std::string number = std::to_string(++m_invoiceCount);
        std::string id = "INV-";
        id += std::to_string(civilFromDays(floorDiv(invoicedAt, kSecondsPerDay)).year);
        id += '-';
        id.append(number.size() < 6 ? 6 - number.size() : 0, '0');
        id += number;
        TableWriter &w = out.invoices;
        w.text(id);
        w.integer(orderId);
        w.timestamp(invoicedAt);
        w.decimal(total);
        w.endRow();
    }
}

void Activity::writeSessions(Writers &out, std::uint64_t events, std::int64_t day)
{
    Rng &rng = m_events;
    m_sessionLengthsOfDay.clear();
    for (std::uint64_t planned = 0; planned < events;) {
        const auto length = std::min<std::uint64_t>(m_sessionLengths.pick(rng) + 1, events - planned);
        m_sessionLengthsOfDay.push_back(static_cast<std::uint32_t>(length));
        planned += length;
    }
    m_times.resize(m_sessionLengthsOfDay.size());
    for (auto &t : m_times)
        t = day * kSecondsPerDay + timeOfDay(rng);
    std::sort(m_times.begin(), m_times.end());
    char skuBuffer[24];
    TableWriter &w = out.events;
    for (std::size_t s = 0; s < m_times.size(); ++s) {
        const std::int64_t sessionId = ++m_sessionId;
        const bool loggedIn = rng.chance(kLoggedInSessionRate);
        const std::int64_t customerId = loggedIn ? std::int64_t(m_population.pick(rng, day)) + 1 : 0;
        std::int64_t at = m_times[s];
        for (std::uint32_t e = 0; e < m_sessionLengthsOfDay[s]; ++e) {
            const int type = m_eventTypes.pick(rng);
            w.integer(++m_eventId);
            w.integer(sessionId);
            if (loggedIn)
                w.integer(customerId);
            else
                w.null();
            w.timestamp(at);
            w.text(kEventTypes[type]);
            if (type == Search)
                w.null();
            else
                w.text(Catalog::sku(m_catalog.pickPopular(rng) + 1, skuBuffer));
            w.endRow();
            at += rng.between(5, 240);
        }
    }
}

} // namespace ecomops::synthetic
