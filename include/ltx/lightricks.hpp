// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
//
// The official LTX API by Lightricks (`https://api.ltx.video`), beside the LTX Studio API of
// <ltx/ltx.hpp>: its models and rules, and its client.
#ifndef LTX_LIGHTRICKS_HPP
#define LTX_LIGHTRICKS_HPP

#include <ltx/detail/config.hpp>
#include <ltx/lightricks/api.hpp>
#include <ltx/lightricks/client.hpp>
#include <ltx/lightricks/models.hpp>

#endif
