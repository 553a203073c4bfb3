// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The reflection engine: validation, JSON output and input, multipart and query encoding of
// any Boost.Describe'd aggregate. It knows nothing of the LTX API.
#ifndef LTX_REFLECT_HPP
#define LTX_REFLECT_HPP

#include <ltx/detail/config.hpp>
#include <ltx/reflect/classify.hpp>
#include <ltx/reflect/enum.hpp>
#include <ltx/reflect/form.hpp>
#include <ltx/reflect/json_read.hpp>
#include <ltx/reflect/json_write.hpp>
#include <ltx/reflect/rules.hpp>
#include <ltx/reflect/schema.hpp>
#include <ltx/reflect/validate.hpp>

#endif
