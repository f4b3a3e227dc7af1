// Per-outlet template lines for dedup (internal). A line (header, footer, share bar, "Read more
// at ...") that an outlet's earlier articles carried often enough is that outlet's template: it
// is left out of the outlet's later articles before they are sketched, so template text neither
// makes two different articles of one outlet look like copies nor dilutes a real copy.
//
// The counts are text::TemplateLines (the same model plain-text cleaning uses); this is dedup's
// policy over them. Learning is online and in article order, so a stream and a batch learn the
// same thing. Only lines that look like furniture are counted: short ones anywhere, and any line
// among the first and last few of an article (where headers and footers sit); article paragraphs
// are long and unique, and counting them would cost memory for nothing. Nothing is left out of an
// article that would keep under a tenth of its text: that is the outlet posting a story again.

#ifndef STORYLINE_DEDUP_TEMPLATE_LINES_H_
#define STORYLINE_DEDUP_TEMPLATE_LINES_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "text/template_lines.h"

namespace storyline::dedup {

class TemplateLines {
 public:
  // `min_articles`: a line is template once this many earlier articles of the outlet had it
  // (0: never).
  explicit TemplateLines(int min_articles) : min_articles_(min_articles) {}

  // Appends to `*drop` the byte ranges of `text`'s lines that are template for `outlet` now,
  // then counts `text`'s lines for `outlet`. Does nothing for an empty (unknown) outlet.
  void Observe(std::string_view outlet, std::string_view text,
               std::vector<std::pair<uint32_t, uint32_t>>* drop);

  size_t MemoryBytes() const { return counts_.MemoryBytes(); }

  // The counts as bytes / read back (false on bad bytes).
  void Save(ByteWriter* out) const { counts_.Save(out); }
  bool Load(ByteReader* in) { return counts_.Load(in); }

 private:
  int min_articles_;
  text::TemplateLines counts_;
  std::vector<std::pair<uint32_t, uint32_t>> lines_;  // scratch: counted lines' byte ranges
  std::vector<uint64_t> keys_;                        // scratch: their keys
};

}  // namespace storyline::dedup

#endif  // STORYLINE_DEDUP_TEMPLATE_LINES_H_
