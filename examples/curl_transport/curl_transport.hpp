// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Example: an ltx::sync_transport over the libcurl easy interface, for programs that already
// link libcurl. Not part of the library; copy and adapt it.
#ifndef LTX_EXAMPLES_CURL_TRANSPORT_HPP
#define LTX_EXAMPLES_CURL_TRANSPORT_HPP

#include <ltx/http/error.hpp>
#include <ltx/http/message.hpp>
#include <ltx/http/transport.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <system_error>

namespace example {

/// A blocking HTTP/1.1 transport modelling `ltx::sync_transport`, one exchange at a time.
///
/// Honours the contract of `ltx/http/transport.hpp`: redirects are returned, not followed;
/// headers are sent as given (the library's own `Accept`, `Expect` and form `Content-Type`
/// are suppressed); file bodies are streamed; `request::sink` receives the body; failures
/// become `ltx::http::transport_errc` codes, `connection_failed` only when no connection was
/// made. The easy handle is kept between calls, so connections are reused (keep-alive).
/// A body is never replayed on a new connection behind the caller's back: if a reused
/// connection dies mid-request, the exchange fails with `connection_reset`.
/// Proxies come from the usual environment variables. Not thread-safe: one per thread.
class curl_transport {
public:
    /// Settings of a transport.
    struct options {
        /// Limit of an exchange whose `request::timeout` is zero.
        std::chrono::milliseconds default_timeout{std::chrono::minutes{5}};
        /// Largest response body buffered in memory (sunk bodies have no limit).
        std::size_t max_body_size = std::size_t{64} << 20;
    };

    /// A transport with default options. @throws std::bad_alloc when no handle can be made.
    curl_transport() : curl_transport(options{}) {}

    /// A transport with `opts`. @throws std::bad_alloc when no handle can be made.
    explicit curl_transport(options opts) : opts_(opts) {
        static const CURLcode global = curl_global_init(CURL_GLOBAL_DEFAULT);
        easy_.reset(global == CURLE_OK ? curl_easy_init() : nullptr);
        if (!easy_) {
            throw std::bad_alloc();
        }
    }

    /// Performs one exchange; on failure sets `ec` and returns an empty response.
    /// @throws whatever a sink callback throws.
    ltx::http::response send(const ltx::http::request& req, std::error_code& ec) {
        ec.clear();
        exchange x{req, opts_.max_body_size};
        std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{nullptr, &std::fclose};
        if (const auto* f = req.body.file()) {
            file.reset(std::fopen(f->path().c_str(), "rb"));
            if (!file) {
                ec.assign(errno, std::generic_category());
                return {};
            }
            x.file = file.get();
        } else {
            x.memory = *req.body.bytes();
        }
        x.remaining = req.body.size();

        CURL* h = easy_.get();
        curl_easy_reset(h); // keeps the connection cache
        std::unique_ptr<curl_slist, void (*)(curl_slist*)> list{header_list(req),
                                                                &curl_slist_free_all};
        const std::string url = req.url.to_string();
        const auto timeout = req.timeout.count() > 0 ? req.timeout : opts_.default_timeout;
        const std::string method{ltx::http::to_string(req.method)};
        curl_easy_setopt(h, CURLOPT_URL, url.c_str());
        curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, list.get());
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
        if (req.method == ltx::http::method::head) {
            curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
        } else if (req.body.empty() && req.method != ltx::http::method::post) {
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
        } else { // POST semantics (Content-Length, streamed body) under any method name
            curl_easy_setopt(h, CURLOPT_POST, 1L);
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(req.body.size()));
            curl_easy_setopt(h, CURLOPT_READFUNCTION, &on_read);
            curl_easy_setopt(h, CURLOPT_READDATA, &x);
        }

        const CURLcode rc = curl_easy_perform(h);
        if (x.exception) {
            std::rethrow_exception(x.exception);
        }
        if (rc != CURLE_OK) {
            ec = x.error ? x.error : map_error(rc, h);
            return {};
        }
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        x.res.status = static_cast<int>(status);
        return std::move(x.res);
    }

