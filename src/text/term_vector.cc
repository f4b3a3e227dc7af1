#include "text/term_vector.h"

#include <algorithm>
#include <cmath>

#include "common/hash.h"
#include "text/names.h"
#include "text/stopwords.h"

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
  return terms_.Get(w, [&]() -> uint64_t {
    if (w.size() < 2 || IsNumber(w) || IsStopword(w)) return 0;
    std::string_view base = StripPossessive(w);
    if (base.size() > 1 && base.back() == '.') base.remove_suffix(1);
    const uint64_t term = Hash64(stemmer_.Stem(base), hash_seed::kTerm);
    return term == 0 ? 1 : term;  // 0 marks "not a term"
  });
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

void DocumentFrequencies::Save(ByteWriter* out) const {
  out->Varint(num_docs_);
  out->Varint(df_.size());
  df_.ForEach([&](uint64_t term, uint32_t n) {
    out->Fixed64(term);
    out->Varint(n);
  });
}

bool DocumentFrequencies::Load(ByteReader* in) {
  num_docs_ = in->Varint();
  const uint64_t n = in->Count(9);
  df_.Clear();
  for (uint64_t k = 0; k < n && in->ok(); ++k) {
    const uint64_t term = in->Fixed64();
    df_[term] = static_cast<uint32_t>(in->Varint());
  }
  return in->ok();
}

float DocumentFrequencies::Idf(uint64_t term) const {
  const uint32_t* found = df_.Find(term);
  const double df = found == nullptr ? 0.0 : *found;
  return static_cast<float>(std::log((num_docs_ + 1.0) / (df + 1.0)) + 1.0);
}

void TruncateAndNormalize(TermVector* v, int max_terms, size_t first) {
  auto part = v->begin() + static_cast<std::ptrdiff_t>(first);
  if (max_terms > 0 && v->size() - first > static_cast<size_t>(max_terms)) {
    std::nth_element(part, part + max_terms, v->end(),
                     [](const TermWeight& a, const TermWeight& b) {
                       return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
                     });
    v->resize(first + static_cast<size_t>(max_terms));
    part = v->begin() + static_cast<std::ptrdiff_t>(first);
  }
  double norm2 = 0;
  for (auto it = part; it != v->end(); ++it) norm2 += static_cast<double>(it->weight) * it->weight;
  const float inv = norm2 > 0 ? static_cast<float>(1.0 / std::sqrt(norm2)) : 0.0f;
  for (auto it = part; it != v->end(); ++it) it->weight *= inv;
  std::sort(part, v->end(),
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
  std::sort(occurrences_.begin(), occurrences_.end(),
            [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
  out->clear();
  // Sized exactly: a caller may keep many drained vectors (document frequencies over a batch).
  size_t distinct = 0;
  for (size_t k = 0; k < occurrences_.size(); ++k) {
    distinct += k == 0 || occurrences_[k].term != occurrences_[k - 1].term;
  }
  out->reserve(distinct);
  for (const TermWeight& o : occurrences_) {
    if (!out->empty() && out->back().term == o.term) {
      out->back().weight += o.weight;
    } else {
      out->push_back(o);
    }
  }
  occurrences_.clear();
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
