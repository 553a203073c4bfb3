// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Accounts: `GET accounts`, `POST accounts`, `GET accounts/{email}`,
// `DELETE accounts/{email}`, and the `email` rule every other endpoint follows.
#ifndef LTX_SIM_ACCOUNTS_HPP
#define LTX_SIM_ACCOUNTS_HPP

#include "decode.hpp"
#include "render.hpp"
#include "reply.hpp"
#include "store.hpp"

#include <ltx/api/accounts.hpp>
#include <ltx/api/endpoints.hpp>
#include <ltx/detail/ascii.hpp>

#include <boost/json/parse.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ltx::sim {

namespace detail {

// Base64url (RFC 4648 section 5) without padding, as in a JWT; nullopt on a bad character.
inline std::optional<std::string> base64url_decode(std::string_view s) {
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    for (const char c : s) {
        int v = -1;
        if (ltx::detail::is_upper(c))
            v = c - 'A';
        else if (ltx::detail::is_lower(c))
            v = c - 'a' + 26;
        else if (ltx::detail::is_digit(c))
            v = c - '0' + 52;
        else if (c == '-' || c == '+')
            v = 62;
        else if (c == '_' || c == '/')
            v = 63;
        else if (c == '=')
            break;
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return out;
}

} // namespace detail

/// The claims of an LTX Studio token the simulator reads: the account's e-mail and expiry.
struct token_claims {
    std::string email;
    std::int64_t expire_ms = 0;
};

/// Reads `email` and `exp` from the payload of a JWT; empty claims when it is not one.
inline token_claims read_token_claims(std::string_view jwt) {
    token_claims out;
    const auto dot1 = jwt.find('.');
    const auto dot2 = jwt.find('.', dot1 == std::string_view::npos ? dot1 : dot1 + 1);
    if (dot1 == std::string_view::npos || dot2 == std::string_view::npos)
        return out;
    const auto payload = detail::base64url_decode(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!payload)
        return out;
    boost::json::error_code ec;
    const auto jv = boost::json::parse(*payload, ec);
    const auto* obj = ec ? nullptr : jv.if_object();
    if (!obj)
        return out;
    if (const auto* e = obj->if_contains("email"); e && e->is_string())
        out.email = std::string{e->get_string()};
    if (const auto* x = obj->if_contains("exp"); x && x->is_number())
        out.expire_ms = static_cast<std::int64_t>(x->to_number<double>()) * 1000;
    return out;
}

/// `a=1; b=2` as a map; a name without `=` maps to an empty value.
inline std::map<std::string, std::string> parse_cookie(std::string_view s) {
    std::map<std::string, std::string> out;
    const auto trim = [](std::string_view v) {
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
            v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
            v.remove_suffix(1);
        return v;
    };
    while (!s.empty()) {
        const auto semi = s.find(';');
        const auto part = trim(s.substr(0, semi));
        s = semi == std::string_view::npos ? std::string_view{} : s.substr(semi + 1);
        if (part.empty())
            continue;
        const auto eq = part.find('=');
        out[std::string{trim(part.substr(0, eq))}] =
            eq == std::string_view::npos ? std::string{} : std::string{trim(part.substr(eq + 1))};
    }
    return out;
}

/// Which account a request is for: an index, or the 400 text.
struct account_choice {
    std::uint32_t index = 0;
    std::string error;
};

/// The account endpoints and the `email` rule.
class accounts_api {
public:
    accounts_api(store& s, renderer& r) : s_(s), r_(r) {}

    /// The reference's `email` rule: optional with one account, required with several, and
    /// naming a configured account when given.
    account_choice resolve(const std::optional<std::string>& email) const {
        if (email) {
            if (const auto i = s_.find_account(*email))
                return {*i, {}};
            return {0, "email: no account " + *email + " is configured"};
        }
        const auto configured = s_.configured_accounts();
        if (configured.size() == 1)
            return {configured.front(), {}};
        if (configured.empty())
            return {0, "No account is configured: POST accounts first"};
        return {0, "email is required when several accounts are configured"};
    }

