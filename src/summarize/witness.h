// The independent witnesses of a story (internal to summarize). Articles of one known outlet
// (ArticleOutlet) are one witness; an article of unknown outlet is a witness of its own, since
// nothing says two such articles share an outlet. Briefs weigh concepts, entities rank names and
// contributions compare sentences by witness, so one outlet's many reports count once while
// unlabelled texts (DUC's bare bodies) still count as separate reports.

#ifndef STORYLINE_SUMMARIZE_WITNESS_H_
#define STORYLINE_SUMMARIZE_WITNESS_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyline/article.h"

namespace storyline::summarize {

// Dense witness ids (0, 1, ...) of the articles `members` (indices into `articles`), one per
// member, in order of first appearance; a member listed twice gets the same id both times.
inline std::vector<uint32_t> WitnessIds(std::span<const Article> articles,
                                        std::span<const uint32_t> members) {
  std::unordered_map<std::string_view, uint32_t> of_outlet;
  std::unordered_map<uint32_t, uint32_t> of_unknown;
  std::vector<uint32_t> ids(members.size());
  uint32_t next = 0;
  for (size_t m = 0; m < members.size(); ++m) {
    const std::string_view outlet = ArticleOutlet(articles[members[m]]);
    const uint32_t id = outlet.empty() ? of_unknown.try_emplace(members[m], next).first->second
                                       : of_outlet.try_emplace(outlet, next).first->second;
    next += id == next;
    ids[m] = id;
  }
  return ids;
}

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_WITNESS_H_
