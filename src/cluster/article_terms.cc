#include "cluster/article_terms.h"

#include <algorithm>

#include "common/hash.h"
#include "text/names.h"

namespace storyline::cluster {
namespace {

// "1,000" and "1000" are one number; a final dot is punctuation.
std::string NumberKey(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c != ',') out.push_back(c);
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

// Capitalised words that tell no event from another: stop names, titles, common name words.
bool IsEntityStopword(std::string_view folded) {
  return text::IsStopName(folded) || text::IsPersonTitle(folded) || text::IsCommonNameWord(folded);
}

}  // namespace

void ArticleTermExtractor::AddTerm(uint64_t term, Field f, float weight, std::string_view display) {
  const uint64_t t = InField(term, f);
  counts_->Add(t, weight);
  if (surface_ != nullptr) surface_->try_emplace(t, display);
}

// Numbers of one digit say nothing; "1,000" is "1000".
void ArticleTermExtractor::AddNumber(std::string_view raw) {
  const std::string key = NumberKey(raw);
  if (key.size() >= 2 || key.find('.') != std::string::npos) {
    AddTerm(Hash64(key, hash_seed::kNumber), kNumberField, 1.0f, key);
  }
}

void ArticleTermExtractor::ClosePhrase() {
  if (phrase_words_ >= 2) {
    const uint64_t t = Hash64(phrase_, hash_seed::kPhrase);
    AddTerm(t, kEntityField, 1.0f, phrase_display_);
    body_entities_.push_back(InField(t, kEntityField));
  }
  phrase_.clear();
  phrase_display_.clear();
  phrase_words_ = 0;
}

void ArticleTermExtractor::Add(std::string_view title, std::string_view text,
                               std::string_view source, const ClusterOptions& options,
                               text::TermCounts* counts, SurfaceMap* surface) {
  counts_ = counts;
  surface_ = surface;
  outlet_.clear();
  tokens_.clear();
  Tokenize(source, &tokens_);
  for (const Token& t : tokens_) {
    const uint64_t term = terms_.TermOf(terms_.Fold(source.substr(t.begin, t.end - t.begin)));
    if (term != 0) outlet_.push_back(term);
  }
  AddBody(text, options);
  AddTitle(title, options);
}

void ArticleTermExtractor::AddBody(std::string_view text, const ClusterOptions& options) {
  const float lead_weight = static_cast<float>(options.lead_weight);
  auto is_outlet = [&](uint64_t term) {
    return std::find(outlet_.begin(), outlet_.end(), term) != outlet_.end();
  };
  // Appends a token to the phrase being built (`word`: a name, not a joiner like "of").
  auto extend_phrase = [&](std::string_view folded, std::string_view raw, const Token& t,
                           bool word) {
    if (!phrase_.empty()) {
      phrase_.push_back(' ');
      phrase_display_.push_back(' ');
    }
    phrase_ += folded;
    phrase_display_ += raw;
    phrase_words_ += word;
    phrase_end_ = t.end;
  };
  auto token_text = [&](size_t k) {
    return text.substr(tokens_[k].begin, tokens_[k].end - tokens_[k].begin);
  };
  // Whether the token after k is a word starting with a capital.
  auto next_upper = [&](size_t k) {
    return k + 1 < tokens_.size() && tokens_[k + 1].kind == TokenKind::kWord &&
           text::StartsWithCapital(token_text(k + 1));
  };
  tokens_.clear();
  Tokenize(text, &tokens_);
  body_entities_.clear();
  phrase_.clear();
  phrase_display_.clear();
  phrase_words_ = 0;
  int word_index = 0;
  for (size_t k = 0; k < tokens_.size(); ++k) {
    const Token& t = tokens_[k];
    const std::string_view raw = token_text(k);
    if (t.kind == TokenKind::kNumber) {
      ClosePhrase();
      AddNumber(raw);
      continue;
    }
    const std::string_view folded = terms_.Fold(raw);
    const uint64_t term = terms_.TermOf(folded);
    const float lead = word_index++ < options.lead_words ? lead_weight : 1.0f;
    if (term != 0) AddTerm(term, kAllField, lead, folded);
    // A capital after a sentence end says nothing, unless the next word is capitalised too
    // ("John Kerry said").
    const bool name = text::StartsWithCapital(raw) &&
                      (!text::OpensSentence(text, t.begin) ||
                       (next_upper(k) && !text::OpensSentence(text, tokens_[k + 1].begin)));
    if (name && term != 0 && !IsEntityStopword(folded) && !is_outlet(term)) {
      AddTerm(term, kEntityField, 1.0f, raw);
      body_entities_.push_back(InField(term, kEntityField));
    }
    const bool adjacent = phrase_words_ > 0 && t.begin <= phrase_end_ + 1;
    if (name && is_outlet(term)) {
      ClosePhrase();  // "Meridian Wire" in a credit line is the outlet, not a name in the story
    } else if (name) {
      if (!adjacent) ClosePhrase();
      extend_phrase(folded, raw, t, /*word=*/true);
    } else if (adjacent && text::IsNameJoiner(folded) && next_upper(k)) {
      extend_phrase(folded, raw, t, /*word=*/false);
    } else {
      ClosePhrase();
    }
  }
  ClosePhrase();
  std::sort(body_entities_.begin(), body_entities_.end());
}

// A title's words count in the all-words field and the title field; a title word that is one
// of the body's entities counts as an entity too (titles capitalise every word, so only the
// body tells names apart).
void ArticleTermExtractor::AddTitle(std::string_view title, const ClusterOptions& options) {
  const float title_weight = static_cast<float>(options.title_weight);
  tokens_.clear();
  Tokenize(title, &tokens_);
  for (const Token& t : tokens_) {
    const std::string_view raw = title.substr(t.begin, t.end - t.begin);
    if (t.kind == TokenKind::kNumber) {
      AddNumber(raw);
      continue;
    }
    const std::string_view folded = terms_.Fold(raw);
    const uint64_t term = terms_.TermOf(folded);
    if (term == 0) continue;
    AddTerm(term, kAllField, title_weight, folded);
    AddTerm(term, kTitleField, 1.0f, folded);
    if (std::binary_search(body_entities_.begin(), body_entities_.end(),
                           InField(term, kEntityField))) {
      AddTerm(term, kEntityField, 1.0f, raw);
    }
  }
}

TermVector WeightAndNormalizeFields(const TermVector& counts, const text::DocumentFrequencies& df,
                                    int max_terms) {
  // Terms sorted by term are grouped by field (the field is in the top bits), so normalising
  // each field's run in turn keeps the output sorted.
  TermVector out;
  out.reserve(counts.size());
  size_t begin = 0;
  while (begin < counts.size()) {
    const Field f = FieldOf(counts[begin].term);
    const size_t first = out.size();
    size_t end = begin;
    for (; end < counts.size() && FieldOf(counts[end].term) == f; ++end) {
      const float c = counts[end].weight;
      if (c > 0) out.push_back({counts[end].term, text::TfIdf(c, df.Idf(counts[end].term))});
    }
    text::TruncateAndNormalize(&out, max_terms, first);
    begin = end;
  }
  return out;
}

}  // namespace storyline::cluster
