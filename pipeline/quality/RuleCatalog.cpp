#include "quality/RuleCatalog.h"

#include "core/EnumNames.h"

#include "quality/RuleDefinitions.h"

namespace ecomops::quality {

namespace {
constexpr EnumName<Check> kCheckNames[] = {{Check::Present, "present"},
                                           {Check::Parses, "parses"},
                                           {Check::Email, "email"},
                                           {Check::CountryFormat, "country_format"},
                                           {Check::CountryCode, "country_code"},
                                           {Check::Phone, "phone"},
                                           {Check::ProductCode, "product_code"},
                                           {Check::Cents, "cents"},
                                           {Check::InSet, "in_set"},
                                           {Check::NotNegative, "not_negative"},
                                           {Check::NotZero, "not_zero"},
                                           {Check::QuantitySign, "quantity_sign"},
                                           {Check::NotFuture, "not_future"},
                                           {Check::InWindow, "in_window"},
                                           {Check::OrderTotal, "order_total"},
                                           {Check::LineTotal, "line_total"},
                                           {Check::NotBeforeColumn, "not_before_column"},
                                           {Check::Unique, "unique"},
                                           {Check::Reference, "reference"},
                                           {Check::ParentAccepted, "parent_accepted"},
                                           {Check::SubtotalMatchesLines, "subtotal_matches_lines"},
                                           {Check::NotBeforeParent, "not_before_parent"},
                                           {Check::PriceInRange, "price_in_range"},
                                           {Check::WellFormedCsv, "well_formed_csv"},
                                           {Check::Utf8, "utf8"},
                                           {Check::SnapshotFresh, "snapshot_fresh"},
                                           {Check::TransformResolves, "transform_resolves"},
                                           {Check::TransformRequired, "transform_required"},
                                           {Check::TransformType, "transform_type"},
                                           {Check::TransformUnique, "transform_unique"},
                                           {Check::TransformPrice, "transform_price"}};
} // namespace

const char *toString(Check check)
{
    return enumName(kCheckNames, check, "");
}

namespace {
constexpr EnumName<RuleKind> kKindNames[] = {{RuleKind::Row, "row"},
                                             {RuleKind::Set, "set"},
                                             {RuleKind::Load, "load"},
                                             {RuleKind::Snapshot, "snapshot"},
                                             {RuleKind::Transform, "transform"}};
} // namespace

const char *toString(RuleKind kind)
{
    return enumName(kKindNames, kind, "");
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
