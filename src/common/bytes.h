// A compact binary encoding for index state kept between runs (internal): little-endian fixed
// widths and LEB128 varints appended to a string, and a reader that checks every read, so bytes
// from a damaged store are an error, never a crash.

#ifndef STORYLINE_COMMON_BYTES_H_
#define STORYLINE_COMMON_BYTES_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace storyline {

class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_->push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_->push_back(static_cast<char>(v));
  }
  // Zig-zag: small negative numbers stay short.
  void SignedVarint(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Fixed64(uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
    out_->append(b, 8);
  }
  void Fixed32(uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
    out_->append(b, 4);
  }
  void Double(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    Fixed64(bits);
  }
  void Float(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    Fixed32(bits);
  }
  void Bytes(std::string_view s) {
    Varint(s.size());
    out_->append(s);
  }

 private:
  std::string* out_;
};

// Reads what ByteWriter wrote. After a read past the end or a malformed varint, ok() is false and
// every later read returns 0 (callers check ok() once at the end, or before using a count).
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!ok_ || pos_ >= in_.size()) return Fail();
      const auto b = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
    return Fail();
  }
  int64_t SignedVarint() {
    const uint64_t z = Varint();
    return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  uint64_t Fixed64() {
    if (!Have(8)) return Fail();
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
      v |= static_cast<uint64_t>(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return v;
  }
  uint32_t Fixed32() {
    if (!Have(4)) return static_cast<uint32_t>(Fail());
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v |= static_cast<uint32_t>(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return v;
  }
  double Double() {
    const uint64_t bits = Fixed64();
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  float Float() {
    const uint32_t bits = Fixed32();
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
  }
  std::string_view Bytes() {
    const uint64_t n = Varint();
    if (!Have(n)) {
      Fail();
      return {};
    }
    const std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // A count of items of at least `min_bytes` bytes each: fails (returns 0) when the rest of the
  // input could not hold them, so a damaged count never makes a caller reserve gigabytes.
  uint64_t Count(size_t min_bytes) {
    const uint64_t n = Varint();
    if (ok_ && n > (in_.size() - pos_) / (min_bytes == 0 ? 1 : min_bytes)) return Fail();
    return n;
  }

 private:
  bool Have(uint64_t n) const { return ok_ && n <= in_.size() - pos_; }
  uint64_t Fail() {
    ok_ = false;
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace storyline

#endif  // STORYLINE_COMMON_BYTES_H_
