#include "text/term_vector.h"

#include <algorithm>
#include <cmath>

#include "common/hash.h"
#include "text/names.h"

namespace storyline::text {
namespace {

bool IsNumber(std::string_view w) {
  for (char c : w) {
    if (!((c >= '0' && c <= '9') || c == ',' || c == '.')) return false;
  }
  return true;
}

}  // namespace

uint64_t TermExtractor::TermOf(std::string_view w) {
  if (w.size() < 2 || IsNumber(w)) return 0;
  std::string_view base = StripPossessive(w);
  if (base.size() > 1 && base.back() == '.') base.remove_suffix(1);
  const StemCache::Stem stem = stems_.Of(base);
  if (stem.stop) return 0;
  return stem.hash == 0 ? 1 : stem.hash;  // 0 marks "not a term"
}

std::string_view TermExtractor::Fold(std::string_view raw) {
  bool ascii = true;
  for (char c : raw) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    folded_.assign(raw);
    for (char& c : folded_) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  } else {
    folded_ = NormalizeText(raw);
  }
  return folded_;
}

void TermExtractor::AddText(std::string_view text, float weight,
                            std::unordered_map<uint64_t, float>* counts) {
  normalized_ = NormalizeText(text);
  AddNormalizedText(normalized_, weight, counts);
}

void TermExtractor::AddNormalizedText(std::string_view normalized, float weight,
                                      std::unordered_map<uint64_t, float>* counts) {
  tokens_.clear();
  Tokenize(normalized, &tokens_);
  for (const Token& t : tokens_) {
    const uint64_t term = TermOf(normalized.substr(t.begin, t.end - t.begin));
    if (term != 0) (*counts)[term] += weight;
  }
}

void DocumentFrequencies::Add(const TermVector& counts) {
  ++num_docs_;
  for (const TermWeight& tw : counts) {
    if (tw.weight > 0) ++df_[tw.term];
  }
}

void DocumentFrequencies::Add(const std::unordered_map<uint64_t, float>& counts) {
  ++num_docs_;
  for (const auto& [term, c] : counts) {
    if (c > 0) ++df_[term];
  }
}

float DocumentFrequencies::Idf(uint64_t term) const {
  const uint32_t* found = df_.Find(term);
  const double df = found == nullptr ? 0.0 : *found;
  return static_cast<float>(std::log((num_docs_ + 1.0) / (df + 1.0)) + 1.0);
}

float TfIdf(float count, float idf) {
  const double tf = count >= 1 ? 1.0 + std::log(count) : count;
  return static_cast<float>(tf * idf);
}

void TruncateAndNormalize(TermVector* v, int max_terms) {
  if (max_terms > 0 && v->size() > static_cast<size_t>(max_terms)) {
    std::nth_element(v->begin(), v->begin() + max_terms, v->end(),
                     [](const TermWeight& a, const TermWeight& b) {
                       return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
                     });
    v->resize(static_cast<size_t>(max_terms));
  }
  double norm2 = 0;
  for (const TermWeight& tw : *v) norm2 += static_cast<double>(tw.weight) * tw.weight;
  const float inv = norm2 > 0 ? static_cast<float>(1.0 / std::sqrt(norm2)) : 0.0f;
  for (TermWeight& tw : *v) tw.weight *= inv;
  std::sort(v->begin(), v->end(),
            [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
}

TermVector WeightAndNormalize(const std::unordered_map<uint64_t, float>& counts,
                              const DocumentFrequencies& df, int max_terms) {
  TermVector v;
  v.reserve(counts.size());
  for (const auto& [term, c] : counts) {
    if (c <= 0) continue;  // only zero-weighted occurrences (a title weighted 0)
    v.push_back({term, TfIdf(c, df.Idf(term))});
  }
  TruncateAndNormalize(&v, max_terms);
  return v;
}

void TermCounts::Drain(TermVector* out) {
  out->clear();
  out->reserve(counts_.size());
  counts_.ForEach([&](uint64_t term, float weight) { out->push_back({term, weight}); });
  counts_.Reset();
  std::sort(out->begin(), out->end(),
            [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
}

double Dot(const TermVector& a, const TermVector& b) {
  double s = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].term == b[j].term) {
      s += static_cast<double>(a[i].weight) * b[j].weight;
      ++i;
      ++j;
    } else if (a[i].term < b[j].term) {
      ++i;
    } else {
      ++j;
    }
  }
  return s;
}

}  // namespace storyline::text
