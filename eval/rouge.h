// ROUGE-N as ROUGE-1.5.5 computes it for `-n N -m -l L -f A` (eval only, not the library).
//
// Semantics, as read from ROUGE-1.5.5.pl (the run in ../shared/data/duc2004-task2 is
// `-n 4 -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a`):
//   * A summary is its non-empty lines (one sentence each). ASCII capitals are lowered.
//   * The word limit counts whitespace-separated words of the lowered lines before any
//     punctuation is removed; the sentence that reaches it is cut there. It applies to the
//     models as well as to the peer.
//   * The lines are joined; every byte outside [a-z0-9] becomes a space (a hyphen separates
//     words: "well-known" is two tokens, "U.S." is "u s"); tokens of 4 or more bytes are
//     looked up in WordNet's exception lists and, when absent, Porter stemmed (ROUGE's variant
//     of the tartarus.org Perl stemmer); no stop word is removed.
//   * N-grams run across sentence boundaries. A model's hits are the clipped counts
//     sum min(peer count, model count); with several models, recall pools them:
//     R = sum hits / sum model n-grams, P = sum hits / (models * peer n-grams),
//     F = P R / ((1 - alpha) P + alpha R). No jackknifing (removed in ROUGE 1.4).
//   * Each topic's figure is rounded to 5 decimals; a system's average is the mean over topics
//     (ROUGE prints the mean of 1,000 bootstrap means instead, which differs in the 4th
//     decimal; RougeBootstrapMean reproduces that too).

#ifndef STORYLINE_EVAL_ROUGE_H_
#define STORYLINE_EVAL_ROUGE_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace storyline::eval {

// ROUGE-1.5.5's Porter stemmer (applied by RougeTokens to tokens of 4+ bytes). `word` is
// lower-case ASCII.
std::string RougePorterStem(std::string_view word);

// WordNet's morphological exceptions ("went" -> "go"), as ROUGE-1.5.5's WordNet-2.0.exc.db
// holds them: each line of the *.exc files maps its first word to its second.
using RougeExceptions = std::unordered_map<std::string, std::string>;
// Reads `dir`/{adj,adv,noun,verb}.exc (Debian: wordnet-base, /usr/share/wordnet). False when
// none is there.
bool LoadWordNetExceptions(const std::string& dir, RougeExceptions* out);

struct RougeOptions {
  int word_limit = 100;  // 0: no limit
  bool stem = true;
  // Looked up before the Porter stemmer, as ROUGE-1.5.5 does (may be null).
  const RougeExceptions* exceptions = nullptr;
};

// The tokens ROUGE scores for a summary given as its lines.
std::vector<std::string> RougeTokens(const std::vector<std::string>& lines,
                                     const RougeOptions& options);

struct RougeScore {
  double recall = 0, precision = 0, f = 0;
};

// ROUGE-N of `peer` against `models` (token lists from RougeTokens), each figure rounded to 5
// decimals as ROUGE prints it.
RougeScore RougeN(const std::vector<std::string>& peer,
                  const std::vector<std::vector<std::string>>& models, int n, double alpha = 0.5);

// The mean ROUGE-1.5.5 prints for per-topic values given in its topic order (keys sorted as
// strings): the mean of `samples` bootstrap means, sample i drawn with Perl's srand(i)/rand.
double RougeBootstrapMean(const std::vector<double>& per_topic, int samples = 1000);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_ROUGE_H_
