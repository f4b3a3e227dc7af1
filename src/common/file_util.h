// File-system helpers (internal). All return Status; none throws.

#ifndef STORYLINE_COMMON_FILE_UTIL_H_
#define STORYLINE_COMMON_FILE_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "storyline/status.h"

namespace storyline {

// Reads the whole file at `path` into `*out`. Fails with NotFound, IOError, or ResourceExhausted
// when the file is larger than `max_bytes`.
Status ReadFileToString(const std::string& path, uint64_t max_bytes, std::string* out);

// Writes `data` to `path` atomically: a temporary file in the same directory, then rename.
Status WriteStringToFile(const std::string& path, std::string_view data);

}  // namespace storyline

#endif  // STORYLINE_COMMON_FILE_UTIL_H_
