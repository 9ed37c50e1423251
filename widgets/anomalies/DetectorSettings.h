#pragma once
// The console's detector settings (method, k, min σ, min history), kept in
// the console's settings as the "anomalies" section of a run spec (JSON).
// Nothing saved: the defaults (AnomalyOptions{}). A saved section that no
// longer parses (hand-edited, an older build) falls back to the defaults.
#include "anomalies/AnomalyOptions.h"

namespace ecomops::widgets::detectorsettings {

anomalies::AnomalyOptions load();
void save(const anomalies::AnomalyOptions &options);

} // namespace ecomops::widgets::detectorsettings
