#include "common/flat_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

namespace storyline {
namespace {

// Against std::map: inserts (new and repeated keys, key 0 included), lookups of present and
// absent keys, iteration, and Retain keeping a subset with changed values.
TEST(FlatMap, BehavesLikeAMap) {
  FlatMap<uint32_t> m;
  std::map<uint64_t, uint32_t> ref;
  std::mt19937_64 rng(3);
  for (int k = 0; k < 20000; ++k) {
    const uint64_t key = k % 3 == 0 ? rng() % 500 : rng();
    bool inserted = false;
    uint32_t& v = m.Insert(key, &inserted);
    EXPECT_EQ(inserted, ref.count(key) == 0);
    v += 1;
    ref[key] += 1;
  }
  m[0] = 7;
  ref[0] = 7;
  ASSERT_EQ(m.size(), ref.size());
  for (const auto& [key, value] : ref) {
    const uint32_t* found = m.Find(key);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(*found, value);
  }
  EXPECT_EQ(m.Find(0xdeadbeefcafef00dull), nullptr);
  size_t seen = 0;
  m.ForEach([&](uint64_t key, uint32_t value) {
    EXPECT_EQ(ref.at(key), value);
    ++seen;
  });
  EXPECT_EQ(seen, ref.size());
  m.Retain([](uint64_t key, uint32_t& value) {
    value *= 2;
    return key % 2 == 0;
  });
  size_t even = 0;
  for (const auto& [key, value] : ref) {
    const uint32_t* found = m.Find(key);
    if (key % 2 == 0) {
      ++even;
      ASSERT_NE(found, nullptr);
      EXPECT_EQ(*found, value * 2);
    } else {
      EXPECT_EQ(found, nullptr);
    }
  }
  EXPECT_EQ(m.size(), even);
  m.Clear();
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.Find(0), nullptr);
}

TEST(FlatMap, HoldsMovableValues) {
  FlatMap<std::string> m;
  for (int k = 0; k < 1000; ++k) m[static_cast<uint64_t>(k)] = std::to_string(k);
  for (int k = 0; k < 1000; ++k) EXPECT_EQ(*m.Find(static_cast<uint64_t>(k)), std::to_string(k));
}

}  // namespace
}  // namespace storyline
