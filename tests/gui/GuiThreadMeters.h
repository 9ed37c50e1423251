#pragma once
// Two ways to watch the GUI thread during a run, shared by the responsiveness
// test and the GUI latency benchmark (Qt Widgets only, no Qt Test).
//
// MeteredApplication times every event the GUI thread dispatches with that
// thread's own CPU clock (CLOCK_THREAD_CPUTIME_ID). That is what our code
// controls: a handler that computes for 80 ms costs 80 ms of CPU on an idle
// and on a saturated machine alike, while waiting for a core costs none. A
// test may assert on it.
//
// LatenessProbe measures how late a 10 ms timer fires, by the wall clock.
// That is what a user feels, but it also measures the machine (another
// process holding both cores delays every tick), so only the benchmark
// prints it; no test asserts on it.
#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <vector>

namespace ecomops::test {

inline qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// The value below which `share` (0..1) of the sorted samples lie (nearest rank).
inline qint64 percentile(std::vector<qint64> sorted, double share)
{
    if (sorted.empty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = std::size_t(share * double(sorted.size() - 1) + 0.5);
    return sorted[std::min(rank, sorted.size() - 1)];
}

// A QApplication that, while recording, keeps the GUI thread's CPU time of
// every outermost event dispatch (nested sendEvent calls count in the event
// that sent them). Events of other threads pass untimed.
class MeteredApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_recording || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        const qint64 before = threadCpuNs();
        const int type = int(event->type()); // the event may not outlive its dispatch
        const char *className = receiver->metaObject()->className();
        const bool result = QApplication::notify(receiver, event);
        const qint64 spent = threadCpuNs() - before;
        --m_depth;
        m_samples.push_back(spent);
        if (spent > m_worstNs) {
            m_worstNs = spent;
            m_worstType = type;
            m_worstReceiver = QString::fromLatin1(className);
        }
        return result;
    }

    static MeteredApplication *instance() { return static_cast<MeteredApplication *>(QCoreApplication::instance()); }

    void startRecording()
    {
        m_samples.clear();
        m_worstNs = 0;
        m_worstType = 0;
        m_worstReceiver.clear();
        m_recording = true;
    }
    void stopRecording() { m_recording = false; }

    std::size_t events() const { return m_samples.size(); }
    double maxMs() const { return double(m_worstNs) / 1e6; }
    double percentileMs(double share) const { return double(percentile(m_samples, share)) / 1e6; }
    double totalMs() const
    {
        qint64 sum = 0;
        for (qint64 s : m_samples)
            sum += s;
        return double(sum) / 1e6;
    }
    // The costliest event: its QEvent::Type and the receiver's class.
    int worstType() const { return m_worstType; }
    QString worstReceiver() const { return m_worstReceiver; }

private:
    bool m_recording = false;
    int m_depth = 0;
    std::vector<qint64> m_samples;
    qint64 m_worstNs = 0;
    int m_worstType = 0;
    QString m_worstReceiver;
};

// A 10 ms timer on the GUI thread that records how late each tick fires, by
// the wall clock: the longest lateness is the longest the event loop was kept
// from its timers, by our code or by the machine.
class LatenessProbe : public QObject
{
public:
    static constexpr int kIntervalMs = 10;

    LatenessProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lateNs.push_back(std::max<qint64>(0, now - m_last - qint64(kIntervalMs) * 1000000));
            m_last = now;
        });
    }
    void start()
    {
        m_lateNs.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    std::size_t ticks() const { return m_lateNs.size(); }
    double percentileMs(double share) const { return double(percentile(m_lateNs, share)) / 1e6; }
    double maxMs() const { return percentileMs(1.0); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<qint64> m_lateNs;
};

} // namespace ecomops::test
