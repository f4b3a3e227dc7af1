#include "cluster/term_vector.h"

#include <algorithm>
#include <cmath>

#include "common/hash.h"
#include "text/stopwords.h"

namespace storyline::cluster {
namespace {

bool IsNumber(std::string_view w) {
  for (char c : w) {
    if (!((c >= '0' && c <= '9') || c == ',' || c == '.')) return false;
  }
  return true;
}

// True when the token at `begin` follows a sentence end (or the start of the text), where a
// capital letter says nothing about the word.
bool OpensSentence(std::string_view text, size_t begin) {
  size_t i = begin;
  while (i > 0) {
    unsigned char c = static_cast<unsigned char>(text[i - 1]);
    if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == '\t') {
      --i;
      continue;
    }
    if (c >= 0x80) {  // skip curly quotes and dashes (multi-byte punctuation)
      while (i > 0 && (static_cast<unsigned char>(text[i - 1]) & 0xC0) == 0x80) --i;
      if (i > 0) --i;
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '-';
  }
  return true;
}

}  // namespace

void TermExtractor::AddWord(std::string_view w, float weight,
                            std::unordered_map<uint64_t, float>* counts,
                            std::unordered_map<uint64_t, std::string>* surface) {
  const uint64_t key = Hash64(w, 0x776f7264);
  auto it = cache_.find(key);
  uint64_t term;
  if (it != cache_.end()) {
    term = it->second;
  } else {
    term = 0;
    std::string_view base = w;
    if (base.size() >= 2 && !IsNumber(base) && !text::IsStopword(base)) {
      // A possessive "'s" or an abbreviation's final dot does not make a new term:
      // "kerry's" -> "kerry", "u.s." -> "u.s".
      if (base.size() > 2 && base.substr(base.size() - 2) == "'s") base.remove_suffix(2);
      if (base.size() > 1 && base.back() == '.') base.remove_suffix(1);
      term = Hash64(stemmer_.Stem(base), 0x7465726d);
      if (term == 0) term = 1;  // 0 marks "not a term"
    }
    if (cache_.size() >= kMaxCache) cache_.clear();
    cache_.emplace(key, term);
  }
  if (term == 0) return;
  (*counts)[term] += weight;
  if (surface != nullptr) surface->try_emplace(term, w);
}

void TermExtractor::AddText(std::string_view text, float weight,
                            std::unordered_map<uint64_t, float>* counts, float proper_weight) {
  if (proper_weight == 1.0f) {
    AddTextWithSurface(text, weight, counts, nullptr);
    return;
  }
  // Tokenise the raw text to see capitals, then fold each token: ASCII inline, the rare
  // non-ASCII token through NormalizeText.
  tokens_.clear();
  Tokenize(text, &tokens_);
  for (const Token& t : tokens_) {
    std::string_view raw = text.substr(t.begin, t.end - t.begin);
    bool ascii = true;
    for (char c : raw) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
      folded_.assign(raw);
      for (char& c : folded_) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    } else {
      folded_ = NormalizeText(raw);
    }
    bool capital = raw[0] >= 'A' && raw[0] <= 'Z';
    bool proper = capital && !OpensSentence(text, t.begin);
    AddWord(folded_, proper ? weight * proper_weight : weight, counts, nullptr);
  }
}

void TermExtractor::AddTextWithSurface(std::string_view text, float weight,
                                       std::unordered_map<uint64_t, float>* counts,
                                       std::unordered_map<uint64_t, std::string>* surface) {
  normalized_ = NormalizeText(text);
  tokens_.clear();
  Tokenize(normalized_, &tokens_);
  std::string_view norm = normalized_;
  for (const Token& t : tokens_) AddWord(norm.substr(t.begin, t.end - t.begin), weight, counts,
                                         surface);
}

void DocumentFrequencies::Add(const std::unordered_map<uint64_t, float>& counts) {
  ++num_docs_;
  for (const auto& [term, c] : counts) {
    if (c > 0) ++df_[term];
  }
}

float DocumentFrequencies::Idf(uint64_t term) const {
  auto it = df_.find(term);
  double df = it == df_.end() ? 0.0 : it->second;
  return static_cast<float>(std::log((num_docs_ + 1.0) / (df + 1.0)) + 1.0);
}

TermVector WeightAndNormalize(const std::unordered_map<uint64_t, float>& counts,
                              const DocumentFrequencies& df, int max_terms) {
  TermVector v;
  v.reserve(counts.size());
  for (const auto& [term, c] : counts) {
    if (c <= 0) continue;  // only zero-weighted occurrences (a title weighted 0)
    // Sublinear term frequency, continuous below one occurrence so fractional weights scale.
    double tf = c >= 1 ? 1.0 + std::log(c) : c;
    v.push_back({term, static_cast<float>(tf * df.Idf(term))});
  }
  if (max_terms > 0 && v.size() > static_cast<size_t>(max_terms)) {
    std::nth_element(v.begin(), v.begin() + max_terms, v.end(),
                     [](const TermWeight& a, const TermWeight& b) {
                       return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
                     });
    v.resize(static_cast<size_t>(max_terms));
  }
  double norm2 = 0;
  for (const TermWeight& tw : v) norm2 += static_cast<double>(tw.weight) * tw.weight;
  float inv = norm2 > 0 ? static_cast<float>(1.0 / std::sqrt(norm2)) : 0.0f;
  for (TermWeight& tw : v) tw.weight *= inv;
  std::sort(v.begin(), v.end(), [](const TermWeight& a, const TermWeight& b) {
    return a.term < b.term;
  });
  return v;
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

}  // namespace storyline::cluster
