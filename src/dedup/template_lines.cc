#include "dedup/template_lines.h"

#include "common/hash.h"
#include "text/utf8.h"

namespace storyline::dedup {
namespace {

// Lines this short (in bytes) are counted wherever they are; longer ones only near the ends.
constexpr size_t kShortLine = 100;
// Lines among the first and last this many of an article are counted whatever their length.
constexpr size_t kEdgeLines = 6;
// Lines longer than this are article prose, never counted (headers and footers are short).
constexpr size_t kLongestLine = 200;

bool IsSpace(char c) { return text::IsAsciiSpace(static_cast<unsigned char>(c)); }

}  // namespace

void TemplateLines::Rehash(size_t capacity) {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(capacity, Slot{});
  used_ = 0;
  for (const Slot& s : old) {
    if (s.count != 0) {
      Slot& t = Find(s.key);
      t = s;
      ++used_;
    }
  }
}

TemplateLines::Slot& TemplateLines::Find(uint64_t key) {
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix64(key) & mask;; i = (i + 1) & mask) {
    if (slots_[i].count == 0 || slots_[i].key == key) return slots_[i];
  }
}

void TemplateLines::Observe(std::string_view source, std::string_view text, uint32_t article,
                            std::vector<std::pair<uint32_t, uint32_t>>* drop) {
  if (source.empty() || min_articles_ <= 0) return;
  const uint64_t outlet = Hash64(source, 0x7e3a11e5);
  // The lines, trimmed: (begin, end) byte ranges.
  std::vector<std::pair<uint32_t, uint32_t>> lines;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    size_t b = pos, e = end;
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    if (e > b) lines.emplace_back(static_cast<uint32_t>(b), static_cast<uint32_t>(e));
    pos = end + 1;
  }
  const size_t first_drop = drop->size();
  size_t dropped_bytes = 0, line_bytes = 0;
  for (size_t k = 0; k < lines.size(); ++k) {
    const auto [b, e] = lines[k];
    const size_t len = e - b;
    line_bytes += len;
    const bool edge = k < kEdgeLines || k + kEdgeLines >= lines.size();
    if (len > kLongestLine || (len > kShortLine && !edge)) continue;
    const uint64_t key = Mix64(outlet ^ Hash64(text.substr(b, len), outlet));
    if ((used_ + 1) * 4 > slots_.size() * 3) Rehash(slots_.size() * 2);
    Slot& s = Find(key);
    if (s.count >= static_cast<uint32_t>(min_articles_)) {
      drop->emplace_back(b, e);
      dropped_bytes += len;
    }
    if (s.count == 0) {
      s.key = key;
      ++used_;
    }
    if (s.last != article) {
      s.last = article;
      ++s.count;
    }
  }
  // Some text of its own is always left: when (nearly) all of an article would go, the outlet is
  // posting the same story again (a repost, an update), and that text is what must be compared.
  if (10 * (line_bytes - dropped_bytes) < line_bytes) drop->resize(first_drop);
}

}  // namespace storyline::dedup
