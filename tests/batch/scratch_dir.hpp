// Copyright (c) ltx authors. Distributed under the Boost Software License, Version 1.0.
// The batch tests' scratch folder (journal databases, downloaded files), without the simulator.
#ifndef LTX_TESTS_BATCH_SCRATCH_DIR_HPP
#define LTX_TESTS_BATCH_SCRATCH_DIR_HPP

#include <filesystem>
#include <string>
#include <system_error>

#include <unistd.h>

namespace batch_test {

// A test's scratch folder, `<temp>/ltx-batch-<name>-<pid>` with an empty `out/` inside (the
// adapters' output folder), removed with everything in it at the end.
struct scratch_dir {
    explicit scratch_dir(const std::string& name)
        : path(std::filesystem::temp_directory_path() /
               ("ltx-batch-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path / "out");
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    ~scratch_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
};

} // namespace batch_test

#endif
