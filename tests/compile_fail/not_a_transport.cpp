// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// Must not compile: the type has no send(const request&, error_code&), so the check names what
// is missing ("T does not model ltx::sync_transport: it needs send(...)").
#include <ltx/http/transport.hpp>

namespace {

struct not_a_transport {
    // A near miss: the right name, but without the error_code overload the concept requires.
    ltx::http::response send(const ltx::http::request& req);
};

} // namespace

LTX_ASSERT_SYNC_TRANSPORT(not_a_transport);

int main() {}
