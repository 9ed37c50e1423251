#pragma once
// How a rule's failing rows read: the value a reason names, the record pane's
// text, and the heading that says how many of the failures are shown
// ("5 examples of 1,182").
#include "queries/QualityQueries.h"

#include <QString>

namespace ecomops::widgets::failingrowtext {

// The value a reason names: the first quoted text (`email "a@b" is not …`),
// or the word after the column (`customer_id C17 is not in customers …`,
// `order_total 12.00 is not …`), or the key a reference did not find
// (`… references unknown order 45`); empty when it names none (`x is empty`).
QString valueNamedIn(const QString &reason);
// The row's failing value: the one the rule kept, else the one its reason
// for `ruleId` names (else its first reason's).
QString failingValue(const queries::FailingRow &row, const QString &ruleId);
// The record pane: line, outcome, value, every reason, the raw record.
QString recordHtml(const queries::FailingRow &row, const QString &ruleId);

struct Shown {
    qint64 failed = 0;           // rows that failed the rule (the rule's count)
    qint64 quarantinedTotal = 0; // of them, set aside in the quarantine (each can be listed)
    qint64 quarantinedShown = 0;
    qint64 examplesShown = 0; // kept examples of rows that were not set aside
    bool capped = false;      // the view holds no more
};
QString heading(const QString &ruleId, const Shown &shown);

} // namespace ecomops::widgets::failingrowtext
