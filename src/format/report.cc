// The terminal report (storyline/format.h).

#include <algorithm>
#include <cstdio>
#include <string>

#include "format/text_util.h"
#include "storyline/format.h"
#include "text/utf8.h"

namespace storyline {
namespace {

void AppendStory(const PipelineResult& r, const Story& s, std::string* out) {
  *out += "\n#" + std::to_string(s.id) + "  " + text::TruncateUtf8(s.headline, 200) + "\n";
  std::string when = format::Day(s.first_timestamp);
  if (!when.empty()) {
    const std::string last = format::Day(s.last_timestamp);
    if (last != when) when += " .. " + last;
    when = ", " + when;
  }
  *out += "    " + format::Count(s.articles.size(), "article") + ", " +
          format::Count(s.originals.size(), "original") + ", " + format::OutletCount(s) + when +
          "\n";
  for (const SummarySentence& sent : s.summary) {
    *out += "    * " + text::TruncateUtf8(sent.text, 400) + "\n";
  }
  size_t listed = 0;
  for (const OutletEntry& o : s.outlets) {
    for (size_t k = 0; k < o.originals.size(); ++k) {
      if (listed++ == format::kMaxListedOriginals) {
        *out += "    … and " + format::Count(s.originals.size() - format::kMaxListedOriginals,
                                            "more original") + "\n";
      }
      if (listed > format::kMaxListedOriginals) continue;
      const Article& a = r.articles[o.originals[k]];
      *out += "    - " + std::string(OutletDisplayName(o.source)) + ": " + a.id;
      if (!a.title.empty()) *out += " \"" + text::TruncateUtf8(a.title, 90) + "\"";
      *out += "\n";
      const size_t copies = o.copies[k].size();
      for (size_t j = 0; j < std::min(copies, format::kMaxListedCopies); ++j) {
        const uint32_t c = o.copies[k][j];
        const DuplicateInfo& d = r.dedup.articles[c];
        char score[16];
        std::snprintf(score, sizeof(score), "%.2f", d.similarity);
        const std::string_view outlet = ArticleOutlet(r.articles[c]);
        *out += "        copy " + r.articles[c].id + " (" +
                (outlet.empty() ? std::string() : std::string(outlet) + ", ") +
                std::string(DuplicateKindName(d.kind)) + " " + score + ")\n";
      }
      if (copies > format::kMaxListedCopies) {
        *out += "        … and " +
                format::Count(copies - format::kMaxListedCopies, "more copy") + "\n";
      }
    }
  }
}

}  // namespace

std::string FormatReport(const PipelineResult& r, size_t max_stories) {
  const size_t multi = static_cast<size_t>(std::count_if(
      r.stories.begin(), r.stories.end(), [](const Story& s) { return s.originals.size() > 1; }));
  std::string out = format::Count(r.articles.size(), "article") + ", " +
                    format::Count(r.dedup.stats.copies, "copy") + ", " +
                    format::Count(r.stories.size(), "story") + " (" + std::to_string(multi) +
                    " reported by more than one article)\n";
  size_t shown = 0;
  for (const Story& s : r.stories) {
    if (max_stories > 0 && shown == max_stories) {
      out += "\n… " + format::Count(r.stories.size() - shown, "more story") + "\n";
      break;
    }
    ++shown;
    AppendStory(r, s, &out);
  }
  return out;
}

}  // namespace storyline
