// Template lines (internal): per-outlet counts of the articles that carried each line — the
// evidence that a line (a header, a footer, a share bar, "Read more at ...") is an outlet's
// template rather than its article. The one implementation behind plain-text cleaning
// (TemplateModel, storyline/extract.h) and dedup's per-outlet template removal; each applies its
// own policy to the counts (batch with a share rule for cleaning, online for dedup).
//
// Lines are compared in their NormalizeText form, so case, quotes and spacing do not matter.
// Memory: 16 bytes per distinct (outlet, line) at a load of at most 3/4, plus one counter per
// outlet. Not thread-safe for writers; concurrent readers are fine.

#ifndef STORYLINE_TEXT_TEMPLATE_LINES_H_
#define STORYLINE_TEXT_TEMPLATE_LINES_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/flat_map.h"

namespace storyline::text {

// The key of a line: a hash of its NormalizeText form; 0 for a line that normalises to nothing.
uint64_t LineKey(std::string_view line);
// The same for a line already in NormalizeText form.
uint64_t NormalizedLineKey(std::string_view normalized);

// Memory is bounded: past kMaxLines (outlet, line) keys, the lines that only one article carried
// are forgotten (most lines are an article's own and never come back; a template line recurs in
// every article of its outlet and is counted again at once), then, if that is not enough, those
// that fewer than 4, 8, ... articles carried, until at most half the keys are left.
class TemplateLines {
 public:
  static constexpr size_t kMaxLines = size_t{1} << 18;

  // Counts one article of `outlet` and, once each, the distinct non-zero `line_keys` it carried.
  // An empty outlet (unknown) is no outlet: nothing is learned.
  void Observe(std::string_view outlet, std::span<const uint64_t> line_keys);
  // The articles of `outlet` observed so far that carried the line with key `line_key`.
  uint32_t Count(std::string_view outlet, uint64_t line_key) const;
  // The articles of `outlet` observed so far.
  uint32_t Articles(std::string_view outlet) const;
  size_t MemoryBytes() const { return lines_.MemoryBytes() + articles_.MemoryBytes(); }

  // The counts as bytes / read back (false on bad bytes, leaving the counts unspecified).
  void Save(ByteWriter* out) const;
  bool Load(ByteReader* in);

 private:
  void Prune();
  FlatMap<uint32_t, 75> lines_;  // Mix of outlet and line key -> articles carrying it
  FlatMap<uint32_t> articles_;   // outlet key -> articles
  std::vector<uint64_t> scratch_;
};

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_TEMPLATE_LINES_H_
