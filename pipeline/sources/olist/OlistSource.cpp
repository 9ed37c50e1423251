#include "sources/olist/OlistSource.h"

#include "sources/olist/OlistImport.h"

namespace ecomops::sources {

SourceResult OlistSource::produce(const nlohmann::json &options, const QString &directory, StageObserver &observer,
                                  CancelToken &cancel) const
{
    return olist::OlistImport(options, directory, observer, cancel).run();
}

} // namespace ecomops::sources
