#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace ecomops::csv {

/// Streaming SHA-256 (OpenSSL's libcrypto, which uses the CPU's SHA
/// instructions where present). Comparable with `sha256sum`.
class Sha256
{
public:
    using Digest = std::array<std::uint8_t, 32>;

    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const void *data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    /// The digest of everything so far; more updates may follow.
    Digest digest() const;
    /// digest() as 64 lower-case hex digits.
    std::string hexDigest() const;

    static std::string hex(const Digest &digest);

private:
    struct Deleter {
        void operator()(evp_md_ctx_st *context) const noexcept;
    };
    std::unique_ptr<evp_md_ctx_st, Deleter> m_context;
};

} // namespace ecomops::csv
