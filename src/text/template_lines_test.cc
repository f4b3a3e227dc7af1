#include "text/template_lines.h"

#include <gtest/gtest.h>

#include <vector>

namespace storyline::text {
namespace {

// A stream far longer than the key budget: every article carries its own lines and its outlet's
// footer. The counts stay bounded and the footer is still counted in every article.
TEST(TemplateLines, MemoryStaysBoundedAndTemplateLinesSurvive) {
  TemplateLines lines;
  const uint64_t footer = LineKey("Share this story on Facebook | Twitter");
  const size_t articles = TemplateLines::kMaxLines;  // five own lines each: 5x the budget
  const size_t empty_bytes = lines.MemoryBytes();
  for (size_t a = 0; a < articles; ++a) {
    std::vector<uint64_t> keys = {footer};
    for (uint64_t k = 1; k <= 5; ++k) keys.push_back(a * 8 + k);
    lines.Observe(a % 2 == 0 ? "Outlet A" : "Outlet B", keys);
  }
  EXPECT_EQ(lines.Count("Outlet A", footer), articles / 2);
  EXPECT_EQ(lines.Count("Outlet B", footer), articles / 2);
  EXPECT_EQ(lines.Articles("Outlet A"), articles / 2);
  EXPECT_EQ(lines.Count("Outlet A", 8 * 2 + 1), 0u) << "an early article's own line is forgotten";
  EXPECT_LT(lines.MemoryBytes(), empty_bytes + 16 * 2 * TemplateLines::kMaxLines * 100 / 75);
}

TEST(TemplateLines, BelowTheBudgetEveryLineIsCounted) {
  TemplateLines lines;
  for (uint64_t a = 0; a < 1000; ++a) lines.Observe("Outlet", std::vector<uint64_t>{a + 1, 7777});
  for (uint64_t a = 0; a < 1000; ++a) EXPECT_EQ(lines.Count("Outlet", a + 1), 1u);
  EXPECT_EQ(lines.Count("Outlet", 7777), 1000u);
}

}  // namespace
}  // namespace storyline::text
