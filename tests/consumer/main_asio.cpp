// Uses ltx::asio as an installed or add_subdirectory'd package: the Asio adapter's headers, Asio
// and OpenSSL are found and the program links.
#if __has_include(<ltx/asio.hpp>)
#include <ltx/asio.hpp>
#else
#include <ltx/detail/config.hpp>
#include <asio/ssl.hpp>
#endif

int main() {
    asio::io_context io;
    asio::ssl::context tls{asio::ssl::context::tls_client};
    return io.run() == 0 ? 0 : 1;
}
