#include "quality/FailingRowText.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

namespace ecomops::widgets::failingrowtext {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FailingRows", text);
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

QString valueNamedIn(const QString &reason)
{
    static const QRegularExpression quoted(QStringLiteral("\"([^\"]*)\"?"));
    static const QRegularExpression named(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]* (\\S+) (is|names) "));
    static const QRegularExpression unknown(QStringLiteral(" references unknown \\S+ (\\S+)$"));
    const QRegularExpressionMatch q = quoted.match(reason);
    if (q.hasMatch())
        return q.captured(1);
    const QRegularExpressionMatch n = named.match(reason);
    if (n.hasMatch())
        return n.captured(1);
    const QRegularExpressionMatch u = unknown.match(reason); // "line 2 of order 45 references unknown order 45"
    return u.hasMatch() ? u.captured(1) : QString();
}

QString failingValue(const queries::FailingRow &row, const QString &ruleId)
{
    if (!row.value.isEmpty() || row.reasons.isEmpty())
        return row.value;
    const qsizetype i = row.ruleIds.indexOf(ruleId);
    return valueNamedIn(row.reasons.at(i >= 0 && i < row.reasons.size() ? i : 0));
}

QString recordHtml(const queries::FailingRow &f, const QString &ruleId)
{
    QString html =
        QStringLiteral("<p><b>") +
        (f.sourceLine > 0 ? tr("Line %1").arg(f.sourceLine) : tr("The snapshot as a whole")) +
        QStringLiteral("</b> · ") +
        (f.quarantined ? tr("quarantined at the %1 stage").arg(f.stage) : tr("loaded; the rule only counts it")) +
        QStringLiteral("</p>");
    const QString value = failingValue(f, ruleId);
    if (!value.isEmpty())
        html += QStringLiteral("<p>") + tr("Failing value: <code>%1</code>").arg(value.toHtmlEscaped()) +
                QStringLiteral("</p>");
    html += QStringLiteral("<p><b>") + tr("Every reason") + QStringLiteral("</b></p><ul>");
    for (int i = 0; i < f.reasons.size(); ++i) {
        html += QStringLiteral("<li>") + f.reasons.at(i).toHtmlEscaped();
        if (i < f.ruleIds.size() && !f.ruleIds.at(i).isEmpty())
            html += QStringLiteral(" <i>(") + f.ruleIds.at(i).toHtmlEscaped() + QStringLiteral(")</i>");
        html += QStringLiteral("</li>");
    }
    html += QStringLiteral("</ul><p><b>") + tr("Raw record") + QStringLiteral("</b></p><pre>") +
            f.rawRecord.toHtmlEscaped() + QStringLiteral("</pre>");
    return html;
}

QString heading(const QString &ruleId, const Shown &s)
{
    if (s.failed == 0)
        return tr("No row failed %1").arg(ruleId);
    const qint64 shown = s.quarantinedShown + s.examplesShown;
    if (shown >= s.failed)
        return tr("Rows that failed %1 (%2)").arg(ruleId, number(s.failed));
    if (s.quarantinedTotal == 0) // a rule that counts: only its examples were kept
        return tr("%1 examples of %2 rows that failed %3 (the rule counts rows without setting them aside; it keeps "
                  "examples only)")
            .arg(number(shown), number(s.failed), ruleId);
    QString text = tr("%1 of %2 rows that failed %3").arg(number(shown), number(s.failed), ruleId);
    if (s.capped)
        text += QStringLiteral(" ") + tr("(the most this view holds; Export writes them all)");
    else if (s.quarantinedShown < s.quarantinedTotal)
        text += QStringLiteral(" ") +
                tr("(%1 more set aside can be loaded)").arg(number(s.quarantinedTotal - s.quarantinedShown));
    return text;
}

} // namespace ecomops::widgets::failingrowtext
