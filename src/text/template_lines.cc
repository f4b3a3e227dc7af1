#include "text/template_lines.h"

#include <algorithm>
#include <string>

#include "common/hash.h"
#include "storyline/text.h"

namespace storyline::text {
namespace {

uint64_t OutletKey(std::string_view outlet) { return Hash64(outlet, hash_seed::kOutlet); }
uint64_t Combined(uint64_t outlet, uint64_t line) { return Mix64(outlet ^ Mix64(line)); }

}  // namespace

uint64_t NormalizedLineKey(std::string_view normalized) {
  if (normalized.empty()) return 0;
  const uint64_t h = Hash64(normalized, hash_seed::kLine);
  return h == 0 ? 1 : h;
}

uint64_t LineKey(std::string_view line) { return NormalizedLineKey(NormalizeText(line)); }

void TemplateLines::Observe(std::string_view outlet, std::span<const uint64_t> line_keys) {
  if (outlet.empty()) return;
  const uint64_t o = OutletKey(outlet);
  uint32_t& articles = articles_[o];
  if (articles != UINT32_MAX) ++articles;
  // A line repeated inside one article (a footer printed twice) still counts once: the counts
  // measure how many articles carry a line.
  scratch_.assign(line_keys.begin(), line_keys.end());
  std::sort(scratch_.begin(), scratch_.end());
  scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
  for (const uint64_t key : scratch_) {
    if (key == 0) continue;
    uint32_t& count = lines_[Combined(o, key)];
    if (count != UINT32_MAX) ++count;
  }
}

uint32_t TemplateLines::Count(std::string_view outlet, uint64_t line_key) const {
  if (outlet.empty() || line_key == 0) return 0;
  const uint32_t* count = lines_.Find(Combined(OutletKey(outlet), line_key));
  return count == nullptr ? 0 : *count;
}

uint32_t TemplateLines::Articles(std::string_view outlet) const {
  if (outlet.empty()) return 0;
  const uint32_t* n = articles_.Find(OutletKey(outlet));
  return n == nullptr ? 0 : *n;
}

}  // namespace storyline::text
