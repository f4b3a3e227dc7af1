#include "dedup/posting_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

namespace storyline::dedup {
namespace {

// What the table should report for a key: its first article and the newest kHeld - 1 others,
// from a plain map of every posting.
struct Reference {
  std::map<uint64_t, std::vector<uint32_t>> postings;
  void Check(uint64_t key, const PostingTable::Postings& p) const {
    auto it = postings.find(key);
    if (it == postings.end()) {
      EXPECT_EQ(p.first, PostingTable::kNone);
      EXPECT_EQ(p.count, 0u);
      return;
    }
    const std::vector<uint32_t>& all = it->second;
    ASSERT_EQ(p.first, all.front());
    EXPECT_EQ(p.count, all.size());
    std::vector<uint32_t> want;
    for (size_t k = all.size(); k-- > 1 && want.size() < PostingTable::kHeld - 1;) {
      want.push_back(all[k]);
    }
    EXPECT_EQ(std::vector<uint32_t>(p.recent, p.recent + p.num_recent), want) << key;
  }
};

// A table that doubles several times keeps every key's postings (home and tag are recovered from
// the entries alone). Starting at 256 buckets, keys are told apart by 32 bits: among these ~7k
// keys a false match has odds of about 1 in 200 (fixed seed: the run is the same every time).
TEST(PostingTable, GrowsWithoutLosingPostings) {
  PostingTable table(256);
  Reference ref;
  std::mt19937_64 rng(7);
  for (uint32_t article = 0; article < 2500; ++article) {
    for (int k = 0; k < 4; ++k) {
      // Mostly fresh keys, some shared by a few articles, one key carried by every 50th.
      uint64_t key = rng();
      if (k == 1) key = rng() % 800;
      if (k == 2 && article % 50 == 0) key = 123456789;
      bool seen = false;
      table.Upsert(key, article, [&](const PostingTable::Postings& p) {
        ref.Check(key, p);
        seen = true;
      });
      EXPECT_TRUE(seen);
      std::vector<uint32_t>& list = ref.postings[key];
      if (list.empty() || list.back() != article) list.push_back(article);
    }
  }
  EXPECT_FALSE(table.full());
  EXPECT_GE(table.MemoryBytes(), size_t{2048} * 64);  // grew from 256 buckets
  EXPECT_LT(table.MemoryBytes(), size_t{2500} * 4 * 8 * 3);
}

// A key carried by more articles than it holds keeps its hub and newest postings and counts the
// rest; Filter drops postings but not the count.
TEST(PostingTable, HoldsHubAndNewestAndFilters) {
  PostingTable table(16);
  const uint64_t key = 42;
  const uint32_t n = 500;
  for (uint32_t a = 0; a < n; ++a) table.Upsert(key, a, [](const PostingTable::Postings&) {});
  EXPECT_EQ(table.postings(), PostingTable::kHeld);
  table.Upsert(key, n, [&](const PostingTable::Postings& p) {
    EXPECT_EQ(p.first, 0u);
    EXPECT_EQ(p.count, n);
    ASSERT_EQ(p.num_recent, PostingTable::kHeld - 1);
    EXPECT_EQ(p.recent[0], n - 1);
    EXPECT_EQ(p.recent[p.num_recent - 1], n - PostingTable::kHeld + 1);
  });
  table.Filter([&](uint32_t a) { return a % 2 == 1; });  // the hub (0) goes
  table.Upsert(key, n + 1, [&](const PostingTable::Postings& p) {
    EXPECT_EQ(p.first, n - PostingTable::kHeld + 2);  // the oldest odd one left (437)
    EXPECT_EQ(p.recent[0], n - 1);
    EXPECT_GE(p.count, n / 2);
  });
  table.Upsert(7, n + 2,
               [&](const PostingTable::Postings& p) { EXPECT_EQ(p.first, PostingTable::kNone); });
}

// Reserve sizes an empty table once; postings beyond it still fit (the table doubles).
TEST(PostingTable, ReserveThenOverfill) {
  PostingTable table(16);
  table.Reserve(1000);
  const size_t reserved = table.MemoryBytes();
  for (uint32_t a = 0; a < 5000; ++a)
    table.Upsert(a * 0x9e3779b97f4a7c15ull, a, [](const auto&) {});
  EXPECT_EQ(table.postings(), 5000u);
  EXPECT_GT(table.MemoryBytes(), reserved);
  for (uint32_t a = 0; a < 5000; ++a) {
    table.Upsert(a * 0x9e3779b97f4a7c15ull, 5000 + a, [&](const PostingTable::Postings& p) {
      EXPECT_EQ(p.first, a);
      EXPECT_EQ(p.num_recent, 0u);
    });
  }
}

}  // namespace
}  // namespace storyline::dedup
