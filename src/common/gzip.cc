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

std::string ZlibMessage(const z_stream& zs, std::string_view fallback) {
  std::string msg = "gzip: ";
  msg.append(zs.msg != nullptr ? std::string_view(zs.msg) : fallback);
  return msg;
}

}  // namespace

struct GunzipReader::State {
  z_stream zs{};
  bool open = false;
  bool member_done = false;
  bool ended = false;
  size_t consumed = 0;  // input bytes handed to zlib so far
  Status failed;
  ~State() {
    if (open) inflateEnd(&zs);
  }
};

GunzipReader::GunzipReader(std::string_view bytes) : bytes_(bytes), state_(new State) {
  if (bytes.empty()) {
    state_->failed = Status::Corruption("gzip: empty input");
    return;
  }
  // 16 + MAX_WBITS: expect a gzip header and trailer (CRC-32 and length are checked by zlib).
  if (inflateInit2(&state_->zs, 16 + MAX_WBITS) != Z_OK) {
    state_->failed = Status::ResourceExhausted("gzip: cannot allocate the inflate state");
    return;
  }
  state_->open = true;
}

GunzipReader::~GunzipReader() { delete state_; }

Result<size_t> GunzipReader::Read(char* out, size_t n) {
  State& s = *state_;
  if (!s.failed.ok()) return s.failed;
  size_t got = 0;
  // Output produced before an error is returned first; the error comes with the next call.
  auto fail = [&](Status st) -> Result<size_t> {
    s.failed = st;
    if (got == 0) return st;
    produced_ += got;
    return got;
  };
  while (got < n && !s.ended) {
    if (s.member_done) {
      // After a member: another member, or zero padding to the end; anything else is damage.
      const std::string_view rest = bytes_.substr(s.consumed);
      if (rest.empty() || rest.find_first_not_of('\0') == std::string_view::npos) {
        s.ended = true;
        break;
      }
      if (!IsGzip(rest)) return fail(Status::Corruption("gzip: trailing garbage after the compressed data"));
      if (inflateReset(&s.zs) != Z_OK) return fail(Status::Internal("gzip: inflateReset failed"));
      s.member_done = false;
    }
    if (s.zs.avail_in == 0 && s.consumed < bytes_.size()) {
      // avail_in is 32 bits wide; feed huge inputs in slices.
      const size_t slice = std::min<size_t>(bytes_.size() - s.consumed, UINT_MAX);
      s.zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes_.data() + s.consumed));
      s.zs.avail_in = static_cast<uInt>(slice);
      s.consumed += slice;
    }
    const size_t room = std::min<size_t>(n - got, UINT_MAX);
    s.zs.next_out = reinterpret_cast<Bytef*>(out + got);
    s.zs.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&s.zs, Z_NO_FLUSH);
    got += room - s.zs.avail_out;
    switch (rc) {
      case Z_OK:
        break;
      case Z_STREAM_END:
        // Input zlib did not use belongs to whatever follows this member.
        s.consumed -= s.zs.avail_in;
        s.zs.avail_in = 0;
        s.member_done = true;
        break;
      case Z_BUF_ERROR:
        // No progress: with output room left, the input ran out before the member ended.
        if (s.zs.avail_out != 0 && s.zs.avail_in == 0 && s.consumed == bytes_.size()) {
          return fail(Status::Corruption("gzip: truncated stream"));
        }
        break;
      case Z_NEED_DICT:
        return fail(Status::Corruption("gzip: stream needs a preset dictionary"));
      case Z_DATA_ERROR:
        return fail(Status::Corruption(ZlibMessage(s.zs, "damaged stream")));
      case Z_MEM_ERROR:
        return fail(Status::ResourceExhausted("gzip: out of memory"));
      default:
        return fail(Status::Internal(ZlibMessage(s.zs, "inflate failed")));
    }
    if (rc == Z_OK && s.zs.avail_in == 0 && s.consumed == bytes_.size() && s.zs.avail_out != 0) {
      // All input used, output room left, and the member has not ended: truncated.
      return fail(Status::Corruption("gzip: truncated stream"));
    }
  }
  produced_ += got;
  return got;
}

Result<std::string> Gunzip(std::string_view bytes, uint64_t max_bytes) {
  GunzipReader reader(bytes);
  std::string out;
  // Compressed HTML usually expands 4-10x; start there, then double, never past the limit + 1
  // (one byte over is enough to know the limit is exceeded).
  const uint64_t hard_cap = max_bytes == UINT64_MAX ? max_bytes : max_bytes + 1;
  out.resize(static_cast<size_t>(
      std::min<uint64_t>(hard_cap, std::max<uint64_t>(bytes.size() * 4, 4096))));
  size_t produced = 0;
  while (true) {
    if (produced == out.size()) {
      if (out.size() >= hard_cap) break;
      out.resize(static_cast<size_t>(std::min<uint64_t>(hard_cap, uint64_t{out.size()} * 2)));
    }
    Result<size_t> got = reader.Read(out.data() + produced, out.size() - produced);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    produced += *got;
  }
  if (produced > max_bytes) {
    return Status::ResourceExhausted("gzip: output exceeds " + std::to_string(max_bytes) +
                                     " bytes");
  }
  out.resize(produced);
  return out;
}

}  // namespace storyline
