#include "core/Cancellation.h"

namespace ecomops {

void CancelToken::cancel()
{
    // Interrupters run under the lock so none can outlive its registration
    // (which would leave a libpq cancel handle dangling).
    std::lock_guard lock(m_mutex);
    if (m_cancelled.exchange(true))
        return;
    for (const auto &entry : m_interrupters)
        entry.second();
}

CancelToken::Registration CancelToken::onCancel(Interrupter interrupter)
{
    int id;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        if (!m_cancelled)
            m_interrupters.emplace_back(id, interrupter);
    }
    if (isCancelled())
        interrupter();
    return Registration(*this, id);
}

CancelToken::Registration::~Registration()
{
    if (!m_token)
        return;
    std::lock_guard lock(m_token->m_mutex);
    auto &list = m_token->m_interrupters;
    for (auto it = list.begin(); it != list.end(); ++it) {
        if (it->first == m_id) {
            list.erase(it);
            break;
        }
    }
}

} // namespace ecomops
