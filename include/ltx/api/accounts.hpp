// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Accounts: `GET accounts` (every configured account), `POST accounts` (configure an LTX
// Studio account), `GET accounts/{email}` and `DELETE accounts/{email}`.
#ifndef LTX_API_ACCOUNTS_HPP
#define LTX_API_ACCOUNTS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/api/common.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ltx {

/// The body of `POST accounts`.
struct account_request {
    /// The LTX Studio cookie string; must contain `lt_token` and `lt_refresh_token`.
    /// It is a credential: ltx never logs it.
    std::string cookie{};
    /// Concurrent-job limit, 1 to 100; default 20.
    std::optional<int> maxJobs{};
};
BOOST_DESCRIBE_STRUCT(account_request, (), (cookie, maxJobs))
constexpr auto ltx_schema(reflect::tag<account_request>) {
    namespace r = reflect::rules;
    return reflect::schema(
        reflect::field<&account_request::cookie>(r::required,
                                                 r::contains_all{"lt_token", "lt_refresh_token"}),
        reflect::field<&account_request::maxJobs>(r::range{1, 100}, r::defaults_to<int>{20}));
}

/// `GET accounts/{email}` and `DELETE accounts/{email}`: the e-mail travels percent-encoded
/// in the path.
struct get_account_request {
    /// The account's e-mail. Required.
    std::string email{};
};
BOOST_DESCRIBE_STRUCT(get_account_request, (), (email))
constexpr auto ltx_schema(reflect::tag<get_account_request>) {
    namespace r = reflect::rules;
    return reflect::schema(reflect::field<&get_account_request::email>(r::required, r::email));
}

/// `DELETE accounts/{email}`: the same e-mail in the path, with the same rules.
using delete_account_request = get_account_request;

/// Amounts per token kind.
struct token_amounts {
    std::optional<double> LTXStudio_token{};
};
BOOST_DESCRIBE_STRUCT(token_amounts, (), (LTXStudio_token))

/// Times per token kind, in milliseconds since the epoch.
struct token_times {
    std::optional<std::int64_t> LTXStudio_token{};
};
BOOST_DESCRIBE_STRUCT(token_times, (), (LTXStudio_token))

/// The account model.
struct account {
    std::optional<std::string> email{};
    /// Cookie names to values; the server shows secrets as `…secured…`.
    std::optional<std::map<std::string, std::string>> cookie{};
    std::optional<int> maxJobs{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> updated{};
    std::optional<std::string> updatedUTC{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> tokenExpire{};
    std::optional<std::string> tokenExpireUTC{};
    /// Milliseconds since the epoch.
    std::optional<std::int64_t> refreshTokenExpire{};
    std::optional<std::string> refreshTokenExpireUTC{};
    /// Remaining credits.
    std::optional<token_amounts> balance{};
    /// When each kind of token was last spent.
    std::optional<token_times> latestCreatedAtMs{};
    /// A problem with the account, when there is one.
    std::optional<std::string> error{};
};
BOOST_DESCRIBE_STRUCT(account, (),
                      (email, cookie, maxJobs, updated, updatedUTC, tokenExpire, tokenExpireUTC,
                       refreshTokenExpire, refreshTokenExpireUTC, balance, latestCreatedAtMs,
                       error))

/// The answer of `GET accounts`: every configured account keyed by its e-mail. The values
/// carry no `balance` nor `latestCreatedAtMs` (only `GET accounts/{email}` reports them).
using account_map = std::map<std::string, account>;

} // namespace ltx

#endif
