// Gzip decompression (internal; below every stage that reads files: extract and ingest).

#ifndef STORYLINE_COMMON_GZIP_H_
#define STORYLINE_COMMON_GZIP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "storyline/status.h"

namespace storyline {

// True when `bytes` starts with the gzip magic bytes (1f 8b).
inline bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// Decompresses a gzip stream (as in .html.gz files; several members are concatenated).
// Errors: Corruption for a damaged or truncated stream or for bytes that are not gzip,
// ResourceExhausted when the output would exceed `max_bytes`.
Result<std::string> Gunzip(std::string_view bytes, uint64_t max_bytes);

}  // namespace storyline

#endif  // STORYLINE_COMMON_GZIP_H_
