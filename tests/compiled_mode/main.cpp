// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// ltx_compiled_mode_test: ltx built with LTX_SEPARATE_COMPILATION, its non-template functions
// compiled once in src.cpp (<ltx/src.hpp>, or <ltx/asio/src.hpp>). This file and network.cpp
// see only their declarations, so a function that the src headers leave out fails the link,
// and one defined in a header as well as in src.cpp fails it as a duplicate.
#include <ltx/client.hpp>
#include <ltx/ltx.hpp>
#include <ltx/testing/mock_transport.hpp>

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <string>

#ifndef LTX_SEPARATE_COMPILATION
#error "ltx_compiled_mode_test must be built with LTX_SEPARATE_COMPILATION"
#endif
#ifdef LTX_HEADER_ONLY
#error "LTX_SEPARATE_COMPILATION must leave the impl/*.ipp files out of the headers"
#endif

using ltx::http::method;

TEST_CASE("compiled mode: validation reports every violation with its path and rule") {
    const ltx::ltx_create_request bad{.prompt = std::string(2001, 'a'),
                                      .replyUrl = "ftp://hooks.example.com"};
    const auto found = ltx::reflect::validate(bad);
    REQUIRE(found.size() == 3);
    CHECK(found[0].path == "prompt");
    CHECK(found[0].rule == "length");
    CHECK(found[1].path == "replyUrl");
    CHECK(found[2].rule == "at_least_one_of");
    CHECK(ltx::reflect::to_string(found[1]).starts_with("replyUrl: "));
    CHECK(ltx::reflect::validate(
              ltx::ltx_create_request{.prompt = "Waves", .startAssetId = "asset:1"})
              .empty());
}

TEST_CASE("compiled mode: JSON out and in, from text and from a document, query and multipart") {
    const ltx::ltx_create_request req{.prompt = "Waves \"at\" dusk", .startAssetId = "asset:1"};
    CHECK(ltx::reflect::to_json(req) ==
          R"({"prompt":"Waves \"at\" dusk","startAssetId":"asset:1"})");

    const std::string body = R"({"jobId":"j","status":{"type":"completed","progress":100}})";
    const auto tree = ltx::reflect::from_json<ltx::job>(body);
    ltx::job replayed;
    ltx::reflect::json_error replay_err;
    CHECK(ltx::reflect::read_json_value(boost::json::parse(body), replayed, replay_err));
    CHECK(tree.jobId == "j");
    CHECK(tree.status->type == ltx::job_state::completed);
    CHECK(ltx::reflect::to_json(tree) == ltx::reflect::to_json(replayed));

    ltx::reflect::json_error err;
    ltx::job j;
    CHECK_FALSE(ltx::reflect::read_json(R"({"status":{"type":"asleep"}})", j, err));
    CHECK(err.path == "status.type");

    std::string query;
    ltx::reflect::write_query(ltx::list_assets_request{.page = 2, .limit = 10}, query);
    CHECK(query == "page=2&limit=10");

    std::string form;
    CHECK(ltx::reflect::write_multipart(ltx::list_assets_request{.page = 3}, "b0undary", form));
    CHECK(form.find("name=\"page\"\r\n\r\n3\r\n--b0undary--") != std::string::npos);
}

TEST_CASE("compiled mode: the client over ltx::testing::mock_transport") {
    ltx::testing::mock_transport mock;
    mock.expect(method::post, "videos/ltx-create")
        .respond(200, R"({"jobId":"job-9","generationId":"gen_9"})");
    mock.expect(method::get, "assets/job-9").respond(404, R"({"error":"no such job","code":404})");
    ltx::basic_client api{mock, ltx::config{.token = "compiled-mode-token"}};

    const auto job = api.create_video({.prompt = "Waves", .startAssetId = "asset:1"});
    CHECK(job.jobId == "job-9");
    REQUIRE(mock.requests().size() == 1);
    CHECK(mock.requests()[0].body == R"({"prompt":"Waves","startAssetId":"asset:1"})");

    CHECK_THROWS_AS(api.create_video({.prompt = ""}), ltx::validation_error);
    CHECK(mock.requests().size() == 1); // nothing sent for an invalid request

    try {
        (void)api.get_job("job-9");
        FAIL("a 404 must throw");
    } catch (const ltx::api_error& e) {
        CHECK(e.status() == 404);
        CHECK(std::string{e.what()}.find("compiled-mode-token") == std::string::npos);
    }
    CHECK(mock.satisfied());
}

#ifdef LTX_TEST_COMPILED_MODE_ASIO
int ltx_compiled_mode_network();

TEST_CASE("compiled mode: the client over ltx::asio::transport, against a loopback server") {
    CHECK(ltx_compiled_mode_network() == 3);
}
#endif
