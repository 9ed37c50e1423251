#include "sources/olist/OlistImport.h"

namespace ecomops::sources::olist {

SourceResult OlistImport::run()
{
    QElapsedTimer clock;
    clock.start();
    prepare();
    writeCountries();
    writeCategoriesAndProducts();
    writeCustomers();
    aggregateItems();
    aggregatePayments();
    writeOrders();
    writeOrderLines();
    writePayments();
    writeReviews();
    writeSellers();
    writeZipCodes();
    writePrices();
    const double seconds = double(clock.elapsed()) / 1000.0;
    std::int64_t records = 0;
    for (const nlohmann::json &f : m_files)
        records += f.value("records", std::int64_t(0));
    m_result.report["source"] = "olist";
    m_result.report["path"] = m_path.toStdString();
    m_result.report["files"] = m_files;
    m_result.report["layout"] = m_layout.report;
    m_result.report["decisions"] = m_decisions;
    m_result.report["seconds"] = seconds;
    m_result.report["source_records_per_second"] = seconds > 0 ? double(records) / seconds : 0.0;
    return std::move(m_result);
}

// Headers and timestamp orders of every file: every refusal happens here,
// before a single staged row is written.
void OlistImport::prepare()
{
    m_path = pathOption(m_options, "olist");
    m_layout = olist::locate(m_path, m_options);
    m_stated = statedDateOrder(m_options);
    m_channel = textOption(m_options, "channel", "Marketplace");
    for (const auto &[role, path] : m_layout.files)
        m_csv[role] = std::make_unique<SourceCsv>(path);

    SourceCsv &c = file(Role::Customers);
    m_customer = {c.require({"customer_id"}, "customers.customer_id (via the person, see below)"),
                  c.require({"customer_unique_id"}, "customers.customer_id"),
                  c.use({"customer_zip_code_prefix"}, "customers.zip_code"), c.use({"customer_city"}, "customers.city"),
                  c.use({"customer_state"}, "customers.state")};

    SourceCsv &o = file(Role::Orders);
    m_order.id = o.require({"order_id"}, "orders.order_id");
    m_order.customer = o.require({"customer_id"}, "orders.customer_id (the person: customers.customer_unique_id)");
    m_order.status = o.require({"order_status"}, "orders.status");
    m_order.purchase =
        m_orderTimes.add(o.require({"order_purchase_timestamp"}, "orders.order_ts"), "order_purchase_timestamp");
    m_order.approved = m_orderTimes.add(o.use({"order_approved_at"}, "orders.approved_at (and payments.paid_ts)"),
                                        "order_approved_at");
    m_order.carrier = m_orderTimes.add(o.use({"order_delivered_carrier_date"}, "orders.delivered_carrier_at"),
                                       "order_delivered_carrier_date");
    m_order.delivered = m_orderTimes.add(o.use({"order_delivered_customer_date"}, "orders.delivered_customer_at"),
                                         "order_delivered_customer_date");
    m_order.estimated = m_orderTimes.add(o.use({"order_estimated_delivery_date"}, "orders.estimated_delivery_at"),
                                         "order_estimated_delivery_date");

    SourceCsv &i = file(Role::OrderItems);
    m_item.order = i.require({"order_id"}, "order_lines.order_id");
    m_item.line = i.require({"order_item_id"}, "order_lines.line_no");
    m_item.product = i.require({"product_id"}, "order_lines.product_id");
    m_item.price = i.require({"price"}, "order_lines.unit_price (= line_total, quantity 1)");
    m_item.seller = i.use({"seller_id"}, "order_lines.seller_id");
    m_item.freight = i.use({"freight_value"}, "order_lines.freight_value (summed into orders.shipping_fee)");
    i.expectNumber(m_item.line, NumberRange::Int32);
    i.expectNumber(m_item.price, NumberRange::Amount);
    i.expectNumber(m_item.freight, NumberRange::Amount);
    m_item.shippingLimit =
        m_itemTimes.add(i.use({"shipping_limit_date"}, "order_lines.shipping_limit_at"), "shipping_limit_date");

    SourceCsv &p = file(Role::Products);
    m_product = {p.require({"product_id"}, "products.product_id (and product_name)"),
                 p.use({"product_category_name"}, "products.category_id")};

    if (SourceCsv *f = optional(Role::Payments)) {
        m_payment = {f->require({"order_id"}, "payments.order_id"),
                     f->require({"payment_sequential"}, "payments.sequence_no (and payment_id)"),
                     f->require({"payment_type"}, "payments.method"),
                     f->use({"payment_installments"}, "payments.installments"),
                     f->require({"payment_value"}, "payments.amount")};
        f->expectNumber(m_payment.sequence, NumberRange::Int32);
        f->expectNumber(m_payment.installments, NumberRange::Int32);
        f->expectNumber(m_payment.value, NumberRange::Amount);
    }
    if (SourceCsv *f = optional(Role::Reviews)) {
        m_review.id = f->require({"review_id"}, "reviews.review_id");
        m_review.order = f->require({"order_id"}, "reviews.order_id");
        m_review.score = f->require({"review_score"}, "reviews.score");
        f->expectNumber(m_review.score, NumberRange::Int32);
        m_review.title = f->use({"review_comment_title"}, "reviews.comment_title");
        m_review.message = f->use({"review_comment_message"}, "reviews.comment_message");
        m_review.created =
            m_reviewTimes.add(f->use({"review_creation_date"}, "reviews.created_at"), "review_creation_date");
        m_review.answered =
            m_reviewTimes.add(f->use({"review_answer_timestamp"}, "reviews.answered_at"), "review_answer_timestamp");
    }
    if (SourceCsv *f = optional(Role::Sellers))
        m_seller = {f->require({"seller_id"}, "sellers.seller_id"),
                    f->use({"seller_zip_code_prefix"}, "sellers.zip_code"), f->use({"seller_city"}, "sellers.city"),
                    f->use({"seller_state"}, "sellers.state")};
    if (SourceCsv *f = optional(Role::CategoryTranslation))
        m_translation = {f->require({"product_category_name"}, "categories.category_id"),
                         f->require({"product_category_name_english"}, "categories.category_name")};
    if (SourceCsv *f = optional(Role::Geolocation))
        m_geo = {f->require({"geolocation_zip_code_prefix"}, "zip_codes.zip_code"),
                 f->use({"geolocation_lat"}, "zip_codes.latitude (mean of the prefix's points)"),
                 f->use({"geolocation_lng"}, "zip_codes.longitude (mean of the prefix's points)"),
                 f->use({"geolocation_city"}, "zip_codes.city (the first given)"),
                 f->use({"geolocation_state"}, "zip_codes.state (the first given)")};

    m_orderTimes.decide(o, m_stated, m_observer, m_cancel, QStringLiteral("orders"));
    m_itemTimes.decide(i, m_stated, m_observer, m_cancel, QStringLiteral("order_lines"));
    if (SourceCsv *f = optional(Role::Reviews))
        m_reviewTimes.decide(*f, m_stated, m_observer, m_cancel, QStringLiteral("reviews"));
    m_decisions["date_order_stated"] = toString(m_stated);
    m_decisions["channel"] =
        m_channel + (m_options.contains("channel") ? " (option channel)"
                                                   : " (Olist is a marketplace; option channel=… changes it)");
    m_decisions["country"] = "BR (Brazil) for every customer and order: Olist sells in Brazil only";
}

SourceCsv *OlistImport::optional(Role role)
{
    const auto it = m_csv.find(role);
    return it == m_csv.end() ? nullptr : it->second.get();
}

std::unique_ptr<StagedTable> OlistImport::stage(const char *table, std::vector<std::string> columns)
{
    return std::make_unique<StagedTable>(m_directory, table, std::move(columns));
}

void OlistImport::finish(StagedTable &t)
{
    t.close();
    m_result.rows[t.table()] = t.rows();
    throwIfCancelled(m_observer, m_cancel);
}

// One pass over a file into one staged table; an unreadable record goes
// on as such (the loader quarantines it).
void OlistImport::pass(SourceCsv &f, StagedTable *out, const QString &table, const SourceCsv::RecordHandler &onRecord)
{
    f.read(m_observer, m_cancel, table, onRecord, [out](const csv::Malformed &bad, const std::string &message) {
        if (out)
            out->writeUnreadable(message, bad.raw);
    });
}

void OlistImport::report(SourceCsv &f, const std::string &table, const TimestampColumns *times, nlohmann::json extra)
{
    nlohmann::json r = f.report();
    r["table"] = table;
    m_result.skipped[table] += f.emptyRecords();
    if (times)
        r["timestamps"] = times->report();
    if (extra.is_object())
        r.update(extra);
    m_files.push_back(r);
    m_observer.log(LogLevel::Info, QStringLiteral("%1 → %2: %3, columns %4; ignored: %5")
                                       .arg(QString::fromStdString(f.name()), QString::fromStdString(table),
                                            f.summary(), QString::fromStdString(safeDump(r["columns"])),
                                            QString::fromStdString(safeDump(r["ignored_columns"]))));
}

} // namespace ecomops::sources::olist
