// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
#ifndef LTX_TESTING_IMPL_MOCK_TRANSPORT_IPP
#define LTX_TESTING_IMPL_MOCK_TRANSPORT_IPP

#include <ltx/testing/mock_transport.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <utility>

namespace ltx::testing {

namespace detail {

class mock_category_impl final : public std::error_category {
public:
    const char* name() const noexcept override { return "ltx.mock"; }

    std::string message(int ev) const override {
        switch (static_cast<mock_errc>(ev)) {
        case mock_errc::script_exhausted:
            return "mock transport: no scripted step left";
        case mock_errc::unexpected_request:
            return "mock transport: request does not match the scripted step";
        }
        return "mock transport: unknown error";
    }
};

// Reads at most `size` bytes, as a transport sends at most the announced Content-Length.
inline std::error_code read_file_body(const http::file_body& file, std::string& out) {
    std::ifstream in(file.path(), std::ios::binary);
    if (!in) {
        return std::make_error_code(std::errc::no_such_file_or_directory);
    }
    out.resize(static_cast<std::size_t>(file.size()));
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    if (static_cast<std::uint64_t>(in.gcount()) != file.size()) {
        out.resize(static_cast<std::size_t>(in.gcount()));
        return http::transport_errc::protocol_error;
    }
    return {};
}

} // namespace detail

LTX_DECL const std::error_category& mock_category() noexcept {
    static const detail::mock_category_impl category;
    return category;
}

LTX_DECL mock_step& mock_transport::expect(http::method m, std::string url_contains) {
    mock_step step;
    step.method = m;
    step.url_contains = std::move(url_contains);
    return push(std::move(step));
}

LTX_DECL mock_step& mock_transport::expect_any() {
    return push(mock_step{});
}

LTX_DECL mock_step& mock_transport::push(mock_step step) {
    // A deque keeps references to its elements valid across push_back, so the returned
    // step can be chained on after later steps are added.
    script_.push_back(std::move(step));
    return script_.back();
}

LTX_DECL void mock_transport::set_chunk_size(std::size_t n) {
    if (n == 0) {
        throw std::invalid_argument("ltx::testing::mock_transport: chunk size must be positive");
    }
    chunk_size_ = n;
}

LTX_DECL mock_transport::exchange mock_transport::begin(const http::request& req) {
    recorded_request rec;
    rec.method = req.method;
    rec.url = req.url.to_string();
    rec.headers = req.headers;
    rec.timeout = req.timeout;
    rec.had_sink = req.sink != nullptr;
    exchange ex;
    if (const auto* file = req.body.file()) {
        rec.file_body = true;
        ex.error = detail::read_file_body(*file, rec.body);
    } else {
        rec.body = *req.body.bytes();
    }
    requests_.push_back(std::move(rec));
    if (ex.error) {
        return ex;
    }
    const recorded_request& got = requests_.back();
    const std::string what = "request #" + std::to_string(requests_.size()) + " (" +
                             std::string(http::to_string(got.method)) + ' ' + got.url + ')';
    if (script_.empty()) {
        failures_.push_back(what + ": no scripted step left");
        ex.error = mock_errc::script_exhausted;
        return ex;
    }
    ex.step = std::move(script_.front());
    script_.pop_front();
    const bool method_ok = !ex.step.method || *ex.step.method == got.method;
    const bool url_ok = got.url.find(ex.step.url_contains) != std::string::npos;
    if (!method_ok || !url_ok) {
        const std::string expected =
            std::string(ex.step.method ? http::to_string(*ex.step.method) : "any method") +
            " with URL containing \"" + ex.step.url_contains + '"';
        failures_.push_back(what + ": expected " + expected);
        ex.error = mock_errc::unexpected_request;
    }
    return ex;
}

LTX_DECL http::response mock_transport::finish(const exchange& ex, http::body_sink* sink,
                                               std::error_code& ec) {
    ec.clear();
    const mock_step& step = ex.step;
    if (ex.error || step.error) {
        ec = ex.error ? ex.error : step.error;
        return {};
    }
    http::response res;
    res.status = step.status;
    res.headers = step.headers;
    const std::size_t delivered = step.fail_after_bytes
                                      ? std::min(*step.fail_after_bytes, step.body.size())
                                      : step.body.size();
    if (sink != nullptr) {
        if (sink->on_headers) {
            if (auto e = sink->on_headers(res.status, res.headers)) {
                ec = e;
                return {};
            }
        }
        if (!sink->on_chunk) {
            failures_.push_back("request #" + std::to_string(requests_.size()) +
                                ": body sink without on_chunk");
        }
        const std::string_view body = step.body;
        for (std::size_t offset = 0; offset < delivered && sink->on_chunk; offset += chunk_size_) {
            const auto piece = body.substr(offset, std::min(chunk_size_, delivered - offset));
            if (auto e = sink->on_chunk(piece)) {
                ec = e;
                return {};
            }
        }
    } else {
        res.body = step.body;
    }
    if (step.fail_after_bytes) {
        ec = step.body_error ? step.body_error
                             : make_error_code(http::transport_errc::connection_reset);
        return {};
    }
    return res;
}

LTX_DECL http::response mock_transport::send(const http::request& req, std::error_code& ec) {
    const exchange ex = begin(req);
    return finish(ex, req.sink, ec);
}

LTX_DECL void mock_transport::async_send(http::request req, http::response_handler handler) {
    pending_exchange op{begin(req), req.sink, std::move(handler)};
    if (mode_ == completion::deferred) {
        queue_.push_back(std::move(op));
        return;
    }
    std::error_code ec;
    auto res = finish(op.ex, op.sink, ec);
    op.handler(ec, std::move(res));
}

LTX_DECL bool mock_transport::run_one() {
    if (queue_.empty()) {
        return false;
    }
    // Dequeue before completing: the handler may start further exchanges.
    pending_exchange op = std::move(queue_.front());
    queue_.pop_front();
    std::error_code ec;
    auto res = finish(op.ex, op.sink, ec);
    op.handler(ec, std::move(res));
    return true;
}

LTX_DECL std::size_t mock_transport::run_pending() {
    std::size_t n = 0;
    while (run_one()) {
        ++n;
    }
    return n;
}

} // namespace ltx::testing

#endif