    /// `POST accounts`. The account's e-mail comes from the `email` claim of the `lt_token`
    /// JWT, as LTX Studio's tokens carry it; failing that from an `email` cookie field (a
    /// simulator convenience); failing that, with exactly one account configured, that one.
    api_reply configure(const api_request& req, std::int64_t now) {
        ltx::account_request body;
        if (auto e = decode_body(req.content_type, req.body, body))
            return error_reply(400, std::move(*e));
        if (auto v = reflect::validate(body); !v.empty()) {
            for (const auto& x : v)
                if (x.path == "cookie")
                    return error_reply(
                        400, "Missing required cookie fields: lt_token | lt_refresh_token");
            return error_reply(400, violations_text(v));
        }
        auto cookie = parse_cookie(body.cookie);
        const auto field = [&cookie](const char* name) {
            const auto it = cookie.find(name);
            return it == cookie.end() ? std::string{} : it->second;
        };
        const auto claims = read_token_claims(field("lt_token"));
        std::string email = claims.email.empty() ? field("email") : claims.email;
        if (const auto configured = s_.configured_accounts();
            email.empty() && configured.size() == 1)
            email = s_.accounts()[configured.front()].email;
        if (email.empty() || !ltx::detail::is_email(email))
            return error_reply(400, "cookie: lt_token carries no e-mail claim; add an email=... "
                                    "field to the cookie to name the account");
        // A removed account's record comes back, with its jobs, uploads and credits.
        const auto found = s_.find_account_record(email);
        const auto index =
            found ? *found : s_.add_account(email, s_.opts().new_account_credits, 20, now);
        auto& a = s_.accounts()[index];
        a.configured = true;
        a.cookie = std::move(cookie);
        a.max_jobs = body.maxJobs.value_or(reflect::default_of<&ltx::account_request::maxJobs>());
        a.updated_ms = now;
        a.token_expire_ms = claims.expire_ms;
        return ok_reply(r_.account(a));
    }

    /// `GET accounts`: every configured account keyed by e-mail, without the balance fields.
    api_reply list() const {
        ltx::account_map out;
        for (const auto i : s_.configured_accounts()) {
            auto a = r_.account(s_.accounts()[i]);
            a.balance.reset();
            a.latestCreatedAtMs.reset();
            out.emplace(s_.accounts()[i].email, std::move(a));
        }
        if (out.empty())
            return error_reply(
                404, "Configuration not found. To create configuration use POST /accounts.");
        return ok_reply(out);
    }

    /// `GET accounts/{email}`; `encoded` is the path segment.
    api_reply get(std::string_view encoded) const {
        const auto index = find(encoded);
        if (!index.error.empty())
            return error_reply(index.status, index.error);
        return ok_reply(r_.account(s_.accounts()[index.index]));
    }

    /// `DELETE accounts/{email}`: 204. The project's choice where the reference is silent:
    /// no body, and the 404 of `GET accounts/{email}` for an account not configured. The
    /// account's running jobs go on.
    api_reply remove(std::string_view encoded) {
        const auto index = find(encoded);
        if (!index.error.empty())
            return error_reply(index.status, index.error);
        s_.accounts()[index.index].configured = false;
        return no_content_reply();
    }

private:
    struct found_account {
        std::uint32_t index = 0;
        unsigned status = 200;
        std::string error{};
    };

    // The configured account a path segment names, or the 400 or 404 answer.
    found_account find(std::string_view encoded) const {
        ltx::get_account_request req;
        if (auto e = decode_path<endpoints::get_account>(encoded, req))
            return {0, 400, std::move(*e)};
        const auto index = s_.find_account(req.email);
        if (!index)
            return {0, 404, "Account configuration not found for the specified email address."};
        return {*index, 200, {}};
    }

    store& s_;
    renderer& r_;
};

} // namespace ltx::sim

#endif
