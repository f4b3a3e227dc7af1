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

// Decompresses a gzip stream piece by piece, so that a reader can stop at its own limit (a page,
// a record) or keep only a window (JSON Lines) instead of holding the whole output: a 4 MB
// bomb never becomes 4 GB. Several members back to back are one stream (cat a.gz b.gz); zero
// padding after the last is tolerated. Not thread-safe; `bytes` must outlive the reader.
class GunzipReader {
 public:
  explicit GunzipReader(std::string_view bytes);
  ~GunzipReader();
  GunzipReader(const GunzipReader&) = delete;
  GunzipReader& operator=(const GunzipReader&) = delete;

  // Writes up to `n` (> 0) next bytes of the output to `out`; returns how many, 0 only at the
  // stream's end. Errors (after which the reader stays failed; output before the damage is
  // returned by the call before): Corruption for a damaged or truncated stream or bytes that
  // are not gzip, ResourceExhausted when zlib cannot allocate.
  Result<size_t> Read(char* out, size_t n);
  // Output bytes produced so far.
  uint64_t produced() const { return produced_; }

 private:
  struct State;
  std::string_view bytes_;
  State* state_;
  uint64_t produced_ = 0;
};

// Decompresses a whole gzip stream (GunzipReader) into a string.
// Errors: as GunzipReader::Read, and ResourceExhausted when the output would exceed `max_bytes`
// (found after at most max_bytes + 1 bytes of output).
Result<std::string> Gunzip(std::string_view bytes, uint64_t max_bytes);

}  // namespace storyline

#endif  // STORYLINE_COMMON_GZIP_H_
