// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// --dry-run: a transport that prints each request exactly as the client would send it, token
// redacted, then stops the client before anything that would cost credits.
#ifndef LTX_TOOLS_LTX_DRY_RUN_HPP
#define LTX_TOOLS_LTX_DRY_RUN_HPP

#include <ltx/client.hpp>
#include <ltx/ltx.hpp>

#include <ostream>
#include <string>

namespace ltx_cli {

/// The error a dry run stops the client with once the request of interest is printed.
/// It reads as a cancellation: never retried, so each request is printed once.
inline std::error_code dry_run_stop() {
    return make_error_code(ltx::http::transport_errc::cancelled);
}

/// Prints requests; answers uploads with a placeholder asset so the create request that
/// follows can be shown with its asset id, and stops at every other request.
class dry_run_transport {
public:
    explicit dry_run_transport(std::ostream& out) : out_(out) {}

    ltx::http::response send(const ltx::http::request& req, std::error_code& ec) {
        out_ << ltx::http::to_string(req.method) << ' ' << req.url.target() << " HTTP/1.1\r\n";
        out_ << "Host: " << req.url.authority() << "\r\n";
        for (const auto& f : req.headers) {
            if (ltx::http::iequals(f.name, "Authorization"))
                out_ << f.name << ": Bearer <redacted>\r\n";
            else
                out_ << f.name << ": " << f.value << "\r\n";
        }
        if (!req.body.empty())
            out_ << "Content-Length: " << req.body.size() << "\r\n";
        out_ << "\r\n";
        if (const auto* bytes = req.body.bytes()) {
            if (req.headers.find("Content-Type") == "application/json")
                out_ << *bytes << "\n";
            else if (!bytes->empty())
                out_ << "<" << bytes->size() << " bytes>\n";
        } else {
            out_ << "<" << req.body.size() << " bytes from " << req.body.file()->path().string()
                 << ">\n";
        }
        out_ << "\n";
        const auto type = req.headers.find("Content-Type");
        if (req.method == ltx::http::method::post && req.url.path().ends_with("/assets/") && type) {
            ec.clear();
            ltx::http::response r;
            r.status = 200;
            r.body = R"({"asset":{"type":"image","fileId":"asset:dry-run-)" +
                     std::to_string(++uploads_) + "-type:" + std::string{*type} + R"("}})";
            return r;
        }
        ec = dry_run_stop();
        return {};
    }

private:
    std::ostream& out_;
    int uploads_ = 0;
};

} // namespace ltx_cli

#endif
