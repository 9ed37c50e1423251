#pragma once
// What the GUI suites need again and again: a dark desktop palette (colours
// must follow it) and a warehouse filled by a synthetic shop run through the
// same RunExecution the console uses, quietly, its log kept for a failure.
#include "SyntheticRun.h"
#include "sources/synthetic/GeneratorOptions.h"

#include <QColor>
#include <QPalette>

namespace ecomops::test {

inline QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2c, 0x30), base(0x1f, 0x20, 0x23), text(0xe8, 0xe8, 0xea), muted(0x8a, 0x8c, 0x93);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x28, 0x2c));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x36, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xf6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Disabled, QPalette::WindowText, muted);
    p.setColor(QPalette::Disabled, QPalette::Text, muted);
    return p;
}

// A synthetic shop run into the database at `conninfo`, staged under
// `stagingDir`: every kind of defect at `defectRate`, or the generator's
// default rates when it is negative.
inline ShopRun runSyntheticShop(const QString &conninfo, const QString &stagingDir, double scale, quint64 seed,
                                double defectRate, const QString &startedBy)
{
    synthetic::GeneratorOptions generator;
    generator.scale = scale;
    generator.seed = seed;
    if (defectRate >= 0) {
        const double r = defectRate;
        generator.defects = {r, r, r, r, r, r, r};
    }
    return runQuietly(conninfo, syntheticRunSpec(stagingDir, generator, startedBy));
}

} // namespace ecomops::test
