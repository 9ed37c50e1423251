#pragma once
// Sort arrows that point the way the rows run: ▲ ascending (smallest first),
// ▼ descending (newest, largest first). QHeaderView hands the style
// SortDown for an ascending order, so Fusion draws them the other way round.
class QHeaderView;

namespace ecomops::widgets {

void useConventionalSortArrows(QHeaderView *header);

} // namespace ecomops::widgets
