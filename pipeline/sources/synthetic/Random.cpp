#include "sources/synthetic/Random.h"

#include <algorithm>
#include <numeric>

namespace ecomops::synthetic {

AliasTable::AliasTable(const std::vector<double> &weights)
{
    const std::size_t n = weights.size();
    m_probability.assign(n, 1.0);
    m_alias.resize(n);
    std::iota(m_alias.begin(), m_alias.end(), std::uint32_t(0));
    if (n == 0)
        return;
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small;
    std::vector<std::uint32_t> large;
    for (std::size_t i = 0; i < n; ++i) {
        scaled[i] = weights[i] * static_cast<double>(n) / sum;
        (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
        const std::uint32_t s = small.back();
        small.pop_back();
        const std::uint32_t l = large.back();
        m_probability[s] = scaled[s];
        m_alias[s] = l;
        scaled[l] = (scaled[l] + scaled[s]) - 1.0;
        if (scaled[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    // Leftovers are 1 up to rounding.
    for (auto i : small)
        m_probability[i] = 1.0;
    for (auto i : large)
        m_probability[i] = 1.0;
}

std::vector<std::uint64_t> apportion(std::uint64_t total, const std::vector<double> &weights)
{
    const std::size_t n = weights.size();
    std::vector<std::uint64_t> parts(n, 0);
    if (n == 0)
        return parts;
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<double> remainder(n);
    std::uint64_t given = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double exact = static_cast<double>(total) * weights[i] / sum;
        parts[i] = static_cast<std::uint64_t>(exact);
        remainder[i] = exact - static_cast<double>(parts[i]);
        given += parts[i];
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
    for (std::size_t k = 0; given < total; k = (k + 1) % n, ++given)
        ++parts[order[k]];
    while (given > total) { // only if rounding overshot
        for (std::size_t k = n; k-- > 0 && given > total;) {
            if (parts[order[k]] > 0) {
                --parts[order[k]];
                --given;
            }
        }
    }
    return parts;
}

} // namespace ecomops::synthetic
