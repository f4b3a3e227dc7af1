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
  if (lines_.size() > kMaxLines) Prune();
}

void TemplateLines::Prune() {
  for (uint64_t least = 2; lines_.size() > kMaxLines / 2 && least <= UINT32_MAX; least *= 2) {
    lines_.Retain([&](uint64_t, uint32_t count) { return count >= least; });
  }
}

uint32_t TemplateLines::Count(std::string_view outlet, uint64_t line_key) const {
  if (outlet.empty() || line_key == 0) return 0;
  const uint32_t* count = lines_.Find(Combined(OutletKey(outlet), line_key));
  return count == nullptr ? 0 : *count;
}

void TemplateLines::Save(ByteWriter* out) const {
  out->Varint(articles_.size());
  articles_.ForEach([&](uint64_t key, uint32_t n) {
    out->Fixed64(key);
    out->Varint(n);
  });
  out->Varint(lines_.size());
  lines_.ForEach([&](uint64_t key, uint32_t n) {
    out->Fixed64(key);
    out->Varint(n);
  });
}

bool TemplateLines::Load(ByteReader* in) {
  articles_.Clear();
  lines_.Clear();
  const uint64_t outlets = in->Count(9);
  for (uint64_t k = 0; k < outlets && in->ok(); ++k) {
    const uint64_t key = in->Fixed64();
    articles_[key] = static_cast<uint32_t>(in->Varint());
  }
  const uint64_t lines = in->Count(9);
  for (uint64_t k = 0; k < lines && in->ok(); ++k) {
    const uint64_t key = in->Fixed64();
    lines_[key] = static_cast<uint32_t>(in->Varint());
  }
  return in->ok();
}

uint32_t TemplateLines::Articles(std::string_view outlet) const {
  if (outlet.empty()) return 0;
  const uint32_t* n = articles_.Find(OutletKey(outlet));
  return n == nullptr ? 0 : *n;
}

}  // namespace storyline::text
