// Bytes split into a few articles, through dedup, clustering, briefs and rendering (JSON, text
// and HTML reports).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "storyline/storyline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<storyline::Article> articles;
  size_t pos = 0;
  while (pos <= in.size() && articles.size() < 8) {
    size_t end = in.find('\x1e', pos);  // record separator splits articles
    if (end == std::string_view::npos) end = in.size();
    storyline::Article a;
    a.id = std::to_string(articles.size());
    a.text = storyline::NormalizeText(in.substr(pos, end - pos)) + " " +
             std::string(in.substr(pos, end - pos));
    if (!storyline::IsValidUtf8(a.text)) a.text = storyline::NormalizeText(a.text);
    if (articles.size() % 2) a.timestamp = static_cast<int64_t>(articles.size()) * 86400;
    articles.push_back(std::move(a));
    pos = end + 1;
  }
  auto r = storyline::RunPipeline(std::move(articles), storyline::PipelineOptions());
  if (!r.ok()) std::abort();
  for (const auto& s : r->stories) (void)storyline::StoryToJson(*r, s);
  for (size_t i = 0; i < r->articles.size(); ++i) (void)storyline::ArticleToJson(*r, i);
  (void)storyline::FormatReport(*r, 0);
  const std::string html = storyline::FormatHtmlReport(*r, 0);
  // Nothing of the input may reach the page as markup.
  if (html.find("<script") != std::string::npos) std::abort();
  return 0;
}
