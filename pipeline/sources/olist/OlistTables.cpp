#include "sources/olist/OlistImport.h"

namespace ecomops::sources::olist {

void OlistImport::writeCountries()
{
    auto out = stage("countries", {"country_code", "country_name", "region"});
    out->write({kCountry, "Brazil", "Latin America"});
    finish(*out);
}

void OlistImport::writeCategoriesAndProducts()
{
    std::map<std::string, std::string> english; // Portuguese → English, in file order of keys
    std::vector<std::string> order;
    if (SourceCsv *f = optional(Role::CategoryTranslation)) {
        f->read(
            m_observer, m_cancel, QStringLiteral("categories"),
            [&](const csv::Record &r) {
                const std::string pt = SourceCsv::field(r, m_translation.portuguese);
                if (!pt.empty() && english.emplace(pt, SourceCsv::field(r, m_translation.english)).second)
                    order.push_back(pt);
            },
            [](const csv::Malformed &, const std::string &) {});
        report(*f, "categories", nullptr);
    }

    auto products = stage("products", {"product_id", "product_name", "category_id"});
    std::set<std::string> used;
    std::int64_t uncategorised = 0;
    SourceCsv &p = file(Role::Products);
    pass(p, products.get(), QStringLiteral("products"), [&](const csv::Record &r) {
        const std::string id = SourceCsv::field(r, m_product.id);
        std::string category = SourceCsv::field(r, m_product.category);
        if (category.empty()) {
            category = kUncategorised;
            ++uncategorised;
        }
        used.insert(category);
        products->write({id, id, category});
    });
    finish(*products);
    report(p, "products", nullptr, {{"products_without_category", uncategorised}});

    auto categories = stage("categories", {"category_id", "category_name"});
    std::vector<std::string> untranslated;
    for (const std::string &pt : order)
        categories->write({pt, english[pt].empty() ? pt : english[pt]});
    for (const std::string &c : used) {
        if (english.count(c))
            continue;
        if (c == kUncategorised) {
            categories->write({kUncategorised, "Uncategorised"});
            continue;
        }
        categories->write({c, c});
        untranslated.push_back(c);
    }
    finish(*categories);
    m_decisions["categories"] = {
        {"id", "the Portuguese category name"},
        {"name", "the English translation where product_category_name_translation has one, else the Portuguese name"},
        {"untranslated", untranslated},
        {"products_without_category", std::to_string(uncategorised) + " went to the category \"uncategorised\""}};
    m_decisions["product_name"] = "the product_id: the export has no product names";
}

void OlistImport::writeCustomers()
{
    auto out = stage("customers", {"customer_id", "country_code", "city", "state", "zip_code"});
    std::unordered_set<std::string> written;
    std::int64_t merged = 0, noPerson = 0;
    SourceCsv &f = file(Role::Customers);
    pass(f, out.get(), QStringLiteral("customers"), [&](const csv::Record &r) {
        const std::string id = SourceCsv::field(r, m_customer.id);
        std::string person = SourceCsv::field(r, m_customer.person);
        if (person.empty()) {
            person = id;
            ++noPerson;
        }
        if (!id.empty())
            m_person.emplace(id, person);
        if (!written.insert(person).second) {
            ++merged;
            return;
        }
        out->write({person, kCountry, SourceCsv::field(r, m_customer.city), SourceCsv::field(r, m_customer.state),
                    SourceCsv::field(r, m_customer.zip)});
    });
    finish(*out);
    report(f, "customers", nullptr,
           {{"persons", std::int64_t(written.size())}, {"records_merged_into_their_person", merged}});
    m_decisions["customers"] = "one staged customer per customer_unique_id (the person), with the city, state and "
                               "postcode of the person's "
                               "first record; orders reach the person through their customer_id. " +
                               std::to_string(merged) + " further records of known persons were merged; " +
                               std::to_string(noPerson) +
                               " records without a customer_unique_id stand for themselves (their customer_id)";
}

void OlistImport::aggregateItems()
{
    SourceCsv &f = file(Role::OrderItems);
    f.read(
        m_observer, m_cancel, QStringLiteral("order_lines"),
        [&](const csv::Record &r) {
            const std::string order = SourceCsv::field(r, m_item.order);
            OrderAmounts &a = m_amounts[order];
            ++a.items;
            const auto price = Decimal::tryParse(SourceCsv::field(r, m_item.price));
            const std::string freightText = SourceCsv::field(r, m_item.freight);
            const auto freight =
                freightText.empty() ? std::optional<Decimal>(Decimal()) : Decimal::tryParse(freightText);
            if (!price || !freight || !addAmount(a.subtotal, *price) || !addAmount(a.freight, *freight)) {
                a.known = false;
                return;
            }
            m_prices.push_back({SourceCsv::field(r, m_item.product), order, *price});
        },
        [&](const csv::Malformed &, const std::string &) {});
}

void OlistImport::aggregatePayments()
{
    SourceCsv *f = optional(Role::Payments);
    if (!f)
        return;
    f->read(
        m_observer, m_cancel, QStringLiteral("payments"),
        [&](const csv::Record &r) {
            const auto value = Decimal::tryParse(SourceCsv::field(r, m_payment.value));
            const long sequence = std::atol(SourceCsv::field(r, m_payment.sequence).c_str());
            if (!value)
                return;
            auto [it, added] = m_method.try_emplace(SourceCsv::field(r, m_payment.order));
            PaymentChoice &c = it->second;
            if (added || *value > c.largest || (*value == c.largest && sequence < c.sequence))
                c = {*value, sequence, SourceCsv::field(r, m_payment.type)};
        },
        [](const csv::Malformed &, const std::string &) {});
}

void OlistImport::writeOrders()
{
    auto out =
        stage("orders", {"order_id", "customer_id", "order_ts", "channel", "status", "payment_method", "country_code",
                         "items_subtotal", "discount_total", "shipping_fee", "order_total", "approved_at",
                         "delivered_carrier_at", "delivered_customer_at", "estimated_delivery_at"});
    std::int64_t unknownCustomer = 0, withoutItems = 0, unknownAmounts = 0;
    SourceCsv &f = file(Role::Orders);
    pass(f, out.get(), QStringLiteral("orders"), [&](const csv::Record &r) {
        const std::string id = SourceCsv::field(r, m_order.id);
        std::string customer = SourceCsv::field(r, m_order.customer);
        if (const auto it = m_person.find(customer); it != m_person.end())
            customer = it->second;
        else
            ++unknownCustomer;
        std::string subtotal = "0.00", shipping = "0.00", total = "0.00";
        if (const auto it = m_amounts.find(id); it == m_amounts.end()) {
            ++withoutItems;
        } else if (Decimal sum = it->second.subtotal; !it->second.known || !addAmount(sum, it->second.freight)) {
            subtotal = shipping = total = std::string();
            ++unknownAmounts;
        } else {
            subtotal = money(it->second.subtotal);
            shipping = money(it->second.freight);
            total = money(sum);
        }
        const std::string purchase = m_orderTimes.convert(r, m_order.purchase);
        const std::string approved = m_orderTimes.convert(r, m_order.approved);
        m_times[id] = {purchase, approved};
        const auto method = m_method.find(id);
        out->write({id, customer, purchase, m_channel, SourceCsv::field(r, m_order.status),
                    method == m_method.end() ? std::string() : method->second.method, kCountry, subtotal, "0.00",
                    shipping, total, approved, m_orderTimes.convert(r, m_order.carrier),
                    m_orderTimes.convert(r, m_order.delivered), m_orderTimes.convert(r, m_order.estimated)});
    });
    finish(*out);
    report(f, "orders", &m_orderTimes,
           {{"orders_whose_customer_is_not_in_the_customers_file", unknownCustomer},
            {"orders_without_items", withoutItems},
            {"orders_with_unreadable_item_amounts", unknownAmounts}});
    m_decisions["order_amounts"] =
        "items_subtotal = sum of the order's item prices, shipping_fee = sum of their freight, discount_total = 0, "
        "order_total = items_subtotal + shipping_fee; 0.00 for an order the export has no items for (" +
        std::to_string(withoutItems) + "); left empty when an item's price does not parse (" +
        std::to_string(unknownAmounts) + ")";
    m_decisions["payment_method"] = "the type of the order's largest payment (ties: the first)";
}

void OlistImport::writeOrderLines()
{
    auto out = stage("order_lines", {"order_id", "line_no", "product_id", "quantity", "unit_price", "line_total",
                                     "seller_id", "shipping_limit_at", "freight_value"});
    SourceCsv &f = file(Role::OrderItems);
    pass(f, out.get(), QStringLiteral("order_lines"), [&](const csv::Record &r) {
        const std::string price = SourceCsv::field(r, m_item.price);
        const auto parsed = Decimal::tryParse(price);
        out->write({SourceCsv::field(r, m_item.order), SourceCsv::field(r, m_item.line),
                    SourceCsv::field(r, m_item.product), "1", price, parsed ? money(*parsed) : std::string(),
                    SourceCsv::field(r, m_item.seller), m_itemTimes.convert(r, m_item.shippingLimit),
                    SourceCsv::field(r, m_item.freight)});
    });
    finish(*out);
    report(f, "order_lines", &m_itemTimes);
    m_decisions["order_lines"] = "one item per line: quantity 1, line_no = order_item_id, line_total = price";
}

void OlistImport::writePayments()
{
    SourceCsv *f = optional(Role::Payments);
    if (!f)
        return;
    auto out =
        stage("payments", {"payment_id", "order_id", "paid_ts", "method", "amount", "sequence_no", "installments"});
    std::int64_t unknownOrder = 0;
    pass(*f, out.get(), QStringLiteral("payments"), [&](const csv::Record &r) {
        const std::string order = SourceCsv::field(r, m_payment.order);
        const std::string sequence = SourceCsv::field(r, m_payment.sequence);
        std::string paid;
        if (const auto it = m_times.find(order); it != m_times.end())
            paid = it->second.approved.empty() ? it->second.purchase : it->second.approved;
        else
            ++unknownOrder;
        out->write({order + "-" + sequence, order, paid, SourceCsv::field(r, m_payment.type),
                    SourceCsv::field(r, m_payment.value), sequence, SourceCsv::field(r, m_payment.installments)});
    });
    finish(*out);
    report(*f, "payments", nullptr, {{"payments_whose_order_is_not_in_the_orders_file", unknownOrder}});
    m_decisions["payments"] = "payment_id = \"<order_id>-<payment_sequential>\"; paid_ts = the order's approval time "
                              "(its purchase time when not approved); empty when the order is not in the export, "
                              "so the row is quarantined";
}

void OlistImport::writeReviews()
{
    SourceCsv *f = optional(Role::Reviews);
    if (!f)
        return;
    auto out = stage(
        "reviews", {"review_id", "order_id", "score", "comment_title", "comment_message", "created_at", "answered_at"});
    std::int64_t multiline = 0;
    pass(*f, out.get(), QStringLiteral("reviews"), [&](const csv::Record &r) {
        const std::string_view message = SourceCsv::rawField(r, m_review.message);
        if (message.find('\n') != std::string_view::npos)
            ++multiline;
        out->write({SourceCsv::field(r, m_review.id), SourceCsv::field(r, m_review.order),
                    SourceCsv::field(r, m_review.score), SourceCsv::rawField(r, m_review.title), message,
                    m_reviewTimes.convert(r, m_review.created), m_reviewTimes.convert(r, m_review.answered)});
    });
    finish(*out);
    report(*f, "reviews", &m_reviewTimes, {{"comments_with_line_breaks", multiline}});
}

void OlistImport::writeSellers()
{
    SourceCsv *f = optional(Role::Sellers);
    if (!f)
        return;
    auto out = stage("sellers", {"seller_id", "zip_code", "city", "state"});
    pass(*f, out.get(), QStringLiteral("sellers"), [&](const csv::Record &r) {
        out->write({SourceCsv::field(r, m_seller.id), SourceCsv::field(r, m_seller.zip),
                    SourceCsv::field(r, m_seller.city), SourceCsv::field(r, m_seller.state)});
    });
    finish(*out);
    report(*f, "sellers", nullptr);
}

void OlistImport::writeZipCodes()
{
    SourceCsv *f = optional(Role::Geolocation);
    if (!f)
        return;
    std::map<std::string, ZipPoint> zips;
    std::int64_t unreadable = 0;
    f->read(
        m_observer, m_cancel, QStringLiteral("zip_codes"),
        [&](const csv::Record &r) {
            bool latOk = false, lngOk = false;
            const double lat = QString::fromStdString(SourceCsv::field(r, m_geo.lat)).toDouble(&latOk);
            const double lng = QString::fromStdString(SourceCsv::field(r, m_geo.lng)).toDouble(&lngOk);
            ZipPoint &z = zips[SourceCsv::field(r, m_geo.zip)];
            if (z.city.empty() && z.state.empty()) {
                z.city = SourceCsv::field(r, m_geo.city);
                z.state = SourceCsv::field(r, m_geo.state);
            }
            if (!latOk || !lngOk) {
                ++unreadable;
                return;
            }
            z.latitude += lat;
            z.longitude += lng;
            ++z.points;
        },
        [&](const csv::Malformed &, const std::string &) { ++unreadable; });
    auto out = stage("zip_codes", {"zip_code", "city", "state", "latitude", "longitude", "points"});
    for (const auto &[zip, z] : zips) {
        const auto mean = [&](double sum) {
            return z.points > 0 ? QString::number(sum / double(z.points), 'f', 6).toStdString() : std::string();
        };
        out->write({zip, z.city, z.state, mean(z.latitude), mean(z.longitude), std::to_string(z.points)});
    }
    finish(*out);
    report(*f, "zip_codes", nullptr,
           {{"zip_code_prefixes", std::int64_t(zips.size())}, {"points_without_coordinates", unreadable}});
}

void OlistImport::writePrices()
{
    std::map<std::string, std::vector<PricePoint>> seen;
    std::int64_t withoutTime = 0;
    for (const PriceSeen &p : m_prices) {
        const auto it = m_times.find(p.order);
        if (it == m_times.end() || it->second.purchase.size() < 19) {
            ++withoutTime;
            continue;
        }
        seen[p.product].push_back({it->second.purchase, p.price});
    }
    auto out = stage("product_prices", {"product_id", "valid_from", "unit_price"});
    for (auto &[product, observed] : seen) {
        for (const PricePoint &p : priceChanges(std::move(observed)))
            out->write({product, p.ts, money(p.price)});
    }
    finish(*out);
    m_decisions["product_prices"] =
        "derived from the items (Olist has no price list): each change of a product's price, in order of its "
        "orders' "
        "purchase times, is a point of its history from that time; " +
        std::to_string(withoutTime) + " items whose order is not in the export (or has no purchase time) give no point";
}

} // namespace ecomops::sources::olist
