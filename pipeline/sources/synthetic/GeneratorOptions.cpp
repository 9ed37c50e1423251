#include "sources/synthetic/GeneratorOptions.h"

#include <nlohmann/json.hpp>

namespace ecomops::synthetic {

using nlohmann::json;

namespace {

template <std::size_t N> json mixToJson(const std::array<const char *, N> &labels, const std::array<int, N> &weights)
{
    json out = json::object();
    for (std::size_t i = 0; i < N; ++i)
        out[labels[i]] = weights[i];
    return out;
}

// Reads an object key by key; complains about keys nobody asked for.
class ObjectReader
{
public:
    ObjectReader(const json &object, std::string where) : m_object(object), m_where(std::move(where))
    {
        if (!object.is_object())
            throw GeneratorError(m_where + " must be a JSON object");
    }

    template <typename Read> void field(const char *key, Read read)
    {
        m_known.push_back(key);
        const auto it = m_object.find(key);
        if (it == m_object.end())
            return;
        try {
            read(*it, m_where + "." + key);
        } catch (const json::exception &e) {
            throw GeneratorError(m_where + "." + key + ": " + e.what());
        }
    }

    void number(const char *key, double &target)
    {
        field(key, [&](const json &v, const std::string &path) {
            if (!v.is_number())
                throw GeneratorError(path + " must be a number");
            target = v.get<double>();
        });
    }

    void integer(const char *key, int &target)
    {
        field(key, [&](const json &v, const std::string &path) {
            if (!v.is_number_integer())
                throw GeneratorError(path + " must be an integer");
            target = v.get<int>();
        });
    }

    template <std::size_t N>
    void mix(const char *key, const std::array<const char *, N> &labels, std::array<int, N> &weights)
    {
        field(key, [&](const json &v, const std::string &path) {
            ObjectReader inner(v, path);
            for (std::size_t i = 0; i < N; ++i)
                inner.integer(labels[i], weights[i]);
            inner.finish();
        });
    }

    void finish() const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            bool known = false;
            for (const auto &k : m_known)
                known = known || it.key() == k;
            if (!known)
                throw GeneratorError(m_where + ": unknown key \"" + it.key() + "\"");
        }
    }

private:
    const json &m_object;
    std::string m_where;
    std::vector<std::string> m_known;
};

template <std::size_t N> std::string checkMix(const char *name, const std::array<int, N> &weights)
{
    long total = 0;
    for (int w : weights) {
        if (w < 0)
            return std::string(name) + " has a negative weight";
        total += w;
    }
    return total > 0 ? std::string() : std::string(name) + " needs at least one positive weight";
}

bool isRate(double r)
{
    return r >= 0.0 && r <= 1.0; // false for NaN too
}

// One place for the JSON names of the numeric options: the defect keys are
// also the manifest's kinds.
struct DefectField {
    const char *key;
    double DefectRates::*member;
};
constexpr DefectField kDefectFields[] = {
    {"bad_email", &DefectRates::badEmail},           {"orphan_customer", &DefectRates::orphanCustomer},
    {"orphan_product", &DefectRates::orphanProduct}, {"negative_price", &DefectRates::negativePrice},
    {"duplicate_row", &DefectRates::duplicateRow},   {"future_date", &DefectRates::futureDate},
    {"total_mismatch", &DefectRates::totalMismatch},
};

struct ShapeField {
    const char *key;
    double ShopShape::*member;
};
constexpr ShapeField kShapeRateFields[] = {
    {"payment_rate", &ShopShape::paymentRate},
    {"invoice_rate", &ShopShape::invoiceRate},
    {"segment_change_rate", &ShopShape::segmentChangeRate},
    {"price_change_rate", &ShopShape::priceChangeRate},
};

} // namespace

bool DefectRates::any() const
{
    for (const auto &field : kDefectFields) {
        if (this->*field.member > 0)
            return true;
    }
    return false;
}

std::string GeneratorOptions::validationError() const
{
    if (!(scale > 0.0 && scale <= 1000.0))
        return "scale must be greater than 0 and at most 1000";
    if (!startDate.isValid() || startDate.year() < 1900 || startDate.year() > 9000)
        return "start date must be a valid date between 1900 and 9000";
    if (months < 1 || months > 120)
        return "months must be between 1 and 120";
    if (activityDays.from < 0 || (activityDays.to != -1 && activityDays.to <= activityDays.from))
        return "activity days must satisfy 0 <= from < to (to -1: the window's end)";
    for (const auto &error : {checkMix("segment mix", shape.segmentMix), checkMix("channel mix", shape.channelMix),
                              checkMix("payment method mix", shape.paymentMethodMix),
                              checkMix("status mix", shape.statusMix), checkMix("event mix", shape.eventMix)}) {
        if (!error.empty())
            return error;
    }
    for (const auto &field : kShapeRateFields) {
        if (!isRate(shape.*field.member))
            return std::string(field.key) + " must be between 0 and 1";
    }
    for (const auto &field : kDefectFields) {
        if (!isRate(defects.*field.member))
            return std::string("defect rate ") + field.key + " must be between 0 and 1";
    }
    if (!isRate(anomalies.rate) || !isRate(anomalies.productShare))
        return "anomaly rate and product share must be between 0 and 1";
    if (!(shape.eventsPerOrder >= 0.0 && shape.eventsPerOrder <= 100.0))
        return "events per order must be between 0 and 100";
    if (anomalies.minFactor < 2 || anomalies.maxFactor < anomalies.minFactor || anomalies.maxFactor > 1000)
        return "anomaly factors must satisfy 2 <= min_factor <= max_factor <= 1000";
    return {};
}

