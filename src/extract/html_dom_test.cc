#include "extract/html_dom.h"

#include <gtest/gtest.h>

namespace storyline::extract {
namespace {

TEST(ParseHtml, PreOrderWithSubtreeRanges) {
  Dom dom;
  ASSERT_TRUE(ParseHtml("<html><body><div id=a><p>One <b>two</b></p><p>three</p></div></body>"
                        "</html>",
                        &dom)
                  .ok());
  uint32_t div = 0;
  for (uint32_t i = 0; i < dom.nodes.size(); ++i) {
    if (dom.nodes[i].tag == Tag::kDiv) div = i;
  }
  ASSERT_NE(div, 0u);
  EXPECT_EQ(dom.Attribute(div, AttrName::kId), "a");
  EXPECT_EQ(dom.SubtreeText(div), "One two three");
  // Every node of the subtree has its parent inside the subtree.
  for (uint32_t k = div + 1; k < dom.nodes[div].end; ++k) {
    EXPECT_GE(dom.nodes[k].parent, div);
    EXPECT_LT(dom.nodes[k].parent, k);
  }
  EXPECT_EQ(dom.nodes[0].end, dom.nodes.size());
}

TEST(ParseHtml, RecoversFromBrokenMarkup) {
  Dom dom;
  ASSERT_TRUE(ParseHtml("<p>open <b>bold <i>both</p> after </div></span><table><td>cell", &dom)
                  .ok());
  EXPECT_NE(dom.SubtreeText(0).find("cell"), std::string::npos);
  ASSERT_TRUE(ParseHtml("", &dom).ok());
  ASSERT_TRUE(ParseHtml(std::string(100000, '<'), &dom).ok());
}

TEST(ParseHtml, DeepNestingDoesNotOverflow) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "deep";
  Dom dom;
  ASSERT_TRUE(ParseHtml(html, &dom).ok());
  EXPECT_EQ(dom.SubtreeText(0), "deep");
}

TEST(ParseHtml, ScriptTextIsNotPageText) {
  Dom dom;
  ASSERT_TRUE(ParseHtml("<p>visible</p><script>var x = 1;</script><style>p{}</style>", &dom).ok());
  EXPECT_EQ(dom.SubtreeText(0), "visible");
}

}  // namespace
}  // namespace storyline::extract
