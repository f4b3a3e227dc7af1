// Test-only loader of real news text from ../shared/data, read in place: the data sets are
// licensed for research use and are never copied into the repo. Never linked into the library.

#ifndef STORYLINE_TESTING_NEWS_CORPUS_H_
#define STORYLINE_TESTING_NEWS_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline::testing {

struct NewsCorpusOptions {
  // The data directory; empty means SharedDir() + "/data".
  std::string data_dir;
  // duc-tac-clusters/docs.jsonl: 3,707 AP, NYT, Xinhua, ... articles of DUC 2006/2007 and TAC
  // 2009–2011 (7 have no text and are skipped; a dozen appear twice, in two clusters).
  bool duc_tac = true;
  // wcxb-articles/{dev,test}/ground-truth/*.json `main_content`: 968 web articles and blog posts
  // (139 test pages are byte-identical to dev pages upstream).
  bool wcxb = false;
  // 0: every article; else a seeded sample of this many, kept in file order.
  size_t max_articles = 0;
  uint64_t seed = 1;
};

// Reads the selected sets. Article ids are "<dataset>/<cluster>/<doc id>" for DUC/TAC and
// "wcxb/<split>/<file id>" for WCXB; the date is the record's timestamp (DUC), date (TAC) or
// publish_date (WCXB, may be empty). Records without text are skipped.
// Errors: NotFound when a selected set is absent (tests GTEST_SKIP on it); Corruption for a
// record that is not valid JSON.
Result<std::vector<Article>> LoadNewsArticles(const NewsCorpusOptions& options);

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_NEWS_CORPUS_H_
