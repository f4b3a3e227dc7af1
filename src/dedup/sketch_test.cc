#include "dedup/sketch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>

#include "testing/corpus.h"
#include "testing/oracle.h"

namespace storyline::dedup {
namespace {

TEST(Sketch, ExactHashIgnoresCaseSpacingAndPunctuation) {
  DedupOptions o;
  SketchScratch s;
  Sketch a, b, c;
  BuildSketch("The Mayor said:  \"We will  rebuild.\"", o, &s, &a);
  BuildSketch("the mayor said we will\nrebuild", o, &s, &b);
  BuildSketch("the mayor said we will not rebuild", o, &s, &c);
  EXPECT_EQ(a.exact, b.exact);
  EXPECT_FALSE(a.exact == c.exact);
  EXPECT_EQ(a.num_words, 6u);
  EXPECT_EQ(a.shingles.size(), 2u);  // 6 words, 5-word shingles
}

TEST(Sketch, ShingleSetMatchesOracleSize) {
  DedupOptions o;
  SketchScratch s;
  testing::CorpusSpec spec;
  spec.num_originals = 20;
  auto corpus = testing::GenerateCorpus(spec);
  for (const Article& a : corpus.articles) {
    Sketch sk;
    BuildSketch(a.text, o, &s, &sk);
    auto oracle = testing::ShingleSet(a.text, o.shingle_words);
    // 32-bit shingle hashes may collide, but essentially never within one article.
    EXPECT_NEAR(static_cast<double>(sk.shingles.size()), static_cast<double>(oracle.size()), 1.0);
    EXPECT_EQ(sk.minhash.size(), static_cast<size_t>(o.num_hashes));
  }
}

TEST(Sketch, EmptyTextHasNoShingles) {
  DedupOptions o;
  SketchScratch s;
  Sketch sk;
  BuildSketch("  ...  ", o, &s, &sk);
  EXPECT_EQ(sk.num_words, 0u);
  EXPECT_TRUE(sk.shingles.empty());
  EXPECT_TRUE(sk.samples.empty());
}

// The fraction of equal one-permutation MinHash values estimates Jaccard without bias.
TEST(OnePermutationMinHash, EstimatesJaccard) {
  std::mt19937_64 rng(7);
  std::vector<uint8_t> filled;
  double total_err = 0;
  const int trials = 200;
  for (int t = 0; t < trials; ++t) {
    std::vector<uint64_t> a, b;
    int shared = 100 + static_cast<int>(rng() % 300);
    int only = static_cast<int>(rng() % 300);
    for (int i = 0; i < shared; ++i) {
      uint64_t h = rng();
      a.push_back(h);
      b.push_back(h);
    }
    for (int i = 0; i < only; ++i) a.push_back(rng());
    for (int i = 0; i < only; ++i) b.push_back(rng());
    double truth = static_cast<double>(shared) / (shared + 2 * only);
    std::vector<uint32_t> sa, sb;
    OnePermutationMinHash(a, 128, 99, &filled, &sa);
    OnePermutationMinHash(b, 128, 99, &filled, &sb);
    int eq = 0;
    for (int i = 0; i < 128; ++i) eq += sa[i] == sb[i];
    double est = eq / 128.0;
    total_err += (est - truth) * (est - truth);
  }
  double rmse = std::sqrt(total_err / trials);
  EXPECT_LT(rmse, 0.06);  // binomial standard error at K=128 is at most 0.044
}

TEST(OnePermutationMinHash, DensificationFillsEveryBin) {
  std::vector<uint8_t> filled;
  std::vector<uint32_t> sig;
  OnePermutationMinHash({1, 2, 3}, 64, 5, &filled, &sig);
  for (uint32_t v : sig) EXPECT_NE(v, 0xFFFFFFFFu);
}

TEST(IntersectionSize, CountsCommonElements) {
  EXPECT_EQ(IntersectionSize({1, 3, 5, 7}, {2, 3, 4, 7, 9}), 2u);
  EXPECT_EQ(IntersectionSize({}, {1}), 0u);
  EXPECT_EQ(IntersectionSize({1, 2}, {1, 2}), 2u);
}

TEST(Winnow, SharedRunsOfAWindowShareASelectedHash) {
  // Two sequences that share a run of 40 hashes inside different material.
  std::vector<uint64_t> a, b;
  for (uint64_t i = 0; i < 100; ++i) a.push_back(Mix64(i + 1));
  for (uint64_t i = 0; i < 70; ++i) b.push_back(Mix64(i + 1000));
  b.insert(b.begin() + 30, a.begin() + 50, a.begin() + 90);
  for (size_t window : {4, 8, 16, 20}) {
    std::vector<uint64_t> wa, wb;
    dedup::Winnow(a, window, 7, &wa);
    dedup::Winnow(b, window, 7, &wb);
    std::sort(wa.begin(), wa.end());
    std::sort(wb.begin(), wb.end());
    std::vector<uint64_t> common;
    std::set_intersection(wa.begin(), wa.end(), wb.begin(), wb.end(), std::back_inserter(common));
    // Every window wholly inside the shared run selects the same position in both.
    EXPECT_GE(common.size(), 40 / window) << "window " << window;
    // Density about 2 / (window + 1), and at least one per window.
    EXPECT_GE(wa.size(), a.size() / window);
    EXPECT_LE(wa.size(), a.size() * 4 / (window + 1) + 1);
  }
}

TEST(Winnow, ShortAndEmptyInputs) {
  std::vector<uint64_t> out = {42};
  dedup::Winnow({}, 8, 1, &out);
  EXPECT_TRUE(out.empty());
  dedup::Winnow({5, 3, 9}, 8, 1, &out);
  EXPECT_EQ(out.size(), 1u);
}

TEST(WordHashes, SimdAndByteByByteMasksAgree) {
  testing::CorpusSpec spec;
  spec.num_originals = 30;
  auto corpus = testing::GenerateCorpus(spec);
  std::vector<std::string> texts;
  for (const Article& a : corpus.articles) texts.push_back(a.text);
  // Edge cases: words across 64-byte blocks, joiners at block ends, non-ASCII words and
  // punctuation, numbers, text ending inside a word.
  texts.push_back(std::string(63, 'a') + "-b c'd 1,000.5 x-");
  texts.push_back("caf\xC3\xA9 don\xE2\x80\x99t (AP)\xE2\x80\x94The U.S. e-mail 3.5% -x- 'q'");
  texts.push_back(
      "\xE5\x8C\x97\xE4\xBA\xAC is \xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1 ok");
  std::mt19937_64 rng(3);
  for (int t = 0; t < 200; ++t) {
    std::string r;
    for (int k = 0; k < 300; ++k) {
      static const char kAlphabet[] = "aZ9 .,'-\n\xC3\xA9!";
      r.push_back(kAlphabet[rng() % (sizeof(kAlphabet) - 1)]);
    }
    texts.push_back(r);
  }
  SketchScratch s;
  for (const std::string& text : texts) {
    std::vector<uint64_t> simd, scalar;
    WordHashes(text, 5, &s, &simd, true);
    WordHashes(text, 5, &s, &scalar, false);
    EXPECT_EQ(simd, scalar) << text;
  }
}

TEST(WordHashes, FoldCaseAndTypography) {
  SketchScratch s;
  std::vector<uint64_t> a, b, c;
  WordHashes("Don\xE2\x80\x99t STOP the 1,000 CAF\xC3\x89S", 1, &s, &a);
  WordHashes("don't stop THE 1,000 caf\xC3\xA9s", 1, &s, &b);
  WordHashes("dont stop the 1000 cafes", 1, &s, &c);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 5u);
  EXPECT_NE(a, c);
}

TEST(WordHashes, AbbreviationsMatchWhicheverPathTheyTake) {
  // Curly quotes send the chunk through Tokenize, which keeps "U.S." whole; the ASCII path
  // splits it. Both must give the same words.
  SketchScratch s;
  std::vector<uint64_t> ascii, curly;
  WordHashes("\"U.S. officials\" said at 9 a.m., e.g. today", 1, &s, &ascii);
  WordHashes(
      "\xE2\x80\x9CU.S. officials\xE2\x80\x9D said at 9 a.m.\xE2\x80\x94"
      "e.g. today",
      1, &s, &curly);
  EXPECT_EQ(ascii, curly);
}

TEST(OnePermutationMinHash, AllMaximalValuesDoNotHang) {
  // A value of 0xFFFFFFFF in every bin looks like "nothing landed here": densification must
  // not search forever for a filled bin.
  const uint64_t seed = 5;
  std::vector<uint8_t> filled;
  std::vector<uint32_t> sig;
  OnePermutationMinHash({Mix64(seed) ^ 0xFFFFFFFFull}, 128, seed, &filled, &sig);
  EXPECT_EQ(sig.size(), 128u);
}

}  // namespace
}  // namespace storyline::dedup
