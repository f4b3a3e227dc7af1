#include "text/term_vector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace storyline::text {
namespace {

TEST(TermExtractor, StemsFoldsAndDropsStopwords) {
  TermExtractor x;
  std::unordered_map<uint64_t, float> a, b;
  x.AddText("The ministers were meeting in Moscow.", 1.0f, &a);
  x.AddText("MINISTER meets moscow", 1.0f, &b);
  EXPECT_EQ(a.size(), 3u);  // minist, meet, moscow
  for (const auto& [t, c] : b) EXPECT_TRUE(a.count(t)) << "term missing";
}

TEST(TermExtractor, PossessiveIsTheSameTerm) {
  TermExtractor x;
  std::unordered_map<uint64_t, float> a, b;
  x.AddText("Kerry's", 1.0f, &a);
  x.AddText("Kerry", 1.0f, &b);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a.begin()->first, b.begin()->first);
}

TEST(WeightAndNormalize, UnitLengthSortedAndTruncated) {
  TermExtractor x;
  DocumentFrequencies df;
  std::unordered_map<uint64_t, float> c;
  x.AddText("alpha beta gamma delta epsilon zeta eta theta alpha alpha", 1.0f, &c);
  df.Add(c);
  TermVector v = WeightAndNormalize(c, df, 3);
  ASSERT_EQ(v.size(), 3u);
  double n2 = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    n2 += v[i].weight * v[i].weight;
    if (i) {
      EXPECT_LT(v[i - 1].term, v[i].term);
    }
  }
  EXPECT_NEAR(n2, 1.0, 1e-5);
  EXPECT_NEAR(Dot(v, v), 1.0, 1e-5);
}

TEST(DocumentFrequencies, RareTermsWeighMore) {
  DocumentFrequencies df;
  df.Add(std::unordered_map<uint64_t, float>{{1, 1.0f}, {2, 1.0f}});
  df.Add(std::unordered_map<uint64_t, float>{{1, 1.0f}});
  df.Add(std::unordered_map<uint64_t, float>{{1, 1.0f}});
  EXPECT_GT(df.Idf(2), df.Idf(1));
  EXPECT_GT(df.Idf(3), df.Idf(2));
}

}  // namespace
}  // namespace storyline::text
