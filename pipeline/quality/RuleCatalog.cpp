#include "quality/RuleCatalog.h"

#include "quality/RuleDefinitions.h"

namespace ecomops::quality {

const char *toString(Check check)
{
    switch (check) {
    case Check::Present:
        return "present";
    case Check::Parses:
        return "parses";
    case Check::Email:
        return "email";
    case Check::CountryFormat:
        return "country_format";
    case Check::CountryCode:
        return "country_code";
    case Check::Phone:
        return "phone";
    case Check::ProductCode:
        return "product_code";
    case Check::Cents:
        return "cents";
    case Check::InSet:
        return "in_set";
    case Check::NotNegative:
        return "not_negative";
    case Check::NotZero:
        return "not_zero";
    case Check::QuantitySign:
        return "quantity_sign";
    case Check::NotFuture:
        return "not_future";
    case Check::InWindow:
        return "in_window";
    case Check::OrderTotal:
        return "order_total";
    case Check::LineTotal:
        return "line_total";
    case Check::NotBeforeColumn:
        return "not_before_column";
    case Check::Unique:
        return "unique";
    case Check::Reference:
        return "reference";
    case Check::ParentAccepted:
        return "parent_accepted";
    case Check::SubtotalMatchesLines:
        return "subtotal_matches_lines";
    case Check::NotBeforeParent:
        return "not_before_parent";
    case Check::PriceInRange:
        return "price_in_range";
    case Check::WellFormedCsv:
        return "well_formed_csv";
    case Check::Utf8:
        return "utf8";
    case Check::SnapshotFresh:
        return "snapshot_fresh";
    case Check::TransformResolves:
        return "transform_resolves";
    case Check::TransformRequired:
        return "transform_required";
    case Check::TransformType:
        return "transform_type";
    case Check::TransformUnique:
        return "transform_unique";
    case Check::TransformPrice:
        return "transform_price";
    }
    return "";
}

const char *toString(RuleKind kind)
{
    switch (kind) {
    case RuleKind::Row:
        return "row";
    case RuleKind::Set:
        return "set";
    case RuleKind::Load:
        return "load";
    case RuleKind::Snapshot:
        return "snapshot";
    case RuleKind::Transform:
        return "transform";
    }
    return "";
}

RuleKind kindOf(Check check)
{
    switch (check) {
    case Check::Unique:
    case Check::Reference:
    case Check::ParentAccepted:
    case Check::SubtotalMatchesLines:
    case Check::NotBeforeParent:
    case Check::PriceInRange:
        return RuleKind::Set;
    case Check::WellFormedCsv:
    case Check::Utf8:
        return RuleKind::Load;
    case Check::SnapshotFresh:
        return RuleKind::Snapshot;
    case Check::TransformResolves:
    case Check::TransformRequired:
    case Check::TransformType:
    case Check::TransformUnique:
    case Check::TransformPrice:
        return RuleKind::Transform;
    default:
        return RuleKind::Row;
    }
}

const std::vector<Rule> &ruleCatalog()
{
    static const std::vector<Rule> rules = defineRules();
    return rules;
}

const Rule *findRule(std::string_view id)
{
    for (const Rule &r : ruleCatalog()) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

std::string normalizedDomainValue(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == ' ' || c == '-' || c == '_')
            c = '_';
        else if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        out.push_back(c);
    }
    return out;
}

} // namespace ecomops::quality
