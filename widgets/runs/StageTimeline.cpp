#include "runs/StageTimeline.h"

#include "common/Theme.h"

#include <QPainter>
#include <QPainterPath>

namespace ecomops::widgets {
namespace {

constexpr qreal kNode = 24.0;

} // namespace

StageTimeline::StageTimeline(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    updateAccessibleText();
}

QSize StageTimeline::sizeHint() const
{
    return {560, minimumSizeHint().height()};
}

QSize StageTimeline::minimumSizeHint() const
{
    return {320, int(kNode) + 2 * fontMetrics().height() + 18};
}

void StageTimeline::reset()
{
    m_steps = {};
    m_current = -1;
    m_over = false;
    updateAccessibleText();
    update();
}

void StageTimeline::start()
{
    reset();
    m_clock.start();
    advanceTo(0);
}

void StageTimeline::stageSeen(const QString &engineStage)
{
    const int step = runStepOf(engineStage);
    if (step > m_current)
        advanceTo(step);
}

void StageTimeline::advanceTo(int step)
{
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    for (int i = 0; i < step; ++i) {
        Step &s = m_steps[std::size_t(i)];
        if (s.state == StepState::Active || s.state == StepState::Pending) {
            s.durationMs = s.startedMs >= 0 ? now - s.startedMs : -1;
            s.state = StepState::Done;
        }
    }
    Step &current = m_steps[std::size_t(step)];
    if (current.state != StepState::Active)
        current.startedMs = now;
    current.state = StepState::Active;
    m_current = step;
    updateAccessibleText();
    update();
}

void StageTimeline::finish(runner::RunStatus status)
{
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    m_over = true;
    if (status == runner::RunStatus::Succeeded) {
        advanceTo(runStepCount - 1);
        Step &last = m_steps.back();
        last.state = StepState::Done;
        last.durationMs = now - last.startedMs;
    } else if (m_current >= 0) {
        Step &s = m_steps[std::size_t(m_current)];
        s.state = status == runner::RunStatus::Cancelled ? StepState::Cancelled : StepState::Failed;
        s.durationMs = s.startedMs >= 0 ? now - s.startedMs : -1;
    }
    updateAccessibleText();
    update();
}

void StageTimeline::updateAccessibleText()
{
    QStringList parts;
    for (int i = 0; i < runStepCount; ++i) {
        const Step &s = m_steps[std::size_t(i)];
        QString state;
        switch (s.state) {
        case StepState::Pending:
            state = tr("pending");
            break;
        case StepState::Active:
            state = tr("in progress");
            break;
        case StepState::Done:
            state = tr("done");
            break;
        case StepState::Failed:
            state = tr("failed");
            break;
        case StepState::Cancelled:
            state = tr("cancelled");
            break;
        }
        parts << tr("%1: %2").arg(RunText::step(RunStep(i)), state);
    }
    setAccessibleName(tr("Run stages"));
    setAccessibleDescription(parts.join(QStringLiteral("; ")));
    setToolTip(parts.join(QLatin1Char('\n')));
}

void StageTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor muted = theme::mutedText(pal, QPalette::Window);
    const QColor line = theme::separator(pal);
    const qreal slot = qreal(width()) / runStepCount;
    const qreal cy = 6 + kNode / 2;

    // The connectors first, so the nodes sit on top of them.
    for (int i = 0; i + 1 < runStepCount; ++i) {
        const Step &s = m_steps[std::size_t(i)];
        const bool done = s.state == StepState::Done;
        p.setPen(QPen(done ? toneColor(Tone::Good, pal) : line, 2.0, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(slot * (i + 0.5) + kNode / 2 + 6, cy), QPointF(slot * (i + 1.5) - kNode / 2 - 6, cy));
    }

    QFont label = font();
    QFont small = theme::scaledFont(font(), 0.88);
    for (int i = 0; i < runStepCount; ++i) {
        const Step &s = m_steps[std::size_t(i)];
        const QPointF centre(slot * (i + 0.5), cy);
        const QRectF node(centre.x() - kNode / 2, centre.y() - kNode / 2, kNode, kNode);
        QColor color;
        switch (s.state) {
        case StepState::Pending:
            color = muted;
            break;
        case StepState::Active:
            color = toneColor(Tone::Active, pal);
            break;
        case StepState::Done:
            color = toneColor(Tone::Good, pal);
            break;
        case StepState::Failed:
            color = toneColor(Tone::Bad, pal);
            break;
        case StepState::Cancelled:
            color = toneColor(Tone::Warning, pal);
            break;
        }

        if (s.state == StepState::Pending) {
            p.setPen(QPen(line, 2));
            p.setBrush(pal.color(QPalette::Base));
            p.drawEllipse(node);
            p.setPen(muted);
            p.setFont(small);
            p.drawText(node, Qt::AlignCenter, QString::number(i + 1));
        } else {
            if (s.state == StepState::Active) {
                QColor halo = color;
                halo.setAlphaF(0.20f);
                p.setPen(Qt::NoPen);
                p.setBrush(halo);
                p.drawEllipse(node.adjusted(-5, -5, 5, 5));
            }
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawEllipse(node);
            const QPen mark(pal.color(QPalette::Base), 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            p.setPen(mark);
            p.setBrush(Qt::NoBrush);
            const QPointF c = node.center();
            switch (s.state) {
            case StepState::Done:
                p.drawPolyline(QPolygonF({c + QPointF(-5, 0.5), c + QPointF(-1.5, 4), c + QPointF(5.5, -3.5)}));
                break;
            case StepState::Failed:
                p.drawLine(c + QPointF(-4, -4), c + QPointF(4, 4));
                p.drawLine(c + QPointF(-4, 4), c + QPointF(4, -4));
                break;
            case StepState::Cancelled:
                p.drawLine(c + QPointF(-4.5, 0), c + QPointF(4.5, 0));
                break;
            default:
                p.setPen(Qt::NoPen);
                p.setBrush(pal.color(QPalette::Base));
                p.drawEllipse(c, 4, 4);
                break;
            }
        }

        const QRectF textArea(slot * i, node.bottom() + 6, slot, height() - node.bottom() - 6);
        QFont title = label;
        title.setWeight(s.state == StepState::Active ? QFont::DemiBold : QFont::Normal);
        p.setFont(title);
        p.setPen(s.state == StepState::Pending ? muted : pal.color(QPalette::WindowText));
        const QFontMetricsF fm(title);
        p.drawText(QRectF(textArea.left(), textArea.top(), textArea.width(), fm.height()),
                   Qt::AlignHCenter | Qt::AlignTop, RunText::step(RunStep(i)));

        QString detail;
        if (s.state == StepState::Active)
            detail = tr("in progress");
        else if (s.durationMs >= 0)
            detail = RunText::duration(s.durationMs);
        else if (s.state == StepState::Pending)
            detail = m_over ? tr("not reached") : tr("waiting");
        else
            detail = QStringLiteral("—"); // passed without reporting
        if (!detail.isEmpty()) {
            p.setFont(small);
            p.setPen(s.state == StepState::Active ? color : muted);
            p.drawText(QRectF(textArea.left(), textArea.top() + fm.height(), textArea.width(), fm.height()),
                       Qt::AlignHCenter | Qt::AlignTop, detail);
        }
    }
}

} // namespace ecomops::widgets
