// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// `ltx`: the command line of the LTX Studio API, over the Asio transport.
#include "cli.hpp"

#include <ltx/asio.hpp>

#include <iostream>

#include <unistd.h>

int main(int argc, char** argv) {
    // Progress goes to stderr, so that is the stream whose terminal-ness matters.
    ltx_cli::environment env{std::cout, std::cerr, ::isatty(STDERR_FILENO) != 0};
    return ltx_cli::run(argc, argv, env, [](const ltx_cli::settings& s, auto&& command) {
        ::asio::io_context io;
        ltx::asio::transport_options options;
        options.proxy = ltx::asio::proxy_from_environment();
        ltx::asio::transport http{io.get_executor(), options};
        ltx::basic_client client{http, s.config};
        return command(client);
    });
}
