// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Compile-time probe, without ltx: the external headers that <ltx/ltx.hpp> includes directly
// (scripts/compile-time.sh lists them with g++ -H and warns when this list drifts), and a
// comparable request encoded by hand into a JSON document.
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct create_request {
    std::string prompt;
    std::optional<std::string> startAssetId;
    std::optional<int> seed;
};

std::string encode_request(const create_request& request) {
    if (request.prompt.empty())
        return {};
    boost::json::object body;
    body["prompt"] = request.prompt;
    if (request.startAssetId)
        body["startAssetId"] = *request.startAssetId;
    if (request.seed)
        body["seed"] = *request.seed;
    boost::json::serializer serializer;
    serializer.reset(&body);
    std::string out;
    char buffer[512];
    while (!serializer.done())
        out.append(serializer.read(buffer, sizeof buffer));
    return out;
}

int main() {
    return static_cast<int>(encode_request({"Waves at dusk", "asset:1", std::nullopt}).size());
}
