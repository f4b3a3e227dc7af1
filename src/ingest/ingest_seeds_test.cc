// Ingest on the five seed pages (../shared/seeds; label `data`, skipped without them).

#include <gtest/gtest.h>

#include "storyline/ingest.h"
#include "testing/corpus.h"
#include "testing/shared_data.h"

namespace storyline {
namespace {

TEST(Ingest, ReadsTheSeeds) {
  STORYLINE_REQUIRE_SHARED("seeds");
  auto articles = testing::LoadArticles({testing::SharedDir() + "/seeds"});
  ASSERT_EQ(articles.size(), 5u);
  EXPECT_EQ(articles[0].id, "000_ea42235deab5db02");
  EXPECT_TRUE(articles[0].title.empty());  // 000 starts with its hard-wrapped body
  EXPECT_EQ(articles[1].title,
            "Kerry Talks to Russia of Syria, Ukraine, the New Cold War (Audio Podcast)");
  // The page has a no-break space before its last word; titles keep their bytes.
  EXPECT_EQ(articles[2].title,
            "Kerry, Lavrov Try To Work Out Next Moves on Syria\xC2\xA0"
            "Conflict");
  EXPECT_EQ(articles[3].title, "Kerry to Lavrov: Russia must stop Assad strikes");
  EXPECT_EQ(articles[4].title,
            "Lavrov, Kerry Discuss Possible Russia-US Anti-Terrorism Cooperation in Syria");
}

}  // namespace
}  // namespace storyline
