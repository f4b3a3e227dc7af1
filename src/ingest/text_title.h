// Headline detection for plain-text articles (internal).

#ifndef STORYLINE_INGEST_TEXT_TITLE_H_
#define STORYLINE_INGEST_TEXT_TITLE_H_

#include <string_view>

namespace storyline {

struct TitleSplit {
  std::string_view title;  // empty when no headline was found
  size_t cut_begin = 0;    // the byte range [cut_begin, cut_end) of the text that holds the
  size_t cut_end = 0;      // title line and the blank lines after it; remove it to get the body
};

// Looks at the first three paragraphs of `text` (paragraphs end at a blank line). A headline is a
// paragraph that is a single line of 3 to 25 words, does not end in '.', '!', '?', ':' or ',',
// and has most of its words capitalised or is followed by a longer paragraph. Paragraphs before
// it that are short single lines (site junk such as "Share") are skipped but kept in the body.
// A hard-wrapped first paragraph (several lines) means the text starts with its body: no title.
TitleSplit DetectTextTitle(std::string_view text);

}  // namespace storyline

#endif  // STORYLINE_INGEST_TEXT_TITLE_H_