private:
    // State shared with the callbacks of one exchange.
    struct exchange {
        const ltx::http::request& req;
        std::size_t max_body;
        ltx::http::response res{};
        std::error_code error{};        // why a callback stopped the transfer
        std::exception_ptr exception{}; // thrown by a sink; must not cross C frames
        std::string_view memory{};
        std::FILE* file = nullptr;
        std::uint64_t remaining = 0;
        bool head_done = false; // trailers may end with a second empty line
    };

    // No C++ exception may unwind through the library's C frames: park it, abort the
    // transfer (a callback returning 0 does), rethrow after perform returns.
    template <class F> static std::size_t guarded(exchange& x, F&& f) noexcept {
        try {
            return f();
        } catch (...) {
            x.exception = std::current_exception();
            return 0;
        }
    }

    static curl_slist* header_list(const ltx::http::request& req) {
        curl_slist* list = nullptr;
        auto add = [&list](const std::string& line) {
            curl_slist* next = curl_slist_append(list, line.c_str());
            if (next == nullptr) {
                curl_slist_free_all(list);
                throw std::bad_alloc();
            }
            list = next;
        };
        for (const auto& f : req.headers) { // "Name;" is how an empty value is sent
            add(f.value.empty() ? f.name + ";" : f.name + ": " + f.value);
        }
        for (const char* name : {"Accept", "Expect", "Content-Type"}) {
            if (!req.headers.contains(name)) {
                add(std::string(name) + ":"); // removes the header the library would add
            }
        }
        return list;
    }

    static std::size_t on_header(char* data, std::size_t, std::size_t n, void* p) {
        auto& x = *static_cast<exchange*>(p);
        return guarded(x, [&] { return header_line(x, std::string_view{data, n}); });
    }

    static std::size_t header_line(exchange& x, std::string_view line) {
        const std::size_t n = line.size();
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
            line.remove_suffix(1);
        }
        if (line.starts_with("HTTP/")) { // a new response head: interim (1xx) or final
            x.res.headers.clear();
            const auto sp = line.find(' ');
            x.res.status = 0;
            for (std::size_t i = sp + 1; sp != line.npos && i < sp + 4 && i < line.size(); ++i) {
                x.res.status = x.res.status * 10 + (line[i] - '0');
            }
            return n;
        }
        if (line.empty()) { // end of a head; only the final one goes to the sink
            auto* sink = x.req.sink;
            if (x.res.status >= 200 && !x.head_done && sink != nullptr && sink->on_headers) {
                x.error = sink->on_headers(x.res.status, x.res.headers);
            }
            x.head_done = x.head_done || x.res.status >= 200;
            return x.error ? 0 : n;
        }
        const auto colon = line.find(':');
        const auto name = line.substr(0, colon == line.npos ? 0 : colon);
        auto value = colon == line.npos ? line : line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
            value.remove_prefix(1);
        }
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
            value.remove_suffix(1);
        }
        // Rejects obs-fold continuation lines too: their "name" starts with a space.
        if (!ltx::http::is_token(name) || !ltx::http::is_valid_field_value(value)) {
            x.error = ltx::http::transport_errc::protocol_error;
            return 0;
        }
        x.res.headers.add(name, value);
        return n;
    }

    static std::size_t on_body(char* data, std::size_t, std::size_t n, void* p) {
        auto& x = *static_cast<exchange*>(p);
        return guarded(x, [&]() -> std::size_t {
            if (auto* sink = x.req.sink) {
                x.error = sink->on_chunk(std::string_view{data, n});
                return x.error ? 0 : n;
            }
            if (n > x.max_body - x.res.body.size()) {
                x.error = ltx::http::transport_errc::body_too_large;
                return 0;
            }
            x.res.body.append(data, n);
            return n;
        });
    }

    static std::size_t on_read(char* buffer, std::size_t size, std::size_t n, void* p) {
        auto& x = *static_cast<exchange*>(p);
        const std::size_t want =
            static_cast<std::size_t>(std::min<std::uint64_t>(size * n, x.remaining));
        std::size_t got = want;
        if (x.file != nullptr) {
            got = std::fread(buffer, 1, want, x.file);
            if (got == 0 && want > 0) { // the file shrank since its size was taken
                x.error = ltx::http::transport_errc::protocol_error;
                return CURL_READFUNC_ABORT;
            }
        } else {
            std::memcpy(buffer, x.memory.data(), want);
            x.memory.remove_prefix(want);
        }
        x.remaining -= got;
        return got;
    }

    static std::error_code map_error(CURLcode rc, CURL* h) {
        using ltx::http::transport_errc;
        switch (rc) {
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
            return transport_errc::connection_failed;
        case CURLE_OPERATION_TIMEDOUT: {
            // The connect time stays 0 until a connection is made (a reused one counts).
            curl_off_t connect_us = 0;
            curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect_us);
            return connect_us == 0 ? transport_errc::connection_failed : transport_errc::timeout;
        }
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return transport_errc::tls_failure;
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_SEND_FAIL_REWIND:
            return transport_errc::connection_reset;
        case CURLE_OUT_OF_MEMORY:
            return std::make_error_code(std::errc::not_enough_memory);
        default:
            return transport_errc::protocol_error;
        }
    }

    options opts_;
    std::unique_ptr<CURL, void (*)(CURL*)> easy_{nullptr, &curl_easy_cleanup};
};

LTX_ASSERT_SYNC_TRANSPORT(curl_transport);

} // namespace example

#endif
