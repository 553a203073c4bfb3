// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The content hash that identifies a batch input line in a journal: SHA-256, from OpenSSL's
// libcrypto (which ltx::asio links already), as 64 lowercase hex digits.
#ifndef LTX_BATCH_LINE_HASH_HPP
#define LTX_BATCH_LINE_HASH_HPP

#include <ltx/batch/journal.hpp>
#include <ltx/detail/ascii.hpp>

#include <openssl/evp.h>

#include <string>
#include <string_view>

namespace ltx::batch {

/// The SHA-256 of `text` in lowercase hex. Throws journal_error if libcrypto fails.
inline std::string line_hash(std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        throw journal_error("ltx batch: SHA-256 of an input line failed (OpenSSL EVP_Digest)");
    }
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(ltx::detail::hex_digit_lower(digest[i] >> 4));
        out.push_back(ltx::detail::hex_digit_lower(digest[i]));
    }
    return out;
}

} // namespace ltx::batch

#endif
