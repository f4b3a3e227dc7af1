// Gunzip (common/gzip.h): zlib inflate of gzip streams.

#include "common/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>

namespace storyline {
namespace {

struct InflateStream {
  z_stream zs{};
  bool open = false;
  ~InflateStream() {
    if (open) inflateEnd(&zs);
  }
};

std::string ZlibMessage(const z_stream& zs, std::string_view fallback) {
  std::string msg = "gzip: ";
  msg.append(zs.msg != nullptr ? std::string_view(zs.msg) : fallback);
  return msg;
}

}  // namespace

Result<std::string> Gunzip(std::string_view bytes, uint64_t max_bytes) {
  if (bytes.empty()) return Status::Corruption("gzip: empty input");
  InflateStream s;
  // 16 + MAX_WBITS: expect a gzip header and trailer (CRC-32 and length are checked by zlib).
  if (inflateInit2(&s.zs, 16 + MAX_WBITS) != Z_OK) {
    return Status::ResourceExhausted("gzip: cannot allocate the inflate state");
  }
  s.open = true;

  std::string out;
  // Compressed HTML usually expands 4-10x; start there, then double, never past the limit + 1
  // (one byte over is enough to know the limit is exceeded).
  const uint64_t hard_cap = max_bytes == UINT64_MAX ? max_bytes : max_bytes + 1;
  out.resize(static_cast<size_t>(
      std::min<uint64_t>(hard_cap, std::max<uint64_t>(bytes.size() * 4, 4096))));
  size_t produced = 0;
  size_t consumed = 0;  // input bytes handed to zlib so far
  bool member_done = false;

  while (true) {
    if (member_done) {
      // A gzip file may hold several members back to back (cat a.gz b.gz); anything else after a
      // member is tolerated only as zero padding.
      const std::string_view rest = bytes.substr(consumed);
      if (rest.empty() || rest.find_first_not_of('\0') == std::string_view::npos) break;
      if (!IsGzip(rest)) {
        return Status::Corruption("gzip: trailing garbage after the compressed data");
      }
      if (inflateReset(&s.zs) != Z_OK) return Status::Internal("gzip: inflateReset failed");
      member_done = false;
    }
    if (s.zs.avail_in == 0 && consumed < bytes.size()) {
      // avail_in is 32 bits wide; feed huge inputs in slices.
      const size_t slice = std::min<size_t>(bytes.size() - consumed, UINT_MAX);
      s.zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + consumed));
      s.zs.avail_in = static_cast<uInt>(slice);
      consumed += slice;
    }
    if (produced == out.size()) {
      if (out.size() >= hard_cap) {
        return Status::ResourceExhausted("gzip: output exceeds " + std::to_string(max_bytes) +
                                         " bytes");
      }
      out.resize(static_cast<size_t>(std::min<uint64_t>(hard_cap, uint64_t{out.size()} * 2)));
    }
    const size_t room = std::min<size_t>(out.size() - produced, UINT_MAX);
    s.zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    s.zs.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&s.zs, Z_NO_FLUSH);
    produced += room - s.zs.avail_out;
    if (produced > max_bytes) {
      return Status::ResourceExhausted("gzip: output exceeds " + std::to_string(max_bytes) +
                                       " bytes");
    }
    switch (rc) {
      case Z_OK:
        break;
      case Z_STREAM_END:
        // Input zlib did not use belongs to whatever follows this member.
        consumed -= s.zs.avail_in;
        s.zs.avail_in = 0;
        member_done = true;
        break;
      case Z_BUF_ERROR:
        // No progress: with output room left, the input ran out before the member ended.
        if (s.zs.avail_out != 0 && s.zs.avail_in == 0 && consumed == bytes.size()) {
          return Status::Corruption("gzip: truncated stream");
        }
        break;
      case Z_NEED_DICT:
        return Status::Corruption("gzip: stream needs a preset dictionary");
      case Z_DATA_ERROR:
        return Status::Corruption(ZlibMessage(s.zs, "damaged stream"));
      case Z_MEM_ERROR:
        return Status::ResourceExhausted("gzip: out of memory");
      default:
        return Status::Internal(ZlibMessage(s.zs, "inflate failed"));
    }
    if (rc == Z_OK && s.zs.avail_in == 0 && consumed == bytes.size() && s.zs.avail_out != 0) {
      // All input used, output room left, and the member has not ended: truncated.
      return Status::Corruption("gzip: truncated stream");
    }
  }
  out.resize(produced);
  return out;
}

}  // namespace storyline
