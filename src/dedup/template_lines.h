// Per-outlet template lines for dedup (internal). A line (header, footer, share bar, "Read more
// at ...") that an outlet's earlier articles carried often enough is that outlet's template: it
// is left out of the outlet's later articles before they are sketched, so template text neither
// makes two different articles of one outlet look like copies nor dilutes a real copy.
//
// Learning is online and in article order, so a stream and a batch learn the same thing. Only
// lines that look like furniture are counted: short ones anywhere, and any line among the first
// and last few of an article (where headers and footers sit); article paragraphs are long and
// unique, and counting them would cost memory for nothing. Nothing is left out of an article
// that would keep under a tenth of its text: that is the outlet posting a story again.

#ifndef STORYLINE_DEDUP_TEMPLATE_LINES_H_
#define STORYLINE_DEDUP_TEMPLATE_LINES_H_

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace storyline::dedup {

class TemplateLines {
 public:
  // `min_articles`: a line is template once this many earlier articles of the outlet had it.
  explicit TemplateLines(int min_articles) : min_articles_(min_articles) { Rehash(1024); }

  // Appends to `*drop` the byte ranges of `text`'s lines that are template for `source` now,
  // then counts `text`'s lines for `source` (each line once per article). `article` is the
  // article's index (any increasing number). Does nothing for an empty source.
  void Observe(std::string_view source, std::string_view text, uint32_t article,
               std::vector<std::pair<uint32_t, uint32_t>>* drop);

  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t count = 0;   // 0: empty
    uint32_t last = ~0u;  // last article counted, so repeats inside one article count once
  };
  Slot& Find(uint64_t key);
  void Rehash(size_t capacity);

  int min_articles_;
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

}  // namespace storyline::dedup

#endif  // STORYLINE_DEDUP_TEMPLATE_LINES_H_
