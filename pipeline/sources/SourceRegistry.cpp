#include "sources/SourceAdapter.h"
#include "sources/olist/OlistSource.h"
#include "sources/sourcedb/SourceDbSource.h"
#include "sources/txnlog/TxnLogSource.h"

#include <memory>
#include <vector>

namespace ecomops::sources {
namespace {

// Every adapter the engine knows; add new ones here.
const std::vector<std::unique_ptr<SourceAdapter>> &adapters()
{
    static const std::vector<std::unique_ptr<SourceAdapter>> list = [] {
        std::vector<std::unique_ptr<SourceAdapter>> l;
        l.push_back(std::make_unique<OlistSource>());
        l.push_back(std::make_unique<TxnLogSource>());
        l.push_back(std::make_unique<SourceDbSource>());
        return l;
    }();
    return list;
}

} // namespace

const SourceAdapter *findSource(const QString &kind)
{
    for (const auto &a : adapters()) {
        if (a->kind() == kind)
            return a.get();
    }
    return nullptr;
}

} // namespace ecomops::sources
