// The suite-wide secrets scan's collector. Every text a test checks for the API token (an
// error message, a diagnostics string, the CLI's output and its dry runs) is also appended,
// when the environment variable LTX_SECRETS_LOG names a file, to that file: one record per
// line, `<source>\t<text>` with CR, LF and backslashes escaped. The `gcc` step of
// scripts/test.sh runs the suite with it set, then tests/secrets_scan.py fails on any token of
// either API in what was collected, and on a source that collected nothing.
#ifndef LTX_TESTS_SECRETS_HPP
#define LTX_TESTS_SECRETS_HPP

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

namespace ltx_test {

/// Appends `text`, seen by a test of `source` (`client`, `tools`, ...), to $LTX_SECRETS_LOG.
inline void record_output(std::string_view source, std::string_view text) {
    static const char* const path = std::getenv("LTX_SECRETS_LOG");
    if (path == nullptr || text.empty())
        return;
    std::string line{source};
    line += '\t';
    for (const char c : text) {
        if (c == '\n')
            line += "\\n";
        else if (c == '\r')
            line += "\\r";
        else if (c == '\\')
            line += "\\\\";
        else
            line += c;
    }
    line += '\n';
    // One write per record, in append mode: the test processes ctest runs in parallel share
    // the file without interleaving inside a record.
    const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE_MESSAGE(fd >= 0, "cannot open LTX_SECRETS_LOG");
    const auto written = ::write(fd, line.data(), line.size());
    ::close(fd);
    REQUIRE(written == static_cast<ssize_t>(line.size()));
}

} // namespace ltx_test

#endif
