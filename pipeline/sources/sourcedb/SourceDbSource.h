#pragma once
// A snapshot of an OLTP PostgreSQL schema (options: conninfo, schema —
// "shop" by default, as `ecomops source seed` creates it). Every staged
// table whose name the schema has is copied with COPY (SELECT …) TO STDOUT
// (FORMAT csv), streamed to its file a row at a time (constant memory), all
// tables inside one REPEATABLE READ READ ONLY transaction so they agree with
// each other. Columns are matched by name; the key columns must be there,
// the others are optional (NULL when absent); columns the catalogue does not
// know are ignored and reported; timestamptz is written in UTC. The password
// is never an option of its own: libpq takes it from PGPASSWORD or .pgpass,
// or the console hands it over in memory (RunSpec::sourcePassword); errors
// are scrubbed of it.
#include "sources/SourceAdapter.h"

namespace ecomops::sources {

class SourceDbSource : public SourceAdapter
{
public:
    QString kind() const override { return QStringLiteral("sourcedb"); }
    SourceResult produce(const nlohmann::json &options, const QString &directory, StageObserver &observer,
                         CancelToken &cancel) const override;
};

} // namespace ecomops::sources
