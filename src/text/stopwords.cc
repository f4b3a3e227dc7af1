#include "text/stopwords.h"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace storyline::text {
namespace {

// Sorted (checked below) so lookup is a binary search over a flat array: no hashing, no
// allocation, no static initialisation order to worry about.
constexpr std::string_view kStopwords[] = {
    "a",        "about",     "above",    "according", "across",    "added",      "after",
    "again",    "against",   "ago",      "all",       "almost",    "along",      "already",
    "also",     "although",  "am",       "among",     "an",        "and",        "another",
    "any",      "are",       "aren't",   "around",    "as",        "at",         "be",
    "because",  "been",      "before",   "being",     "below",     "between",    "both",
    "but",      "by",        "can",      "can't",     "cannot",    "could",      "couldn't",
    "did",      "didn't",    "do",       "does",      "doesn't",   "doing",      "don't",
    "down",     "during",    "each",     "either",    "else",      "even",       "ever",
    "every",    "few",       "for",      "from",      "further",   "had",        "hadn't",
    "has",      "hasn't",    "have",     "haven't",   "having",    "he",         "he's",
    "her",      "here",      "hers",     "herself",   "him",       "himself",    "his",
    "how",      "however",   "i",        "i'm",       "if",        "in",         "into",
    "is",       "isn't",     "it",       "it's",      "its",       "itself",     "just",
    "least",    "less",      "let",      "like",      "many",      "may",        "me",
    "might",    "more",      "most",     "much",      "must",      "my",         "myself",
    "neither",  "no",        "nor",      "not",       "now",       "of",         "off",
    "often",    "on",        "once",     "one",       "only",      "onto",       "or",
    "other",    "others",    "our",      "ours",      "ourselves", "out",        "over",
    "own",      "per",       "quite",    "rather",    "said",      "same",       "say",
    "saying",   "says",      "shall",    "she",       "she's",     "should",     "shouldn't",
    "since",    "so",        "some",     "still",     "such",      "than",       "that",
    "that's",   "the",       "their",    "theirs",    "them",      "themselves", "then",
    "there",    "there's",   "these",    "they",      "they're",   "this",       "those",
    "though",   "through",   "thus",     "to",        "told",      "too",        "toward",
    "towards",  "under",     "until",    "up",        "upon",      "us",         "very",
    "via",      "was",       "wasn't",   "we",        "we're",     "were",       "weren't",
    "what",     "when",      "where",    "whether",   "which",     "while",      "who",
    "whom",     "whose",     "why",      "will",      "with",      "within",     "without",
    "won't",    "would",     "wouldn't", "yet",       "you",       "your",       "yours",
    "yourself", "yourselves"};

static_assert(std::is_sorted(std::begin(kStopwords), std::end(kStopwords)),
              "kStopwords must stay sorted for binary search");

constexpr size_t kLongest = [] {
  size_t n = 0;
  for (const std::string_view w : kStopwords) n = std::max(n, w.size());
  return n;
}();

}  // namespace

bool IsStopword(std::string_view folded_word) {
  if (folded_word.empty() || folded_word.size() > kLongest) return false;
  return std::binary_search(std::begin(kStopwords), std::end(kStopwords), folded_word);
}

}  // namespace storyline::text
