#include "anomalies/DetectorSettings.h"

#include <QSettings>

#include <nlohmann/json.hpp>

namespace ecomops::widgets::detectorsettings {

namespace {

const QString kKey = QStringLiteral("detector/anomalies");

} // namespace

anomalies::AnomalyOptions load()
{
    const QString text = QSettings().value(kKey).toString();
    if (text.isEmpty())
        return {};
    try {
        return anomalies::AnomalyOptions::fromJson(nlohmann::json::parse(text.toStdString()));
    } catch (const std::exception &) {
        return {};
    }
}

void save(const anomalies::AnomalyOptions &options)
{
    QSettings().setValue(kKey, QString::fromStdString(options.toJson().dump()));
}

} // namespace ecomops::widgets::detectorsettings
