#pragma once
// The generator's own randomness: xoshiro256** seeded through splitmix64,
// and distribution code written here, because std:: distributions differ
// between standard libraries and the same seed must give the same bytes
// everywhere. Doubles only pick shapes; they never touch money.
#include <cstdint>
#include <vector>

namespace ecomops::synthetic {

inline std::uint64_t splitmix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Rng
{
public:
    // One independent stream per purpose, so that planting defects never
    // shifts the clean data drawn from the other streams.
    Rng(std::uint64_t seed, std::uint64_t stream)
    {
        std::uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
        for (auto &word : m_s)
            word = splitmix64(state);
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, n) by multiply-shift (bias below 2^-40 for our n).
    std::uint64_t below(std::uint64_t n)
    {
        __extension__ typedef unsigned __int128 U128;
        return static_cast<std::uint64_t>((U128(next()) * n) >> 64);
    }
    // Uniform in [lo, hi], inclusive.
    std::int64_t between(std::int64_t lo, std::int64_t hi)
    {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return uniform() < p; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t m_s[4];
};

// A pick among a few outcomes with integer weights (percentages, usually).
class Mix
{
public:
    Mix() = default;
    template <typename Weights> explicit Mix(const Weights &weights)
    {
        std::uint64_t total = 0;
        for (auto w : weights) {
            total += static_cast<std::uint64_t>(w > 0 ? w : 0);
            m_cumulative.push_back(total);
        }
    }
    int pick(Rng &rng) const
    {
        const std::uint64_t r = rng.below(m_cumulative.back());
        int i = 0;
        while (m_cumulative[static_cast<std::size_t>(i)] <= r)
            ++i;
        return i;
    }

private:
    std::vector<std::uint64_t> m_cumulative;
};

// Walker/Vose alias table: O(1) weighted picks among many outcomes
// (customers, products).
class AliasTable
{
public:
    AliasTable() = default;
    explicit AliasTable(const std::vector<double> &weights);
    std::uint32_t pick(Rng &rng) const
    {
        const auto i = static_cast<std::uint32_t>(rng.below(m_probability.size()));
        return rng.uniform() < m_probability[i] ? i : m_alias[i];
    }
    std::size_t size() const { return m_probability.size(); }

private:
    std::vector<double> m_probability;
    std::vector<std::uint32_t> m_alias;
};

// Splits `total` into parts proportional to `weights`, exactly, by largest
// remainder (ties to the lower index).
std::vector<std::uint64_t> apportion(std::uint64_t total, const std::vector<double> &weights);

} // namespace ecomops::synthetic
