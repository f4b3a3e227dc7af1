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

uint64_t TermExtractor::TermOf(std::string_view w) {
  const uint64_t key = Hash64(w, 0x776f7264) | 1;  // never 0, the empty slot
  if (cache_.empty()) cache_.resize(kCacheSlots);
  CacheSlot& slot = cache_[key & (kCacheSlots - 1)];
  uint64_t term;
  if (slot.key == key) {
    term = slot.term;
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
    slot = {key, term};
  }
  return term;
}

void TermExtractor::AddWord(std::string_view w, float weight,
                            std::unordered_map<uint64_t, float>* counts,
                            std::unordered_map<uint64_t, std::string>* surface) {
  const uint64_t term = TermOf(w);
  if (term == 0) return;
  (*counts)[term] += weight;
  if (surface != nullptr) surface->try_emplace(term, w);
}

void TermExtractor::Fold(std::string_view raw) {
  bool ascii = true;
  for (char c : raw) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    folded_.assign(raw);
    for (char& c : folded_) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  } else {
    folded_ = NormalizeText(raw);
  }
}

namespace {

bool StartsUpper(std::string_view raw) {
  const auto c = static_cast<unsigned char>(raw[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c < 0x80) return false;
  // Latin-1 supplement and Latin Extended-A capitals ("Élysée", "Łódź"), Greek and Cyrillic
  // capitals: enough for names in European news.
  if (raw.size() < 2 || c < 0xC2 || c > 0xDF) return false;
  const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(raw[1]) & 0x3Fu);
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;  // À..Þ but ×
  // Latin Extended-A pairs capital and small letters; the capital is the even code point in
  // Ā..ķ and Ŋ..ŷ, the odd one in Ĺ..ň and Ź..ž, and Ÿ stands alone.
  if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
  if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
  if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
  if (cp == 0x178) return true;
  if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
  if (cp >= 0x391 && cp <= 0x3A9) return true;  // Greek Α..Ω
  if (cp >= 0x400 && cp <= 0x42F) return true;  // Cyrillic Ѐ..Џ, А..Я
  return false;
}

// Capitalised words that name no one: days, months, titles and honorifics ("Fire Chief Ortiz"
// shares "Chief" with every fire story; "Thursday" with every story of the week).
bool IsEntityStopword(std::string_view folded) {
  static constexpr std::string_view kWords[] = {
      "monday",  "tuesday",   "wednesday",  "thursday",   "friday",      "saturday", "sunday",
      "january", "february",  "march",      "april",      "may",         "june",     "july",
      "august",  "september", "october",    "november",   "december",    "jan",      "feb",
      "mar",     "apr",       "jun",        "jul",        "aug",         "sep",      "sept",
      "oct",     "nov",       "dec",        "mr",         "mrs",         "ms",       "dr",
      "sir",     "gov",       "sen",        "rep",        "gen",         "lt",       "col",
      "sgt",     "capt",      "chief",      "president",  "minister",    "prime",    "governor",
      "senator", "mayor",     "officer",    "spokesman",  "spokeswoman", "director", "secretary",
      "police",  "fire",      "department", "county",     "city",        "state",    "university",
      "news",    "north",     "south",      "east",       "west",        "northern", "southern",
      "eastern", "western",   "new",        "associated", "press",       "reuters",  "afp",
      "ap",      "update",    "breaking",   "photo",      "video",       "read",     "more",
      "said",    "says",      "according",  "but",        "and",         "the",      "a",
      "in"};
  for (std::string_view w : kWords) {
    if (w == folded) return true;
  }
  return false;
}

// Words joining two capitalised words inside one name ("Bank of England", "Abu al-Bakr").
bool IsNameJoiner(std::string_view folded) {
  return folded == "of" || folded == "de" || folded == "del" || folded == "van" ||
         folded == "von" || folded == "al" || folded == "bin" || folded == "la" || folded == "du";
}

// "1,000" and "1000" are one number; a final dot is punctuation.
std::string NumberKey(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c != ',') out.push_back(c);
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

void TermExtractor::AddArticleFields(std::string_view title, std::string_view text,
                                     std::string_view source, const FieldWeights& w,
                                     TermCounts* counts, SurfaceMap* surface) {
  std::vector<uint64_t> outlet;  // terms of the outlet's name
  tokens_.clear();
  Tokenize(source, &tokens_);
  for (const Token& t : tokens_) {
    Fold(source.substr(t.begin, t.end - t.begin));
    if (const uint64_t term = TermOf(folded_); term != 0) outlet.push_back(term);
  }

  auto is_outlet = [&](uint64_t term) {
    return std::find(outlet.begin(), outlet.end(), term) != outlet.end();
  };
  auto add = [&](uint64_t term, Field f, float weight, std::string_view display) {
    const uint64_t t = InField(term, f);
    counts->Add(t, weight);
    if (surface != nullptr) surface->try_emplace(t, display);
  };
  // Numbers of one digit say nothing; "1,000" is "1000".
  auto add_number = [&](std::string_view raw) {
    const std::string key = NumberKey(raw);
    if (key.size() >= 2 || key.find('.') != std::string::npos) {
      add(Hash64(key, 0x6e756d62), kNumberField, 1.0f, key);
    }
  };
  // Body: every content word in the all-words field (the lead counting more); capitalised words
  // that do not open a sentence, and runs of them, in the entity field; numbers in theirs.
  tokens_.clear();
  Tokenize(text, &tokens_);
  std::vector<uint64_t> body_entities;
  std::string phrase, phrase_display;
  size_t phrase_words = 0;
  uint32_t phrase_end = 0;
  // Appends a token to the phrase being built (`word`: a name, not a joiner like "of").
  auto extend_phrase = [&](std::string_view folded, std::string_view raw, const Token& t,
                           bool word) {
    if (!phrase.empty()) {
      phrase.push_back(' ');
      phrase_display.push_back(' ');
    }
    phrase += folded;
    phrase_display += raw;
    phrase_words += word;
    phrase_end = t.end;
  };
  auto close_phrase = [&] {
    if (phrase_words >= 2) {
      const uint64_t t = Hash64(phrase, 0x70687261);
      add(t, kEntityField, 1.0f, phrase_display);
      body_entities.push_back(InField(t, kEntityField));
    }
    phrase.clear();
    phrase_display.clear();
    phrase_words = 0;
  };
  auto token_text = [&](size_t k) {
    return text.substr(tokens_[k].begin, tokens_[k].end - tokens_[k].begin);
  };
  // Whether the token after k is a word starting with a capital.
  auto next_upper = [&](size_t k) {
    return k + 1 < tokens_.size() && tokens_[k + 1].kind == TokenKind::kWord &&
           StartsUpper(token_text(k + 1));
  };
  int word_index = 0;
  for (size_t k = 0; k < tokens_.size(); ++k) {
    const Token& t = tokens_[k];
    const std::string_view raw = token_text(k);
    if (t.kind == TokenKind::kNumber) {
      close_phrase();
      add_number(raw);
      continue;
    }
    Fold(raw);
    const uint64_t term = TermOf(folded_);
    const float lead = word_index++ < w.lead_words ? w.lead : 1.0f;
    if (term != 0) add(term, kAllField, lead, folded_);
    const bool upper = StartsUpper(raw);
    // A capital after a sentence end says nothing, unless the next word is capitalised too
    // ("John Kerry said").
    const bool name = upper && (!OpensSentence(text, t.begin) ||
                                (next_upper(k) && !OpensSentence(text, tokens_[k + 1].begin)));
    if (name && term != 0 && !IsEntityStopword(folded_) && !is_outlet(term)) {
      const uint64_t e = InField(term, kEntityField);
      add(term, kEntityField, 1.0f, raw);
      body_entities.push_back(e);
    }
    const bool adjacent = phrase_words > 0 && t.begin <= phrase_end + 1;
    if (name && is_outlet(term)) {
      close_phrase();  // "Meridian Wire" in a credit line is the outlet, not a name in the story
    } else if (name) {
      if (!adjacent) close_phrase();
      extend_phrase(folded_, raw, t, /*word=*/true);
    } else if (adjacent && IsNameJoiner(folded_) && next_upper(k)) {
      extend_phrase(folded_, raw, t, /*word=*/false);
    } else {
      close_phrase();
    }
  }
  close_phrase();
  // Title: its words count in the all-words field and the title field; a title word that is
  // one of the body's entities counts as an entity too (titles capitalise every word, so only
  // the body tells names apart).
  std::sort(body_entities.begin(), body_entities.end());
  tokens_.clear();
  Tokenize(title, &tokens_);
  for (const Token& t : tokens_) {
    const std::string_view raw = title.substr(t.begin, t.end - t.begin);
    if (t.kind == TokenKind::kNumber) {
      add_number(raw);
      continue;
    }
    Fold(raw);
    const uint64_t term = TermOf(folded_);
    if (term == 0) continue;
    add(term, kAllField, w.title, folded_);
    add(term, kTitleField, 1.0f, folded_);
    if (std::binary_search(body_entities.begin(), body_entities.end(),
                           InField(term, kEntityField))) {
      add(term, kEntityField, 1.0f, raw);
    }
  }
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
    Fold(raw);
    bool capital = raw[0] >= 'A' && raw[0] <= 'Z';
    bool proper = capital && !OpensSentence(text, t.begin);
    AddWord(folded_, proper ? weight * proper_weight : weight, counts, nullptr);
  }
}

