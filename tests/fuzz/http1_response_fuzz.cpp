// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Differential fuzzer of the HTTP/1.1 response parser (libFuzzer). Each input is parsed as
// one response stream, as the answer to a GET and to a HEAD:
//  1. by ltx fed whole, in three pieces, and (when short) byte by byte: identical outcomes;
//  2. by the reference parser (fed whole, 1xx other than 101 skipped, as ltx does): both
//     complete a response or neither does; when both do, what the Asio transport reads of
//     ltx's parser agrees with it: status, the final head's fields (names as sent), body,
//     bytes consumed and keep-alive;
//  3. by ltx with small header limits: the same outcome, or a limit error that the input
//     can explain.
// "Complete" means a whole final response, with EOF delimiting a body that has no framing.
//
// Deliberate differences, the only ones tolerated (ltx is stricter, never more lenient):
//  D1 obs-fold: ltx rejects it (the input holds CRLF then SP/HTAB).
//  D2 Transfer-Encoding other than exactly one `chunked`: ltx rejects it (the input names
//     Transfer-Encoding); the reference treats unknown codings as close-delimited.
//  D3 status codes outside 100..599: ltx rejects them.
//  D4 control bytes (bare LF included) inside chunk extensions: ltx rejects them (seen by
//     the reference's chunk-header callback).
//  D5 keep-alive: ltx closes after a 101, and after an HTTP/1.0 response that uses
//     Transfer-Encoding or lists `close` beside `keep-alive`.
#include "http1_fuzz_runs.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace {

using namespace ltx_fuzz;

constexpr std::uint64_t body_limit = 1000;
constexpr h1::parser_limits wide{.max_header_bytes = std::size_t{1} << 24,
                                 .max_header_count = std::size_t{1} << 24,
                                 .max_body_bytes = body_limit};
constexpr h1::parser_limits narrow{
    .max_header_bytes = 96, .max_header_count = 4, .max_body_bytes = body_limit};

bool icontains(std::string_view hay, std::string_view needle) {
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
               return h1::iequals(std::string_view(&a, 1), std::string_view(&b, 1));
           }) != hay.end();
}

