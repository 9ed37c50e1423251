#include "csv/Sha256.h"

#include "csv/Format.h"

#include <openssl/evp.h>

namespace ecomops::csv {

void Sha256::Deleter::operator()(evp_md_ctx_st *context) const noexcept
{
    EVP_MD_CTX_free(context);
}

Sha256::Sha256() : m_context(EVP_MD_CTX_new())
{
    if (!m_context || EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) != 1)
        throw Error("cannot initialise SHA-256");
}

Sha256::~Sha256() = default;

void Sha256::update(const void *data, std::size_t size)
{
    if (size != 0)
        EVP_DigestUpdate(m_context.get(), data, size);
}

Sha256::Digest Sha256::digest() const
{
    const std::unique_ptr<evp_md_ctx_st, Deleter> copy(EVP_MD_CTX_new());
    Digest digest{};
    unsigned int length = 0;
    if (!copy || EVP_MD_CTX_copy_ex(copy.get(), m_context.get()) != 1 ||
        EVP_DigestFinal_ex(copy.get(), digest.data(), &length) != 1 || length != digest.size())
        throw Error("cannot compute SHA-256");
    return digest;
}

std::string Sha256::hexDigest() const
{
    return hex(digest());
}

std::string Sha256::hex(const Digest &digest)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text(digest.size() * 2, '0');
    for (std::size_t i = 0; i < digest.size(); ++i) {
        text[2 * i] = kDigits[digest[i] >> 4];
        text[2 * i + 1] = kDigits[digest[i] & 0x0F];
    }
    return text;
}

} // namespace ecomops::csv
