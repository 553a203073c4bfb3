// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#include "certs.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace ltx_test {

namespace {

struct bio_free {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct x509_free {
    void operator()(X509* x) const { X509_free(x); }
};
struct pkey_free {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using bio_ptr = std::unique_ptr<BIO, bio_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;

void check(bool ok, const char* what) {
    if (!ok) {
        throw std::runtime_error(std::string("certs: ") + what);
    }
}

std::string bio_text(BIO* b) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(b, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

pkey_ptr new_key() {
    pkey_ptr key{EVP_EC_gen("P-256")};
    check(key != nullptr, "EVP_EC_gen");
    return key;
}

x509_ptr read_cert(const std::string& pem) {
    bio_ptr b{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    x509_ptr x{PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr)};
    check(x != nullptr, "PEM_read_bio_X509");
    return x;
}

pkey_ptr read_key(const std::string& pem) {
    bio_ptr b{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
    pkey_ptr k{PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, nullptr)};
    check(k != nullptr, "PEM_read_bio_PrivateKey");
    return k;
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    check(ext != nullptr, "X509V3_EXT_conf_nid");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

pem_identity make(const cert_request& req, bool ca, const pem_identity* issuer) {
    pkey_ptr key = new_key();
    x509_ptr cert{X509_new()};
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(req.not_before.count()));
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(req.not_after.count()));
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(req.common_name.c_str()), -1,
                               -1, 0);
    x509_ptr issuer_cert;
    pkey_ptr issuer_key;
    if (issuer != nullptr) {
        issuer_cert = read_cert(issuer->cert);
        issuer_key = read_key(issuer->key);
        X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer_cert.get()));
    } else {
        X509_set_issuer_name(cert.get(), name);
    }
    X509* signer = issuer_cert ? issuer_cert.get() : cert.get();
    add_ext(cert.get(), signer, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
    add_ext(cert.get(), signer, NID_key_usage,
            ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
    add_ext(cert.get(), signer, NID_subject_key_identifier, "hash");
    if (!ca) {
        add_ext(cert.get(), signer, NID_ext_key_usage, "serverAuth");
        std::string san;
        const auto add = [&san](const char* kind, const std::string& value) {
            if (!san.empty()) {
                san += ',';
            }
            san.append(kind).append(value);
        };
        for (const auto& d : req.dns_names) {
            add("DNS:", d);
        }
        for (const auto& ip : req.ip_addresses) {
            add("IP:", ip);
        }
        if (!san.empty()) {
            add_ext(cert.get(), signer, NID_subject_alt_name, san);
        }
    }
    check(X509_sign(cert.get(), issuer_key ? issuer_key.get() : key.get(), EVP_sha256()) > 0,
          "X509_sign");
    bio_ptr cb{BIO_new(BIO_s_mem())};
    PEM_write_bio_X509(cb.get(), cert.get());
    bio_ptr kb{BIO_new(BIO_s_mem())};
    PEM_write_bio_PrivateKey(kb.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return {bio_text(cb.get()), bio_text(kb.get())};
}

} // namespace

pem_identity make_ca(const std::string& common_name) {
    cert_request req;
    req.common_name = common_name;
    return make(req, true, nullptr);
}

pem_identity make_leaf(const cert_request& req, const pem_identity* issuer) {
    return make(req, false, issuer);
}

const pem_identity& test_ca() {
    static const auto ca = make_ca();
    return ca;
}

pem_identity test_chain(const cert_request& req, bool self_signed) {
    const auto leaf = make_leaf(req, self_signed ? nullptr : &test_ca());
    return {leaf.cert + (self_signed ? "" : test_ca().cert), leaf.key};
}

std::string write_temp_file(const std::string& name, const std::string& text) {
    static std::atomic<int> counter{0};
    const auto path =
        std::filesystem::temp_directory_path() /
        ("ltx-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
    std::ofstream out{path, std::ios::binary};
    out << text;
    return path.string();
}

} // namespace ltx_test