json GeneratorOptions::toJson() const
{
    json shapeJson{
        {"segment_mix", mixToJson(kSegments, shape.segmentMix)},
        {"channel_mix", mixToJson(kChannels, shape.channelMix)},
        {"payment_method_mix", mixToJson(kPaymentMethods, shape.paymentMethodMix)},
        {"status_mix", mixToJson(kStatuses, shape.statusMix)},
        {"event_mix", mixToJson(kEventTypes, shape.eventMix)},
        {"events_per_order", shape.eventsPerOrder},
        {"quantities", shape.quantities == QuantityShape::Wholesale ? "wholesale" : "retail"},
    };
    for (const auto &field : kShapeRateFields)
        shapeJson[field.key] = shape.*field.member;
    json defectsJson = json::object();
    for (const auto &field : kDefectFields)
        defectsJson[field.key] = defects.*field.member;
    json out{
        {"scale", scale},
        {"seed", seed},
        {"start_date", startDate.toString(Qt::ISODate).toStdString()},
        {"months", months},
        {"shape", shapeJson},
        {"defects", defectsJson},
        {"anomalies",
         {
             {"rate", anomalies.rate},
             {"product_share", anomalies.productShare},
             {"products", anomalies.products},
             {"min_factor", anomalies.minFactor},
             {"max_factor", anomalies.maxFactor},
         }},
    };
    if (!activityDays.whole()) // written only when set, so the specs of whole runs read as before
        out["activity_days"] = {{"from", activityDays.from}, {"to", activityDays.to}};
    return out;
}

GeneratorOptions GeneratorOptions::fromJson(const json &object)
{
    GeneratorOptions o;
    ObjectReader top(object, "synthetic");
    top.number("scale", o.scale);
    top.field("seed", [&](const json &v, const std::string &path) {
        if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
            throw GeneratorError(path + " must be a non-negative integer");
        o.seed = v.get<std::uint64_t>();
    });
    top.field("start_date", [&](const json &v, const std::string &path) {
        if (!v.is_string())
            throw GeneratorError(path + " must be a date string YYYY-MM-DD");
        o.startDate = QDate::fromString(QString::fromStdString(v.get<std::string>()), Qt::ISODate);
        if (!o.startDate.isValid())
            throw GeneratorError(path + " is not a valid date YYYY-MM-DD");
    });
    top.integer("months", o.months);
    top.field("shape", [&](const json &v, const std::string &path) {
        ObjectReader r(v, path);
        r.mix("segment_mix", kSegments, o.shape.segmentMix);
        r.mix("channel_mix", kChannels, o.shape.channelMix);
        r.mix("payment_method_mix", kPaymentMethods, o.shape.paymentMethodMix);
        r.mix("status_mix", kStatuses, o.shape.statusMix);
        r.mix("event_mix", kEventTypes, o.shape.eventMix);
        r.number("events_per_order", o.shape.eventsPerOrder);
        r.field("quantities", [&](const json &q, const std::string &where) {
            if (q == "retail")
                o.shape.quantities = QuantityShape::Retail;
            else if (q == "wholesale")
                o.shape.quantities = QuantityShape::Wholesale;
            else
                throw GeneratorError(where + " must be \"retail\" or \"wholesale\"");
        });
        for (const auto &field : kShapeRateFields)
            r.number(field.key, o.shape.*field.member);
        r.finish();
    });
    top.field("defects", [&](const json &v, const std::string &path) {
        ObjectReader r(v, path);
        for (const auto &field : kDefectFields)
            r.number(field.key, o.defects.*field.member);
        r.finish();
    });
    top.field("anomalies", [&](const json &v, const std::string &path) {
        ObjectReader r(v, path);
        r.number("rate", o.anomalies.rate);
        r.number("product_share", o.anomalies.productShare);
        r.field("products", [&](const json &list, const std::string &listPath) {
            if (!list.is_array())
                throw GeneratorError(listPath + " must be an array of SKUs");
            o.anomalies.products.clear();
            for (const auto &sku : list) {
                if (!sku.is_string())
                    throw GeneratorError(listPath + " must be an array of SKUs");
                o.anomalies.products.push_back(sku.get<std::string>());
            }
        });
        r.integer("min_factor", o.anomalies.minFactor);
        r.integer("max_factor", o.anomalies.maxFactor);
        r.finish();
    });
    top.field("activity_days", [&](const json &v, const std::string &path) {
        ObjectReader r(v, path);
        r.integer("from", o.activityDays.from);
        r.integer("to", o.activityDays.to);
        r.finish();
    });
    top.finish();
    const std::string error = o.validationError();
    if (!error.empty())
        throw GeneratorError("synthetic options: " + error);
    return o;
}

} // namespace ecomops::synthetic
