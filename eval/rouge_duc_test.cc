// Our ROUGE against ROUGE-1.5.5's own figures on DUC 2004 (../shared/data; label `data`,
// skipped without it).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "rouge.h"
#include "testing/shared_data.h"

namespace storyline::eval {
namespace {

std::vector<std::string> Lines(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::vector<std::string> out;
  for (std::string l; std::getline(f, l);) out.push_back(l);
  return out;
}

// ROUGE-1.5.5's own per-topic figures for one system (a cheap slice of eval/summary_eval).
TEST(RougeN, ReproducesRouge155PerTopicOnDuc2004) {
  STORYLINE_REQUIRE_SHARED("data/duc2004-task2/rouge-reference");
  const std::filesystem::path root = testing::SharedPath("data/duc2004-task2");
  RougeExceptions exceptions;
  ASSERT_TRUE(LoadWordNetExceptions("/usr/share/wordnet", &exceptions))
      << "wordnet-base is not installed (scripts/install-deps.sh installs it)";
  RougeOptions o;
  o.exceptions = &exceptions;
  int topics = 0;
  for (const std::string& line : Lines(root / "rouge-reference" / "pertopic.ICSISumm")) {
    std::istringstream in(line);
    std::string id;
    double r1, r2, r4;
    if (!(in >> id >> r1 >> r2 >> r4)) continue;
    std::vector<std::vector<std::string>> models;
    for (char a = 'a'; a <= 'h'; ++a) {
      const auto p = root / "models" / (id + ".m.100.t." + a);
      if (std::filesystem::exists(p)) models.push_back(RougeTokens(Lines(p), o));
    }
    ASSERT_EQ(models.size(), 4u) << id;
    const auto peer = RougeTokens(Lines(root / "peers" / (id + ".ICSISumm")), o);
    EXPECT_NEAR(RougeN(peer, models, 1).recall, r1, 1.5e-5) << id;
    EXPECT_NEAR(RougeN(peer, models, 2).recall, r2, 1.5e-5) << id;
    EXPECT_NEAR(RougeN(peer, models, 4).recall, r4, 1.5e-5) << id;
    if (++topics == 10) break;
  }
  EXPECT_EQ(topics, 10);
}

}  // namespace
}  // namespace storyline::eval
