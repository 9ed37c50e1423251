#pragma once
// Cancel = an atomic flag checked between batches, plus interrupters that
// stop whatever blocks right now (a COPY or a statement in flight) through
// libpq's cancel request, which is safe from another thread.
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace ecomops {

class CancelledError : public std::runtime_error
{
public:
    CancelledError() : std::runtime_error("cancelled") {}
};

class CancelToken
{
public:
    using Interrupter = std::function<void()>;

    bool isCancelled() const noexcept { return m_cancelled.load(std::memory_order_relaxed); }
    const std::atomic<bool> *flag() const noexcept { return &m_cancelled; }
    void throwIfCancelled() const
    {
        if (isCancelled())
            throw CancelledError();
    }
    void cancel(); // any thread

    // Registers an interrupter for the lifetime of the returned guard. If the
    // token is already cancelled, the interrupter runs at once.
    class Registration
    {
    public:
        Registration(CancelToken &token, int id) : m_token(&token), m_id(id) {}
        Registration(Registration &&o) noexcept : m_token(o.m_token), m_id(o.m_id) { o.m_token = nullptr; }
        Registration(const Registration &) = delete;
        Registration &operator=(const Registration &) = delete;
        ~Registration();

    private:
        CancelToken *m_token;
        int m_id;
    };
    [[nodiscard]] Registration onCancel(Interrupter interrupter);

private:
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;
    int m_nextId = 1;
    std::vector<std::pair<int, Interrupter>> m_interrupters;
};

} // namespace ecomops
