#pragma once
// Private to the rule catalogue: every rule, defined once. ruleCatalog()
// builds it on first use; everything else reads it through RuleCatalog.h.
#include "quality/RuleCatalog.h"

#include <vector>

namespace ecomops::quality {

std::vector<Rule> defineRules();

} // namespace ecomops::quality
