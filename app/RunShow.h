#pragma once
// `ecomops runs show ID`: one run's record in words, with the commands that
// look further or act on it.
#include "queries/RunQueries.h"

namespace ecomops::app {

void printRunDetail(const queries::RunDetail &detail);

} // namespace ecomops::app
