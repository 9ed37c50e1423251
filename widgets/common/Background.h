#pragma once
// Runs blocking work (SQL, files, the pipeline) on the global thread pool and
// hands its result to `done` on the context object's thread. The watcher is a
// child of the context, so a context destroyed first never sees the result.
// `work` must not throw: turn failures into its result.
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace ecomops::widgets {

template <typename Work, typename Done> void runInBackground(QObject *context, Work &&work, Done &&done)
{
    using Result = std::invoke_result_t<std::decay_t<Work>>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(std::forward<Work>(work)));
}

} // namespace ecomops::widgets
