// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Certificates made at test time with OpenSSL: a CA, and leaf certificates it issues (or that
// sign themselves), valid or not, for the host names and addresses a test asks for.
#ifndef LTX_TESTS_ASIO_SERVERS_CERTS_HPP
#define LTX_TESTS_ASIO_SERVERS_CERTS_HPP

#include <chrono>
#include <string>
#include <vector>

namespace ltx_test {

/// A certificate and its private key, PEM-encoded.
struct pem_identity {
    std::string cert;
    std::string key;
};

/// What a certificate says about itself.
struct cert_request {
    std::string common_name = "ltx test";
    std::vector<std::string> dns_names{};    ///< subjectAltName DNS entries
    std::vector<std::string> ip_addresses{}; ///< subjectAltName IP entries
    std::chrono::seconds not_before{-3600};  ///< relative to now
    std::chrono::seconds not_after{86400};   ///< relative to now
};

/// A self-signed CA certificate (basicConstraints CA:TRUE).
pem_identity make_ca(const std::string& common_name = "ltx test CA");

/// A leaf certificate for `req`, issued by `issuer`, or self-signed when `issuer` is null.
pem_identity make_leaf(const cert_request& req, const pem_identity* issuer);

/// The test process's one CA, made on first use (key generation is the slow part).
const pem_identity& test_ca();

/// A server's certificate chain for `req`: a leaf issued by `test_ca()` followed by the CA's
/// certificate, or, when `self_signed`, a self-signed leaf alone.
pem_identity test_chain(const cert_request& req, bool self_signed = false);

/// Writes `text` to a new file in the temporary directory; returns its path.
std::string write_temp_file(const std::string& name, const std::string& text);

} // namespace ltx_test

#endif
