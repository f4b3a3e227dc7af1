// The paraphrase test on precomputed bags (internal to summarize): a story's sentences are bagged
// once and compared pairwise. SentenceSimilarity(a, b) == BagSimilarity(bag(a), bag(b)).

#ifndef STORYLINE_SUMMARIZE_SIMILARITY_INTERNAL_H_
#define STORYLINE_SUMMARIZE_SIMILARITY_INTERNAL_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace storyline::summarize {

struct Term {
  uint64_t hash;
  double weight;
};

// The distinct weighted stems of a sentence, sorted by hash, and their total weight (of which
// function words: `function_weight`; content words weigh at least 1).
struct SentenceBag {
  std::vector<Term> terms;
  double weight = 0;
  double function_weight = 0;
};

void MakeBag(std::string_view sentence, SentenceBag* bag);
double BagSimilarity(const SentenceBag& a, const SentenceBag& b);

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_SIMILARITY_INTERNAL_H_
