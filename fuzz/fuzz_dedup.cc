// Bytes split into articles (with outlets, dates and repeated pieces so that copies, template
// lines and reused passages actually occur), through a streaming DedupIndex with a time window,
// checked against the batch run, and rendered as JSON groups.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "storyline/storyline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<storyline::Article> articles;
  size_t pos = 0;
  while (pos <= in.size() && articles.size() < 24) {
    size_t end = in.find('\x1e', pos);  // record separator splits articles
    if (end == std::string_view::npos) end = in.size();
    std::string_view piece = in.substr(pos, end - pos);
    storyline::Article a;
    a.id = std::to_string(articles.size());
    // Valid UTF-8 as the library requires: invalid bytes become U+FFFD in the normalised copy.
    std::string text(piece);
    if (!storyline::IsValidUtf8(text)) text = storyline::NormalizeText(text);
    // Every third article repeats an earlier one inside some furniture: copies and passages.
    if (articles.size() % 3 == 2) {
      text = "Header line of the outlet\n" + articles[articles.size() - 2].text + "\n" + text +
             "\nFooter line of the outlet";
    }
    a.text = std::move(text);
    a.source = (articles.size() % 2) ? "Outlet A" : "";
    if (articles.size() % 4 != 3)
      a.timestamp = static_cast<int64_t>(articles.size() % 5) * 86400 * 3;
    articles.push_back(std::move(a));
    pos = end + 1;
  }
  storyline::DedupOptions o;
  o.min_containment_words = 3;
  o.min_reuse_words = 4;
  o.threads = 1;
  auto batch = storyline::Deduplicate(articles, o);
  if (!batch.ok()) std::abort();
  // The same articles through an index in uneven batches: identical results.
  auto index = storyline::DedupIndex::Create(o);
  if (!index.ok()) std::abort();
  for (size_t at = 0; at < articles.size(); at += 1 + at % 3) {
    size_t n = std::min(articles.size() - at, 1 + at % 3);
    if (!(*index)->Add(std::span<const storyline::Article>(articles).subspan(at, n)).ok())
      std::abort();
  }
  storyline::DedupResult streamed = (*index)->Snapshot();
  for (size_t i = 0; i < articles.size(); ++i) {
    if (streamed.articles[i].duplicate_of != batch->articles[i].duplicate_of) std::abort();
    const int64_t d = batch->articles[i].duplicate_of;
    if (d >= 0 && batch->articles[static_cast<size_t>(d)].duplicate_of != -1) std::abort();
  }
  for (const storyline::PartialReuse& r : batch->reuse) {
    for (const storyline::ReuseSpan& s : r.spans) {
      if (s.begin > s.end || s.end > articles[r.copy].text.size() ||
          s.source_begin > s.source_end || s.source_end > articles[r.source].text.size()) {
        std::abort();
      }
    }
  }
  (void)storyline::DedupGroupsToJsonLines(articles, *batch);
  // A windowed index evicts as dates advance and must stay consistent.
  o.window_seconds = 86400 * 4;
  auto windowed = storyline::DedupIndex::Create(o);
  if (!windowed.ok()) std::abort();
  for (const storyline::Article& a : articles) {
    if (!(*windowed)->Add(a).ok()) std::abort();
  }
  storyline::DedupResult w = (*windowed)->Snapshot();
  (void)storyline::DedupGroupsToJsonLines(articles, w);
  return 0;
}
