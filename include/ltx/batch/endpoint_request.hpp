// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// One batch line's request for one of several endpoints: a `std::variant` whose alternative `i`
// is the request of the `i`-th endpoint of a tuple of endpoint traits, and the calls that reach
// the endpoint of a line from it.
#ifndef LTX_BATCH_ENDPOINT_REQUEST_HPP
#define LTX_BATCH_ENDPOINT_REQUEST_HPP

#include <ltx/batch/runner.hpp>
#include <ltx/error.hpp>
#include <ltx/options.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace ltx::batch {

template <class Endpoints> struct endpoint_request_of;
/// The request of one of `Endpoints...` (endpoint traits: `E::request`, `E::path`).
template <class... Endpoints> struct endpoint_request_of<std::tuple<Endpoints...>> {
    using type = std::variant<typename Endpoints::request...>;
};
/// A line's request for one endpoint of the tuple `Endpoints`: alternative `i` is the body of
/// `std::tuple_element_t<i, Endpoints>` (an index, not a type, names the endpoint, so two
/// endpoints may share a request type).
template <class Endpoints> using endpoint_request = typename endpoint_request_of<Endpoints>::type;

/// Calls `f(std::integral_constant<std::size_t, I>{})` for the `I` equal to `index`, when
/// `index` is below the size of the tuple `Endpoints`; returns whether it was.
template <class Endpoints, class F> bool with_endpoint_index(std::size_t index, F&& f) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return ((index == I ? (f(std::integral_constant<std::size_t, I>{}), true) : false) || ...);
    }
    (std::make_index_sequence<std::tuple_size_v<Endpoints>>{});
}

/// The index in the tuple `Endpoints` of the endpoint whose `path` is `path`, if any.
template <class Endpoints> std::optional<std::size_t> endpoint_index(std::string_view path) {
    return [&]<std::size_t... I>(std::index_sequence<I...>)->std::optional<std::size_t> {
        std::optional<std::size_t> out;
        (void)((std::tuple_element_t<I, Endpoints>::path == path ? (out = I, true) : false) || ...);
        return out;
    }
    (std::make_index_sequence<std::tuple_size_v<Endpoints>>{});
}

/// Calls `f(std::type_identity<E>{}, alternative)` with the endpoint `E` of `request`'s
/// alternative and that alternative; returns what `f` returns (the same type for every `E`).
/// @throws std::bad_variant_access when `request` is valueless.
template <class Endpoints, class F>
decltype(auto) visit_endpoint(const endpoint_request<Endpoints>& request, F&& f) {
    using variant = endpoint_request<Endpoints>;
    using first = std::tuple_element_t<0, Endpoints>;
    using result = decltype(f(std::type_identity<first>{}, std::get<0>(request)));
    if (request.valueless_by_exception()) {
        throw std::bad_variant_access{};
    }
    return [&]<std::size_t... I>(std::index_sequence<I...>)->result {
        using call = result (*)(F&, const variant&);
        static constexpr call table[] = {+[](F& g, const variant& r) -> result {
            return g(std::type_identity<std::tuple_element_t<I, Endpoints>>{}, *std::get_if<I>(&r));
        }...};
        return table[request.index()](f, request);
    }
    (std::make_index_sequence<std::tuple_size_v<Endpoints>>{});
}

namespace detail {

/// Downloads the artifact of `done`, line `index`'s job, with `client` into `dir`: as
/// `names[index]`, or `<line><extension>` when that is absent or empty, synced to the disk
/// (`download_options::durable`); `h(std::error_code, file, bytes)`. The download half of every
/// adapter.
template <class Client, class Job, class Handler>
void async_download_line(Client& client, const Job& done, const std::filesystem::path& dir,
                         const std::vector<std::string>& names, std::size_t index,
                         std::string_view extension, Handler h) {
    auto path = dir / (index < names.size() && !names[index].empty()
                           ? names[index]
                           : std::to_string(index + 1) + std::string{extension});
    // Durable: the journal marks the line `done` with this file once the download returns.
    client.async_download(done, path, download_options{.durable = true},
                          [path, h = std::move(h)](std::error_code ec, std::uint64_t size) mutable {
                              h(ec, path.string(), size);
                          });
}

/// Waits with `client` (`async_wait(ref, opts, h, diagnostics*)`) on the job `ref` until it
/// ends, under `opts` cancelled by `cancel`; when `polled` is set, calls it after each poll (after
/// `opts.on_progress`) with `status_of(job)`, a `poll_status` that may view the job;
/// `h(std::error_code, diagnostics, Job)`. The wait half of every adapter (`reports_polls`).
template <class Client, class Ref, class Job, class StatusOf, class Handler>
void async_wait_line(Client& client, Ref ref, basic_wait_options<Job> opts,
                     std::shared_ptr<cancellation::state> cancel,
                     std::function<void(const poll_status&)> polled, StatusOf status_of,
                     Handler h) {
    auto diag = std::make_shared<diagnostics>();
    opts.cancel = std::move(cancel);
    if (polled) {
        opts.on_progress = [polled = std::move(polled), own = std::move(opts.on_progress),
                            status_of](const Job& j) {
            if (own) {
                own(j);
            }
            polled(status_of(j));
        };
    }
    client.async_wait(
        std::move(ref), std::move(opts),
        [diag, h = std::move(h)](std::error_code ec, Job j) mutable {
            h(ec, std::move(*diag), std::move(j));
        },
        diag.get());
}

/// `h()` after `delay` on `transport`: the sleep of every adapter.
template <class Transport, class Handler>
void async_sleep_then(Transport& transport, std::chrono::milliseconds delay, Handler h) {
    transport.async_sleep(delay, [h = std::move(h)](std::error_code) mutable { h(); });
}

} // namespace detail

} // namespace ltx::batch

#endif
