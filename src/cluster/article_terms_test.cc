#include "cluster/article_terms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace storyline::cluster {
namespace {

// Entities: names inside sentences (Latin capitals beyond ASCII included, with their pairs of
// capital and small letters in Latin Extended-A), phrases of adjacent names, never the outlet's
// own name or days of the week.
TEST(TermExtractor, EntitiesIncludeNonAsciiCapitalsAndSkipTheOutlet) {
  ArticleTermExtractor x;
  text::TermCounts counts;
  SurfaceMap surface;
  x.Add("",
        "Officials in Łódź and Żywiec met on Monday with envoys from Kraków and "
        "Ústí, the Harbor Gazette said.",
        "Harbor Gazette", ClusterOptions(), &counts, &surface);
  TermVector v;
  counts.Drain(&v);
  std::vector<std::string> entities;
  for (const TermWeight& tw : v) {
    if (FieldOf(tw.term) == kEntityField) entities.push_back(surface.at(tw.term));
  }
  auto has = [&](const std::string& e) {
    return std::find(entities.begin(), entities.end(), e) != entities.end();
  };
  EXPECT_TRUE(has("Łódź"));
  EXPECT_TRUE(has("Żywiec"));
  EXPECT_TRUE(has("Kraków"));
  EXPECT_TRUE(has("Ústí"));
  EXPECT_FALSE(has("Monday"));
  EXPECT_FALSE(has("Harbor"));
  EXPECT_FALSE(has("Gazette"));
}

}  // namespace
}  // namespace storyline::cluster
