// ltx-sim's routing comes from the library's endpoint traits: every path the library sends is a
// path the simulator answers, with the traits' methods; any other path is 404.
#include "../../tools/ltx-sim/sim/server.hpp"

#include "support.hpp"

#include <ltx/api/endpoints.hpp>

#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

namespace sim_routes {

using namespace sim_test;

// `E::path` with each `{param}` replaced by `value`, under `/`.
template <class E> std::string target_of(std::string_view value) {
    const std::string_view p = E::path;
    std::string out = "/";
    std::size_t pos = 0;
    while (pos < p.size()) {
        const auto open = p.find('{', pos);
        out.append(p.substr(pos, open - pos));
        if (open == std::string_view::npos)
            break;
        out.append(value);
        pos = p.find('}', open) + 1;
    }
    return out;
}

http::verb verb_of(ltx::http::method m) {
    return http::string_to_verb(ltx::http::to_string(m));
}

// The methods the traits give to the path that `target_of<E>` makes.
template <class E> std::vector<ltx::http::method> methods_of_path() {
    std::vector<ltx::http::method> out;
    const auto mine = target_of<E>("x");
    std::apply(
        [&](auto... e) {
            ((target_of<decltype(e)>("x") == mine ? out.push_back(decltype(e)::method) : void()),
             ...);
        },
        ltx::endpoints::all{});
    return out;
}

TEST_CASE("ltx-sim routes: every endpoint trait's path and method is answered, others are 404") {
    ltx::sim::background_server sim{test_options()};
    client good{sim->api_port()};
    client bad{sim->api_port(), "not-a-token"};
    int endpoints = 0;
    std::apply(
        [&](auto... e) {
            const auto check = [&]<class E>(E*) {
                ++endpoints;
                const auto target = target_of<E>("dummy-parameter");
                CAPTURE(target);
                // Routed before the token is checked: an unknown token is 401, not 404.
                const auto denied = bad.call(verb_of(E::method), target, "{}");
                CHECK(denied.result_int() == 401);
                // With a token the handler answers; a 404 it gives names what it did not find,
                // never the route.
                const auto r = good.call(verb_of(E::method), target, "{}");
                CHECK(r.result_int() != 405);
                if (r.result_int() == 404)
                    CHECK(error_of(r) != "Not found");
                // Under the hosted prefix too.
                CHECK(bad.call(verb_of(E::method), "/v1/ltxstudio" + target, "{}").result_int() ==
                      401);
                // A method no trait gives the path: 405, with every trait method in `Allow`.
                const auto wrong = good.call(http::verb::patch, target, "{}");
                CHECK(wrong.result_int() == 405);
                const std::string allow{wrong[http::field::allow]};
                for (const auto m : methods_of_path<E>())
                    CHECK(allow.find(ltx::http::to_string(m)) != std::string::npos);
            };
            (check(&e), ...);
        },
        ltx::endpoints::all{});
    CHECK(endpoints == 14);

    for (const char* unknown : {"/videos/other", "/nothing", "/", "/v1/ltxstudio/images/other",
                                "/imagesx/create", "/scheduler-x"}) {
        CAPTURE(unknown);
        const auto r = bad.call(http::verb::get, unknown);
        CHECK(r.result_int() == 404);
        CHECK(error_of(r) == "Not found");
    }
}

TEST_CASE("ltx-sim routes: the image endpoints answer at their old flux- names") {
    ltx::sim::background_server sim{test_options()};
    client bad{sim->api_port(), "not-a-token"};
    CHECK(bad.call(http::verb::post, "/images/flux-create", "{}").result_int() == 401);
    CHECK(bad.call(http::verb::post, "/images/flux-edit/", "{}").result_int() == 401);
    CHECK(bad.call(http::verb::post, "/images/flux-upscale", "{}").result_int() == 404);
}

} // namespace sim_routes
