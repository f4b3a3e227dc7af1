// Test-only corpus generator and loaders. Never linked into the library.

#ifndef STORYLINE_TESTING_CORPUS_H_
#define STORYLINE_TESTING_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storyline/article.h"
#include "storyline/dedup.h"

namespace storyline::testing {

struct CorpusSpec {
  size_t num_originals = 1000;  // distinct articles written
  size_t story_size = 4;        // originals per story (they share topic words, not sentences)
  double copy_rate = 0.3;       // planted copies per original (exact, contained, near in turn)
  size_t words = 480;           // words per original (~3 KB of text)
  uint64_t seed = 42;
};

struct GeneratedCorpus {
  std::vector<Article> articles;
  std::vector<int64_t> copy_of;          // index of the planted original, or -1
  std::vector<DuplicateKind> kind;       // planted kind (kNone for originals)
  std::vector<int32_t> story;            // planted story per article
};

// Generates English-like articles: Zipf-distributed words from a fixed vocabulary of English
// function words and synthetic content words, sentences of 8–28 words, paragraphs of 2–5
// sentences, per-story topic words and per-story dates. Copies are planted as exact reposts,
// reposts wrapped in site boilerplate (header, share line, comment form), and reposts with one
// word in 25 swapped. Deterministic for a given spec.
GeneratedCorpus GenerateCorpus(const CorpusSpec& spec);

// Reads every article of `paths` (files or directories) with default IngestOptions.
std::vector<Article> LoadArticles(const std::vector<std::string>& paths);

// Path of the shared data directory (../shared beside the repo).
std::string SharedDir();
// Path of the repository root.
std::string SourceDir();

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_CORPUS_H_
