// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Fuzzer of the URL parser and resolver (libFuzzer). The input is `base` or `base\nrelative`.
// The oracle is the `http_url` validation rule, which must agree with the parser:
//  1. `parse_url(base)` succeeds exactly when the rule accepts `base` (run through
//     `reflect::validate`, as a request model's member is), and when `is_absolute_http_url`
//     says so;
//  2. a parsed URL keeps the guarantees of `url` (scheme, lower-case host, port, path from
//     `/`, no fragment) and is normalised: its text parses back to the same URL and is one the
//     rule accepts; `origin() + target()` is that text;
//  3. `resolve(base, relative)`: the string and the `url` forms agree; an invalid base fails
//     with the base's error; a `relative` that is itself an absolute URL resolves to it; a
//     result is a URL as in 2, with no `.` or `..` segment left in its path when the
//     reference brought a path to merge.
#include "fuzz_support.hpp"

#include <ltx/http/url.hpp>
#include <ltx/reflect.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace url_fuzz {

struct target {
    std::string url{};
};
BOOST_DESCRIBE_STRUCT(target, (), (url))

constexpr auto ltx_schema(ltx::reflect::tag<target>) {
    return ltx::reflect::schema(ltx::reflect::field<&target::url>(ltx::reflect::rules::http_url));
}

} // namespace url_fuzz

namespace {

using namespace ltx_fuzz;
namespace http = ltx::http;

// Whether the `http_url` rule accepts `s` (other rules, such as UTF-8, are not its business).
bool rule_accepts(std::string_view s) {
    const auto violations = ltx::reflect::validate(url_fuzz::target{std::string{s}});
    return std::none_of(violations.begin(), violations.end(),
                        [](const auto& v) { return v.rule == "url"; });
}

bool lower(std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Property 2, for a URL obtained from `s` (the parsed or resolved text).
void check_url(const http::url& u, std::string_view s) {
    expect(!u.empty(), "a parsed URL is empty", s);
    expect(u.scheme() == "http" || u.scheme() == "https", "scheme", s);
    expect(lower(u.host()), "host not lower-cased", s);
    expect(u.port() != 0, "port 0", s);
    expect(!u.path().empty() && u.path().front() == '/', "path does not start with /", s);
    expect(u.query().find('#') == std::string::npos, "fragment kept in the query", s);
    expect(u.path().find('#') == std::string::npos, "fragment kept in the path", s);
    expect(u.kind() != http::host_kind::ipv6 || (u.host().front() == '[' && u.host().back() == ']'),
           "IPv6 host without brackets", s);
    const std::string text = u.to_string();
    expect(u.origin() + u.target() == text, "origin() + target() differs from to_string()", s);
    expect(u.has_default_port() == (u.authority() == u.host()), "authority and default port", s);
    const auto again = http::parse_url(text);
    expect(again.has_value(), "a URL's text does not parse", text);
    expect(*again == u, "a URL's text parses to another URL", text);
    expect(rule_accepts(text), "the http_url rule refuses a URL's text", text);
}

// No `.` or `..` segment is left: resolution removes them (percent-encoded ones stay).
bool has_dot_segment(std::string_view path) {
    for (std::size_t at = 0; at < path.size();) {
        const auto next = path.find('/', at + 1);
        const auto seg = path.substr(at + 1, next == std::string_view::npos ? next : next - at - 1);
        if (seg == "." || seg == "..") {
            return true;
        }
        at = next;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [base, relative] = split_at(as_text(data, size), '\n');

    const auto parsed = http::parse_url(base);
    expect(parsed.has_value() == rule_accepts(base), "parse_url and the http_url rule disagree",
           base);
    expect(parsed.has_value() == http::is_absolute_http_url(base),
           "parse_url and is_absolute_http_url disagree", base);
    if (parsed) {
        check_url(*parsed, base);
    }

    const auto resolved = http::resolve(base, relative);
    if (!parsed) {
        expect(!resolved && resolved.error() == parsed.error(),
               "resolve with an invalid base does not fail with the base's error", base);
        return 0;
    }
    const auto by_url = http::resolve(*parsed, relative);
    expect(resolved.has_value() == by_url.has_value() &&
               (resolved ? *resolved == *by_url : resolved.error() == by_url.error()),
           "resolve(string, ...) and resolve(url, ...) disagree", relative);
    if (const auto absolute = http::parse_url(relative)) {
        expect(resolved && *resolved == *absolute,
               "an absolute reference does not resolve to itself", relative);
    }
    if (resolved) {
        check_url(*resolved, relative);
        // Dot segments are removed when the reference brings a path to merge (RFC 3986
        // 5.2.2); an empty one keeps the base's path as it is, and a reference with its own
        // authority is a URL of its own.
        const auto ref_path = relative.substr(0, relative.find_first_of("?#"));
        if (!ref_path.empty() && !relative.starts_with("//") && !http::parse_url(relative)) {
            expect(!has_dot_segment(resolved->path()), "a dot segment is left after resolution",
                   resolved->path());
        }
    }
    return 0;
}
