#include "sources/common/ImportSupport.h"

#include "sources/SourceAdapter.h"

#include <algorithm>

namespace ecomops::sources {

std::string textOption(const nlohmann::json &options, const char *key, const std::string &fallback)
{
    const auto it = options.find(key);
    if (it == options.end() || it->is_null())
        return fallback;
    return it->is_string() ? it->get<std::string>() : it->dump();
}

QString pathOption(const nlohmann::json &options, const char *kind)
{
    const std::string path = textOption(options, "path", std::string());
    if (path.empty())
        throw SourceError(std::string("the ") + kind + " source needs a path (--path)");
    return QString::fromStdString(path);
}

std::string money(Decimal value)
{
    return value.toString(value.isExactAt(2) ? 2 : Decimal::kScale);
}

std::vector<PricePoint> priceChanges(std::vector<PricePoint> observations)
{
    std::sort(observations.begin(), observations.end(),
              [](const PricePoint &a, const PricePoint &b) { return a.ts != b.ts ? a.ts < b.ts : a.price < b.price; });
    std::vector<PricePoint> points;
    for (PricePoint &p : observations) {
        if (!points.empty() && (p.price == points.back().price || p.ts == points.back().ts))
            continue;
        points.push_back(std::move(p));
    }
    return points;
}

void throwIfCancelled(const StageObserver &observer, const CancelToken &cancel)
{
    if (cancel.isCancelled() || observer.cancelRequested())
        throw CancelledError();
}

} // namespace ecomops::sources
