// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Compile-time probe, without ltx: the external headers that <ltx/ltx.hpp> includes directly
// (scripts/compile-time.sh lists them with g++ -H and warns when this list drifts), and a
// comparable request read by hand from parser events, checked, and encoded through a JSON
// document.
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_stack.hpp>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

struct create_request {
    std::string prompt;
    std::optional<std::string> startAssetId;
    std::optional<int> seed;
};

// A streaming reader of the three members over Boost.JSON's basic_parser, the parser ltx's
// decoder drives.
struct create_request_handler {
    static constexpr std::size_t max_object_size = 64;
    static constexpr std::size_t max_array_size = 64;
    static constexpr std::size_t max_key_size = 256;
    static constexpr std::size_t max_string_size = 1 << 20;

    create_request out;
    std::string key;
    std::string text;
    int depth = 0;

    using ec_t = boost::system::error_code;
    bool fail(ec_t& ec) {
        ec = boost::json::error::syntax;
        return false;
    }
    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t& ec) { return ++depth == 1 || fail(ec); }
    bool on_object_end(std::size_t, ec_t&) { return --depth, true; }
    bool on_array_begin(ec_t& ec) { return fail(ec); }
    bool on_array_end(std::size_t, ec_t& ec) { return fail(ec); }
    bool on_key_part(std::string_view s, std::size_t, ec_t&) { return key.append(s), true; }
    bool on_key(std::string_view s, std::size_t, ec_t&) { return key.append(s), true; }
    bool on_string_part(std::string_view s, std::size_t, ec_t&) { return text.append(s), true; }
    bool on_string(std::string_view s, std::size_t, ec_t& ec) {
        text.append(s);
        if (key == "prompt")
            out.prompt = std::move(text);
        else if (key == "startAssetId")
            out.startAssetId = std::move(text);
        else
            return fail(ec);
        text.clear();
        key.clear();
        return true;
    }
    bool on_number_part(std::string_view, ec_t&) { return true; }
    bool on_int64(std::int64_t v, std::string_view, ec_t& ec) {
        if (key != "seed")
            return fail(ec);
        out.seed = static_cast<int>(v);
        key.clear();
        return true;
    }
    bool on_uint64(std::uint64_t, std::string_view, ec_t& ec) { return fail(ec); }
    bool on_double(double, std::string_view, ec_t& ec) { return fail(ec); }
    bool on_bool(bool, ec_t& ec) { return fail(ec); }
    bool on_null(ec_t& ec) { return fail(ec); }
    bool on_comment_part(std::string_view, ec_t&) { return true; }
    bool on_comment(std::string_view, ec_t&) { return true; }
};

std::optional<create_request> decode_request(std::string_view text) {
    boost::json::basic_parser<create_request_handler> parser{boost::json::parse_options{}};
    boost::system::error_code ec;
    parser.write_some(false, text.data(), text.size(), ec);
    if (ec)
        return std::nullopt;
    return std::move(parser.handler().out);
}

std::string reencode_request(std::string_view text) {
    const auto request = decode_request(text);
    if (!request || request->prompt.empty())
        return {};
    boost::json::object body;
    body["prompt"] = request->prompt;
    if (request->startAssetId)
        body["startAssetId"] = *request->startAssetId;
    if (request->seed)
        body["seed"] = *request->seed;
    boost::json::serializer serializer;
    serializer.reset(&body);
    std::string out;
    char buffer[512];
    while (!serializer.done())
        out.append(serializer.read(buffer, sizeof buffer));
    return out;
}

int main() {
    return static_cast<int>(
        reencode_request(R"({"prompt":"Waves at dusk","startAssetId":"asset:1"})").size());
}
