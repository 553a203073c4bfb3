// Receives the webhooks ltx-create sends to `replyUrl` and decodes them with
// ltx::parse_webhook. The HTTP server here is a minimal one over standalone Asio; any server
// works the same way: hand the request body to parse_webhook, answer 200.
//
//   webhook_receiver [port] [count]      listens on 127.0.0.1, handles `count` webhooks
#include <ltx/client.hpp>
#include <ltx/ltx.hpp>

#include <asio.hpp>

#include <iostream>
#include <string>

namespace {

// What an application does with a webhook; independent of the HTTP server.
void on_webhook(const ltx::job& j) {
    std::cout << "job " << j.jobId.value_or("?") << " ref " << j.replyRef.value_or("-") << ": ";
    if (ltx::is_done(j))
        std::cout << "done, video at " << *ltx::artifact_url(j) << '\n';
    else if (ltx::is_failed(j))
        std::cout << "failed: " << j.status->message.value_or("") << '\n';
    else
        std::cout << "not finished\n";
}

// Reads one HTTP/1.1 request with a Content-Length body; returns the body.
std::string read_body(asio::ip::tcp::socket& socket) {
    asio::streambuf buf;
    asio::read_until(socket, buf, "\r\n\r\n");
    std::istream in{&buf};
    std::string line;
    std::size_t length = 0;
    while (std::getline(in, line) && line != "\r") {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "content-length")
            length = std::stoul(line.substr(colon + 1));
    }
    std::string body(std::istreambuf_iterator<char>{in}, {});
    if (body.size() < length) {
        std::string rest(length - body.size(), '\0');
        asio::read(socket, asio::buffer(rest));
        body += rest;
    }
    return body;
}

} // namespace

int main(int argc, char** argv) {
    const unsigned short port = argc > 1 ? static_cast<unsigned short>(std::stoi(argv[1])) : 0;
    const int count = argc > 2 ? std::stoi(argv[2]) : 1;
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), port}};
    std::cout << "listening on http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
    for (int i = 0; i < count; ++i) {
        asio::ip::tcp::socket socket{io};
        acceptor.accept(socket);
        std::error_code ec;
        std::string detail;
        const auto job = ltx::parse_webhook(read_body(socket), ec, &detail);
        const std::string status = ec ? "400 Bad Request" : "200 OK";
        if (ec)
            std::cerr << "not a job model: " << detail << '\n';
        else
            on_webhook(job);
        asio::write(socket, asio::buffer("HTTP/1.1 " + status +
                                         "\r\nContent-Length: 0\r\n"
                                         "Connection: close\r\n\r\n"));
    }
    return 0;
}
