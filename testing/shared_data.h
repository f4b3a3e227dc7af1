// Tests that read ../shared (the seeds and the public data sets, which stay outside the
// repository): where it is, and a skip with a clear message when it is absent. A user's clone has
// no ../shared; CI has it. Such tests live in binaries labelled `data` (CTest), so
// `ctest -L data` runs exactly them and `ctest -LE data` everything else.

#ifndef STORYLINE_TESTING_SHARED_DATA_H_
#define STORYLINE_TESTING_SHARED_DATA_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace storyline::testing {

// The path of `relative` inside ../shared (e.g. "seeds", "data/duc2004-task2").
inline std::string SharedPath(const std::string& relative) {
  return (std::filesystem::path(STORYLINE_SHARED_DIR) / relative).string();
}

// True when ../shared/`relative` exists.
inline bool HaveShared(const std::string& relative) {
  std::error_code ec;
  return std::filesystem::exists(SharedPath(relative), ec);
}

// The bytes of the seed page whose file name starts with `prefix` ("000_"), or empty when the
// seeds are absent.
std::string ReadSeed(std::string_view prefix);

}  // namespace storyline::testing

// Skips the current test, naming what is missing, when ../shared/`relative` does not exist.
#define STORYLINE_REQUIRE_SHARED(relative)                                                  \
  do {                                                                                      \
    if (!::storyline::testing::HaveShared(relative)) {                                      \
      GTEST_SKIP() << "needs ../shared/" << (relative) << " (not in this checkout; CI has " \
                   << "it): skipped";                                                       \
    }                                                                                       \
  } while (0)

#endif  // STORYLINE_TESTING_SHARED_DATA_H_