// The reference keeps fields of one name together, so its order differs from the wire's
// when a name repeats non-adjacently; both sides are compared grouped by name, keeping the
// wire order within each name.
std::vector<std::pair<std::string, std::string>>
grouped(std::vector<std::pair<std::string, std::string>> fields) {
    const auto lower = [](std::string s) {
        for (auto& c : s) {
            c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        return s;
    };
    std::stable_sort(fields.begin(), fields.end(),
                     [&](const auto& a, const auto& b) { return lower(a.first) < lower(b.first); });
    return fields;
}

bool same(const outcome& a, const outcome& b) {
    if (a.complete != b.complete || a.ec != b.ec) {
        return false;
    }
    return !a.complete || (a.status == b.status && a.fields == b.fields && a.body == b.body &&
                           a.keep_alive == b.keep_alive && a.consumed == b.consumed);
}

// True when ltx's rejection of an input the reference accepts is a documented difference.
bool tolerated_rejection(const outcome& ours, const outcome& theirs, std::string_view in) {
    using h1::error;
    if (ours.ec == error::obs_fold) {
        return in.find("\r\n ") != std::string_view::npos ||
               in.find("\r\n\t") != std::string_view::npos; // D1
    }
    if (ours.ec == error::bad_transfer_encoding) {
        return icontains(in, "transfer-encoding"); // D2
    }
    if (ours.ec == error::bad_status) {
        return theirs.status < 100 || theirs.status > 599; // D3
    }
    if (ours.ec == error::bad_chunk_extension || ours.ec == error::bad_line_ending) {
        return theirs.chunk_ext_ctl; // D4
    }
    return false;
}

// Prints both outcomes (`other` names the second run) and aborts.
void report(const char* what, const outcome& ours, const outcome& theirs, bool head,
            const char* other = "reference") {
    std::fprintf(stderr,
                 "mismatch (%s, head=%d): ltx complete=%d ec=%s status=%d consumed=%zu "
                 "keep_alive=%d | %s complete=%d ec=%s status=%d consumed=%zu keep_alive=%d\n",
                 what, head, ours.complete, ours.ec.message().c_str(), ours.status, ours.consumed,
                 ours.keep_alive, other, theirs.complete, theirs.ec.message().c_str(),
                 theirs.status, theirs.consumed, theirs.keep_alive);
    fail(what);
}

void compare_with_reference(const outcome& ours, const outcome& theirs, std::string_view in,
                            bool head) {
    if (theirs.reference_threw) {
        return;
    }
    if (ours.complete != theirs.complete) {
        if (!ours.complete && tolerated_rejection(ours, theirs, in)) {
            return;
        }
        report(ours.complete ? "ltx accepts what the reference rejects"
                             : "ltx rejects what the reference accepts",
               ours, theirs, head);
    }
    if (!ours.complete) {
        return;
    }
    if (ours.status != theirs.status) {
        report("status line", ours, theirs, head);
    }
    if (grouped(ours.fields) != grouped(theirs.fields)) {
        report("fields", ours, theirs, head);
    }
    if (ours.body != theirs.body) {
        report("body", ours, theirs, head);
    }
    if (ours.consumed != theirs.consumed) {
        report("message length", ours, theirs, head);
    }
    if (ours.keep_alive != theirs.keep_alive) {
        const bool d5 =
            !ours.keep_alive &&
            (ours.status == 101 || (theirs.version == 10 && (icontains(in, "transfer-encoding") ||
                                                             icontains(in, "close"))));
        if (!d5) {
            report("keep-alive", ours, theirs, head);
        }
    }
}

// `small` ran with the narrow limits, `big` with the wide ones.
void check_limits(const outcome& big, const outcome& small, std::string_view in, bool head) {
    if (same(big, small)) {
        return;
    }
    using h1::error;
    const bool limit_error =
        small.ec == error::headers_too_large || small.ec == error::too_many_headers;
    if (!limit_error) {
        report("narrow limits changed the outcome without a limit error", big, small, head,
               "narrow");
    }
    // A complete response's status line starts the input; "HTTP/1.x " is 9 bytes.
    const bool interim = in.size() > 12 && in[9] == '1' && in.substr(9, 3) != "101";
    if (big.complete && !interim) {
        // Every budgeted section (head, chunk line, trailers) lies within the bytes consumed.
        if (small.ec == error::headers_too_large && big.consumed <= narrow.max_header_bytes) {
            report("headers_too_large on a short message", big, small, head, "narrow");
        }
        // Without chunked coding there are no trailers: only the head's fields count.
        const bool chunked = std::any_of(big.fields.begin(), big.fields.end(), [](const auto& f) {
            return h1::iequals(f.first, "transfer-encoding");
        });
        if (small.ec == error::too_many_headers && !chunked &&
            big.fields.size() <= narrow.max_header_count) {
            report("too_many_headers with few fields", big, small, head, "narrow");
        }
    }
}

std::vector<std::size_t> cuts_for(std::string_view in) {
    const std::uint64_t h = fnv1a(in);
    std::vector<std::size_t> cuts{h % (in.size() + 1), (h >> 32) % (in.size() + 1)};
    std::sort(cuts.begin(), cuts.end());
    return cuts;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in = as_text(data, size);
    const auto cuts = cuts_for(in);
    std::vector<std::size_t> bytes;
    if (size <= 512) {
        for (std::size_t i = 1; i < size; ++i) {
            bytes.push_back(i);
        }
    }
    for (const bool head : {false, true}) {
        const outcome whole = run_ltx(in, {}, head, wide);
        if (!same(whole, run_ltx(in, cuts, head, wide))) {
            report("three pieces differ from whole", whole, run_ltx(in, cuts, head, wide), head,
                   "pieces");
        }
        if (size <= 512 && !same(whole, run_ltx(in, bytes, head, wide))) {
            report("byte by byte differs from whole", whole, run_ltx(in, bytes, head, wide), head,
                   "bytes");
        }
        compare_with_reference(whole, run_reference(in, head, body_limit), in, head);
        check_limits(whole, run_ltx(in, cuts, head, narrow), in, head);
    }
    return 0;
}
