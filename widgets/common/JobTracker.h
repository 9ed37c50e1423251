#pragma once
// The one way the console runs blocking work (SQL, files) off the GUI thread,
// after hotspot's JobTracker. A tracker belongs to one kind of request of one
// widget (the scorecard, the rules, a page of flags…) and owns:
//  - the generation: with Keep::Latest a newer request makes every older one
//    stale, and drop() makes all requests in flight stale (a disconnect), so
//    a result nobody asks for any more is never applied;
//  - the failure: whatever the job throws becomes a queries::QueryFailure
//    (a sentence and the detail behind it), decided in one place
//    (queries::describeFailure), and goes to `failed` instead of `done`.
// `done` and `failed` run on the context's thread; the watcher is a child of
// the context, so a context destroyed first never sees the result.
#include "queries/QueryFailure.h"

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <type_traits>
#include <utility>

namespace ecomops::widgets {

using JobFailure = queries::QueryFailure;

class JobTracker
{
public:
    enum class Keep {
        Latest, // a newer request makes older ones stale (reads of what is shown)
        Every,  // every result counts until drop() (writes, exports)
    };

    explicit JobTracker(QObject *context, Keep keep = Keep::Latest) : m_context(context), m_keep(keep) {}
    JobTracker(const JobTracker &) = delete;
    JobTracker &operator=(const JobTracker &) = delete;

    // Runs `work` on the thread pool; its result goes to done(value), or its
    // failure to failed(const JobFailure &), unless it went stale meanwhile.
    template <typename Work, typename Done, typename Failed> void run(Work &&work, Done &&done, Failed &&failed);

    // Makes every request in flight stale.
    void drop() { ++m_generation; }
    // For an answer that comes by other means (a keyring callback): a ticket
    // taken now stays current until the next run() (Keep::Latest) or drop().
    quint64 ticket() const { return m_generation; }
    bool isCurrent(quint64 ticket) const { return ticket == m_generation; }
    // Requests in flight, stale ones included (they still occupy a thread).
    bool isRunning() const { return m_running > 0; }

private:
    template <typename T> struct Outcome {
        std::optional<T> value;
        JobFailure failure;
    };
    template <typename T, typename Work> static Outcome<T> attempt(Work &work);

    QObject *m_context;
    Keep m_keep;
    quint64 m_generation = 0;
    int m_running = 0;
};

template <typename T, typename Work> JobTracker::Outcome<T> JobTracker::attempt(Work &work)
{
    Outcome<T> outcome;
    try {
        outcome.value.emplace(work());
    } catch (const std::exception &e) {
        outcome.failure = queries::describeFailure(e);
    } catch (...) {
        outcome.failure = queries::unknownFailure();
    }
    return outcome;
}

template <typename Work, typename Done, typename Failed> void JobTracker::run(Work &&work, Done &&done, Failed &&failed)
{
    using Value = std::decay_t<std::invoke_result_t<std::decay_t<Work> &>>;
    if (m_keep == Keep::Latest)
        ++m_generation;
    const quint64 generation = m_generation;
    ++m_running;
    auto *watcher = new QFutureWatcher<Outcome<Value>>(m_context);
    QObject::connect(
        watcher, &QFutureWatcherBase::finished, m_context,
        [this, watcher, generation, done = std::forward<Done>(done), failed = std::forward<Failed>(failed)]() mutable {
            watcher->deleteLater();
            --m_running;
            if (generation != m_generation)
                return; // superseded, or dropped
            Outcome<Value> outcome = watcher->result();
            if (outcome.value)
                done(std::move(*outcome.value));
            else
                failed(outcome.failure);
        });
    watcher->setFuture(QtConcurrent::run([work = std::forward<Work>(work)]() mutable { return attempt<Value>(work); }));
}

} // namespace ecomops::widgets
