#include "core/Utf8.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace ecomops {

std::size_t firstInvalidUtf8(std::string_view text) noexcept
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        if (i + 8 <= n) {
            std::uint64_t chunk;
            std::memcpy(&chunk, s + i, 8);
            if ((chunk & 0x8080808080808080ULL) == 0) {
                // Still must refuse NUL bytes.
                if (((chunk - 0x0101010101010101ULL) & ~chunk & 0x8080808080808080ULL) == 0) {
                    i += 8;
                    continue;
                }
            }
        }
        const unsigned char c = s[i];
        if (c == 0)
            return i;
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else
            return i;
        if (i + len > n)
            return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string showInvalidBytes(std::string_view text)
{
    std::string shown;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t bad = firstInvalidUtf8(text.substr(i));
        if (bad == std::string_view::npos) {
            shown.append(text.substr(i));
            break;
        }
        shown.append(text.substr(i, bad));
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(text[i + bad]));
        shown += hex;
        i += bad + 1;
    }
    return shown;
}

std::string safeDump(const nlohmann::json &json, int indent)
{
    return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace ecomops
