// The bundled example corpus against its ground truth (examples/truth.json).

#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>

#include "storyline/storyline.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

struct Truth {
  std::map<std::string, std::string> story;         // id -> story key
  std::map<std::string, std::string> duplicate_of;  // id -> original id (copies only)
  std::map<std::string, std::string> kind;
};

Truth LoadTruth() {
  Truth t;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto err = parser.load(testing::SourceDir() + "/examples/truth.json").get(root);
  EXPECT_FALSE(err) << simdjson::error_message(err);
  if (err) return t;
  for (auto [id, v] : simdjson::dom::object(root["articles"])) {
    t.story[std::string(id)] = std::string(std::string_view(v["story"]));
    if (!v["duplicate_of"].is_null()) {
      t.duplicate_of[std::string(id)] = std::string(std::string_view(v["duplicate_of"]));
      t.kind[std::string(id)] = std::string(std::string_view(v["kind"]));
    }
  }
  return t;
}

class ExamplesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    truth_ = LoadTruth();
    auto articles = testing::LoadArticles({testing::SourceDir() + "/examples/corpus.jsonl"});
    ASSERT_EQ(articles.size(), truth_.story.size());
    auto r = RunPipeline(std::move(articles), PipelineOptions());
    ASSERT_TRUE(r.ok());
    result_ = std::move(*r);
  }
  Truth truth_;
  PipelineResult result_;
};

TEST_F(ExamplesTest, EveryCopyPointsAtItsOriginalWithTheRightKind) {
  size_t copies = 0;
  for (size_t i = 0; i < result_.articles.size(); ++i) {
    const std::string& id = result_.articles[i].id;
    const DuplicateInfo& d = result_.dedup.articles[i];
    auto it = truth_.duplicate_of.find(id);
    if (it == truth_.duplicate_of.end()) {
      EXPECT_EQ(d.duplicate_of, -1) << id << " wrongly marked a copy";
      continue;
    }
    ++copies;
    ASSERT_GE(d.duplicate_of, 0) << id << " copy missed";
    EXPECT_EQ(result_.articles[d.duplicate_of].id, it->second) << id;
    EXPECT_EQ(DuplicateKindName(d.kind), truth_.kind[id]) << id;
  }
  EXPECT_EQ(copies, truth_.duplicate_of.size());
}

TEST_F(ExamplesTest, StoriesMatchTheGroundTruth) {
  // Pairwise precision and recall of "same story" over all article pairs.
  size_t tp = 0, fp = 0, fn = 0;
  const size_t n = result_.articles.size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      bool truth = truth_.story[result_.articles[i].id] == truth_.story[result_.articles[j].id];
      bool pred = result_.story_id[i] == result_.story_id[j];
      tp += truth && pred;
      fp += !truth && pred;
      fn += truth && !pred;
    }
  }
  double precision = tp / double(tp + fp), recall = tp / double(tp + fn);
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.9);
}

TEST_F(ExamplesTest, BriefsHaveHeadlinesAndThreeToFiveSentences) {
  for (const Story& s : result_.stories) {
    EXPECT_FALSE(s.headline.empty());
    EXPECT_LE(s.summary.size(), 5u);
    if (s.originals.size() > 1) {
      EXPECT_GE(s.summary.size(), 3u) << s.headline;
    }
  }
}

}  // namespace
}  // namespace storyline
