// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Runs the HTTP/1.1 response parser over every way of splitting an input (whole, byte by
// byte, every two-way split) and checks all give one outcome: what the Asio transport reads
// of the parser (status, fields, body through the sink, keep-alive) and the bytes consumed.
#ifndef LTX_TESTS_HTTP_HTTP1_TEST_SUPPORT_HPP
#define LTX_TESTS_HTTP_HTTP1_TEST_SUPPORT_HPP

#include <ltx/http/detail/http1/response_parser.hpp>

#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace ltx::test::http1 {

namespace h1 = ltx::http::detail::http1;

/// How to run the parser.
struct run_options {
    bool head_request = false;
    bool eof = false; ///< Call finish_eof after the input when the response is not done.
    h1::parser_limits limits{};
};

/// One received field, as a comparable pair (name as received, value trimmed).
using field_pair = std::pair<std::string, std::string>;

/// What the library reads of a run (status, fields, the body through the sink, keep-alive)
/// and how far it went. Fields beyond `ec` are compared only on success: what a failed parse
/// delivered before failing depends on where the input was split.
struct outcome {
    std::error_code ec;
    bool done = false;
    std::size_t consumed = 0;
    int status = 0;
    std::vector<field_pair> fields;
    std::string body;
    bool keep_alive = false;

    friend bool operator==(const outcome& a, const outcome& b) {
        if (a.ec != b.ec || a.done != b.done) {
            return false;
        }
        return a.ec || (a.consumed == b.consumed && a.status == b.status && a.fields == b.fields &&
                        a.body == b.body && a.keep_alive == b.keep_alive);
    }
    friend std::ostream& operator<<(std::ostream& os, const outcome& o) {
        os << "{ec=" << o.ec.message() << " done=" << o.done << " consumed=" << o.consumed
           << " status=" << o.status << " body=" << o.body.size() << "B keep_alive=" << o.keep_alive
           << "}";
        return os;
    }
};

/// Feeds `pieces` in order (stopping at completion or error), then EOF if asked.
inline outcome run_pieces(const std::vector<std::string_view>& pieces, const run_options& opt) {
    h1::response_parser p{opt.limits};
    p.set_head_request(opt.head_request);
    outcome o;
    p.on_body([&o](std::string_view s) { o.body.append(s); });
    for (auto piece : pieces) {
        if (p.done() || o.ec) {
            break;
        }
        o.consumed += p.feed(piece.data(), piece.size(), o.ec);
    }
    if (opt.eof && !p.done() && !o.ec) {
        p.finish_eof(o.ec);
    }
    o.done = p.done();
    o.status = p.status();
    for (const auto& f : p.fields()) {
        o.fields.emplace_back(f.name, f.value);
    }
    o.keep_alive = p.keep_alive();
    return o;
}

/// Parses `input` whole, then checks that byte-by-byte feeding and every two-way split give
/// the same outcome; returns it.
inline outcome parse(std::string_view input, const run_options& opt = {}) {
    const outcome whole = run_pieces({input}, opt);
    std::vector<std::string_view> bytes;
    for (std::size_t i = 0; i < input.size(); ++i) {
        bytes.push_back(input.substr(i, 1));
    }
    CHECK(run_pieces(bytes, opt) == whole);
    for (std::size_t i = 0; i <= input.size(); ++i) {
        CAPTURE(i);
        const std::vector<std::string_view> two{input.substr(0, i), input.substr(i)};
        const outcome split = run_pieces(two, opt);
        CHECK(split == whole);
    }
    return whole;
}

/// The error of parsing `input` (checked over every split as by `parse`).
inline std::error_code parse_error(std::string_view input, const run_options& opt = {}) {
    return parse(input, opt).ec;
}

/// A field list for comparisons.
inline std::vector<field_pair> fields(std::initializer_list<field_pair> list) {
    return list;
}

} // namespace ltx::test::http1

#endif
