#include "dedup/template_lines.h"

#include "dedup/tuning.h"
#include "text/words.h"

namespace storyline::dedup {
namespace {

constexpr size_t kShortLine = kTemplateShortLine;
constexpr size_t kEdgeLines = kTemplateEdgeLines;
constexpr size_t kLongestLine = kTemplateLongestLine;

}  // namespace

void TemplateLines::Observe(std::string_view outlet, std::string_view text,
                            std::vector<std::pair<uint32_t, uint32_t>>* drop) {
  if (outlet.empty() || min_articles_ <= 0) return;
  // The lines, trimmed: (begin, end) byte ranges.
  std::vector<std::pair<uint32_t, uint32_t>> all;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text::TrimLine(text.substr(pos, end - pos));
    if (!line.empty()) {
      const size_t b = static_cast<size_t>(line.data() - text.data());
      all.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(b + line.size()));
    }
    pos = end + 1;
  }
  lines_.clear();
  keys_.clear();
  size_t line_bytes = 0;
  for (size_t k = 0; k < all.size(); ++k) {
    const auto [b, e] = all[k];
    const size_t len = e - b;
    line_bytes += len;
    const bool edge = k < kEdgeLines || k + kEdgeLines >= all.size();
    if (len > kLongestLine || (len > kShortLine && !edge)) continue;
    lines_.push_back(all[k]);
    keys_.push_back(text::LineKey(text.substr(b, len)));
  }
  const size_t first_drop = drop->size();
  size_t dropped_bytes = 0;
  for (size_t k = 0; k < lines_.size(); ++k) {
    if (counts_.Count(outlet, keys_[k]) >= static_cast<uint32_t>(min_articles_)) {
      drop->push_back(lines_[k]);
      dropped_bytes += lines_[k].second - lines_[k].first;
    }
  }
  counts_.Observe(outlet, keys_);
  // Some text of its own is always left: when (nearly) all of an article would go, the outlet is
  // posting the same story again (a repost, an update), and that text is what must be compared.
  if (static_cast<double>(line_bytes - dropped_bytes) < kTemplateMinKeptShare * line_bytes) {
    drop->resize(first_drop);
  }
}

}  // namespace storyline::dedup
