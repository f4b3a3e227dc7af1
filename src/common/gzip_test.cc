#include "common/gzip.h"

#include "testing/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

namespace storyline {
namespace {

using testing::Gzip;

std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

constexpr uint64_t kNoLimit = 1ull << 40;

TEST(Gunzip, RoundTrip) {
  const std::string html = "<html><body><p>Grüße aus München</p></body></html>";
  for (const std::string& data :
       {std::string(), html, RandomBytes(100000, 1), std::string(3 << 20, 'a')}) {
    Result<std::string> r = Gunzip(Gzip(data), kNoLimit);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, data);
  }
}

TEST(Gunzip, StoredBlocksAndBestCompression) {
  const std::string data = RandomBytes(70000, 2) + std::string(50000, 'z');
  for (int level : {0, 1, 9}) {
    Result<std::string> r = Gunzip(Gzip(data, level), kNoLimit);
    ASSERT_TRUE(r.ok()) << level;
    EXPECT_EQ(*r, data);
  }
}

TEST(Gunzip, MultiMemberStreamIsConcatenated) {
  const std::string a = "first member, ", b = RandomBytes(5000, 3), c = "third";
  Result<std::string> r = Gunzip(Gzip(a) + Gzip(b) + Gzip(c), kNoLimit);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, a + b + c);
}

TEST(Gunzip, TrailingZeroPaddingIsAcceptedGarbageIsNot) {
  Result<std::string> padded = Gunzip(Gzip("abc") + std::string(512, '\0'), kNoLimit);
  ASSERT_TRUE(padded.ok());
  EXPECT_EQ(*padded, "abc");
  Result<std::string> garbage = Gunzip(Gzip("abc") + "junk", kNoLimit);
  EXPECT_EQ(garbage.status().code(), StatusCode::kCorruption);
}

TEST(Gunzip, EveryTruncationIsCorruption) {
  const std::string gz = Gzip("<p>" + RandomBytes(2000, 4) + "</p>");
  for (size_t n = 0; n < gz.size(); ++n) {
    Result<std::string> r = Gunzip(std::string_view(gz).substr(0, n), kNoLimit);
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << "prefix " << n;
  }
}

TEST(Gunzip, DamagedStreamIsCorruptionNeverACrash) {
  const std::string data = "The quick brown fox jumps over the lazy dog. " + RandomBytes(3000, 5);
  const std::string gz = Gzip(data);
  std::mt19937 rng(6);
  int ok = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string bad = gz;
    bad[10 + rng() % (bad.size() - 10)] ^= static_cast<char>(1 + rng() % 255);
    Result<std::string> r = Gunzip(bad, kNoLimit);
    if (r.ok()) {
      ++ok;
    } else {
      EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << r.status().ToString();
    }
  }
  // The CRC-32 and length trailer catch almost every flipped byte.
  EXPECT_LT(ok, 20);
}

TEST(Gunzip, NotGzipIsCorruption) {
  EXPECT_EQ(Gunzip("", kNoLimit).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Gunzip("<html>plain</html>", kNoLimit).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Gunzip(std::string(100, '\0'), kNoLimit).status().code(), StatusCode::kCorruption);
  // A raw zlib stream (no gzip header) is not accepted either.
  std::string zlib_stream(200, '\0');
  uLongf len = zlib_stream.size();
  ASSERT_EQ(compress(reinterpret_cast<Bytef*>(zlib_stream.data()), &len,
                     reinterpret_cast<const Bytef*>("hello hello hello"), 17),
            Z_OK);
  zlib_stream.resize(len);
  EXPECT_EQ(Gunzip(zlib_stream, kNoLimit).status().code(), StatusCode::kCorruption);
}

TEST(Gunzip, BombOverLimitIsResourceExhausted) {
  // 64 MiB of zeros compresses to well under 1 MiB; the limit stops inflation at 1 MiB.
  z_stream zs{};
  ASSERT_EQ(deflateInit2(&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  const std::string zeros(1 << 20, '\0');
  std::string gz;
  char buf[1 << 16];
  for (int i = 0; i < 64; ++i) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    zs.avail_in = static_cast<uInt>(zeros.size());
    const int flush = i == 63 ? Z_FINISH : Z_NO_FLUSH;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof(buf);
      deflate(&zs, flush);
      gz.append(buf, sizeof(buf) - zs.avail_out);
    } while (zs.avail_out == 0);
  }
  deflateEnd(&zs);
  ASSERT_LT(gz.size(), 1u << 20);
  Result<std::string> r = Gunzip(gz, 1 << 20);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
}

TEST(Gunzip, LimitIsInclusive) {
  const std::string data = RandomBytes(10000, 7);
  const std::string gz = Gzip(data);
  Result<std::string> exact = Gunzip(gz, data.size());
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(*exact, data);
  EXPECT_EQ(Gunzip(gz, data.size() - 1).status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Gunzip(Gzip("x"), 0).status().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(Gunzip(Gzip(""), 0).ok());
}

}  // namespace
}  // namespace storyline