void TermExtractor::AddNormalizedText(std::string_view normalized, float weight,
                                      std::unordered_map<uint64_t, float>* counts) {
  tokens_.clear();
  Tokenize(normalized, &tokens_);
  for (const Token& t : tokens_) {
    AddWord(normalized.substr(t.begin, t.end - t.begin), weight, counts, nullptr);
  }
}

void TermExtractor::AddTextWithSurface(std::string_view text, float weight,
                                       std::unordered_map<uint64_t, float>* counts,
                                       std::unordered_map<uint64_t, std::string>* surface) {
  normalized_ = NormalizeText(text);
  tokens_.clear();
  Tokenize(normalized_, &tokens_);
  std::string_view norm = normalized_;
  for (const Token& t : tokens_)
    AddWord(norm.substr(t.begin, t.end - t.begin), weight, counts, surface);
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
  std::sort(v.begin(), v.end(),
            [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
  return v;
}

TermVector WeightAndNormalizeFields(const TermVector& counts, const DocumentFrequencies& df,
                                    int max_terms) {
  // Terms sorted by term are grouped by field (the field is in the top bits).
  TermVector out;
  out.reserve(counts.size());
  size_t begin = 0;
  while (begin < counts.size()) {
    const Field f = FieldOf(counts[begin].term);
    size_t end = begin;
    const size_t first = out.size();
    for (; end < counts.size() && FieldOf(counts[end].term) == f; ++end) {
      const float c = counts[end].weight;
      if (c <= 0) continue;
      const double tf = c >= 1 ? 1.0 + std::log(c) : c;
      out.push_back({counts[end].term, static_cast<float>(tf * df.Idf(counts[end].term))});
    }
    auto part = out.begin() + static_cast<std::ptrdiff_t>(first);
    if (max_terms > 0 && out.size() - first > static_cast<size_t>(max_terms)) {
      std::nth_element(part, part + max_terms, out.end(),
                       [](const TermWeight& a, const TermWeight& b) {
                         return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
                       });
      out.resize(first + static_cast<size_t>(max_terms));
      part = out.begin() + static_cast<std::ptrdiff_t>(first);
    }
    double norm2 = 0;
    for (auto it = part; it != out.end(); ++it)
      norm2 += static_cast<double>(it->weight) * it->weight;
    const float inv = norm2 > 0 ? static_cast<float>(1.0 / std::sqrt(norm2)) : 0.0f;
    for (auto it = part; it != out.end(); ++it) it->weight *= inv;
    begin = end;
  }
  std::sort(out.begin(), out.end(),
            [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
  return out;
}

void TermCounts::Grow() {
  std::vector<TermWeight> old_slots(std::max<size_t>(64, slots_.size() * 2));
  std::vector<uint8_t> old_full(old_slots.size(), 0);
  old_slots.swap(slots_);
  old_full.swap(full_);
  std::vector<uint32_t> old_used;
  old_used.swap(used_);
  for (uint32_t k : old_used) Add(old_slots[k].term, old_slots[k].weight);
}

void TermCounts::Add(uint64_t term, float weight) {
  if ((used_.size() + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = Mix64(term) & mask;; i = (i + 1) & mask) {
    if (!full_[i]) {
      full_[i] = 1;
      slots_[i] = {term, weight};
      used_.push_back(static_cast<uint32_t>(i));
      return;
    }
    if (slots_[i].term == term) {
      slots_[i].weight += weight;
      return;
    }
  }
}

void TermCounts::Drain(TermVector* out) {
  out->clear();
  out->reserve(used_.size());
  for (uint32_t k : used_) {
    out->push_back(slots_[k]);
    full_[k] = 0;
  }
  used_.clear();
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

}  // namespace storyline::cluster
