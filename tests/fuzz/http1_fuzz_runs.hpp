// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The two sides of the HTTP/1.1 response differential fuzzer: one run of the ltx parser
// (fed in given pieces) and one run of the reference parser (fed whole), both reduced to
// the same observable outcome.
#ifndef LTX_TESTS_FUZZ_HTTP1_FUZZ_RUNS_HPP
#define LTX_TESTS_FUZZ_HTTP1_FUZZ_RUNS_HPP

#include "fuzz_support.hpp"

#include <ltx/http/detail/http1/response_parser.hpp>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace ltx_fuzz {

namespace h1 = ltx::http::detail::http1;
namespace ref = boost::beast::http;

/// What a run observed: for ltx, what its Asio transport reads of the parser. Beyond
/// `complete`/`ec`, fields are meaningful when complete.
struct outcome {
    bool complete = false; ///< A whole final response was parsed (EOF included).
    std::error_code ec;    ///< ltx only: why not complete (empty when only incomplete).
    int status = 0;
    int version = 0;                                         ///< Reference only.
    std::vector<std::pair<std::string, std::string>> fields; ///< The final head's.
    std::string body;
    bool keep_alive = false;
    std::size_t consumed = 0;
    bool chunk_ext_ctl = false;   ///< Reference only: a chunk extension held a control byte.
    bool reference_threw = false; ///< Reference only: gave up by exception (size limits).
};

/// Runs the ltx parser, feeding `in` cut at the sorted offsets `cuts`, then EOF.
inline outcome run_ltx(std::string_view in, const std::vector<std::size_t>& cuts, bool head,
                       const h1::parser_limits& limits) {
    h1::response_parser p{limits};
    p.set_head_request(head);
    outcome o;
    p.on_body([&o](std::string_view s) { o.body.append(s); });
    std::size_t start = 0;
    for (std::size_t i = 0; i <= cuts.size() && !p.done() && !o.ec; ++i) {
        const std::size_t end = i < cuts.size() ? cuts[i] : in.size();
        const std::size_t used = p.feed(in.data() + start, end - start, o.ec);
        o.consumed += used;
        if (!o.ec && !p.done() && used != end - start) {
            fail("ltx parser left input unconsumed before the end of the response");
        }
        start = end;
    }
    if (!p.done() && !o.ec) {
        p.finish_eof(o.ec);
    }
    o.complete = !o.ec && p.done();
    if (p.done() != o.complete) {
        fail("ltx parser state disagrees with its error");
    }
    if (!o.complete) {
        o.body.clear();
        return o;
    }
    o.status = p.status();
    for (const auto& f : p.fields()) {
        o.fields.emplace_back(f.name, f.value);
    }
    o.keep_alive = p.keep_alive();
    return o;
}

/// Runs the reference parser over `in`, fed whole, skipping interim 1xx responses (not 101)
/// by starting a new parser on what follows each, then EOF. It keeps trailer fields with the
/// head's, so `fields` are those it held when the head was done.
inline outcome run_reference(std::string_view in, bool head, std::uint64_t body_limit) {
    outcome o;
    auto on_chunk = [&o](std::uint64_t, boost::beast::string_view ext, boost::beast::error_code&) {
        o.chunk_ext_ctl =
            o.chunk_ext_ctl || !std::all_of(ext.begin(), ext.end(), h1::is_field_char);
    };
    std::size_t offset = 0;
    try {
        while (true) {
            ref::response_parser<ref::string_body> p;
            p.eager(false); // stop after the head, so its fields can be read apart from trailers
            p.header_limit(std::numeric_limits<std::uint32_t>::max());
            p.body_limit(body_limit);
            p.skip(head);
            p.on_chunk_header(on_chunk);
            const auto rest = in.substr(offset);
            if (rest.empty()) {
                return o; // nothing of a final response arrived
            }
            boost::beast::error_code ec;
            std::size_t n = p.put(boost::asio::const_buffer(rest.data(), rest.size()), ec);
            if (ec == ref::error::need_more) {
                ec = {};
            }
            if (ec) {
                return o;
            }
            if (p.is_header_done()) {
                o.fields.clear();
                for (const auto& f : p.get()) {
                    o.fields.emplace_back(std::string(f.name_string()), std::string(f.value()));
                }
            }
            if (p.is_header_done() && !p.is_done() && n < rest.size()) {
                p.eager(true);
                const auto more =
                    p.put(boost::asio::const_buffer(rest.data() + n, rest.size() - n), ec);
                if (ec == ref::error::need_more) {
                    ec = {};
                }
                if (ec) {
                    return o;
                }
                n += more;
            }
            offset += n;
            if (p.is_done()) {
                const int status = p.get().result_int();
                if (status / 100 == 1 && status != 101) {
                    continue;
                }
            } else {
                p.put_eof(ec);
                if (ec) {
                    return o;
                }
            }
            o.complete = true;
            o.status = p.get().result_int();
            o.version = p.get().version();
            o.body = p.get().body();
            o.keep_alive = p.keep_alive();
            o.consumed = offset;
            return o;
        }
    } catch (const std::exception&) {
        o.reference_threw = true;
        return o;
    }
}

} // namespace ltx_fuzz

#endif
