// The outlet an article counts for in a brief (internal to summarize).

#ifndef STORYLINE_SUMMARIZE_OUTLET_H_
#define STORYLINE_SUMMARIZE_OUTLET_H_

#include <cstdint>
#include <string>

#include "common/url.h"
#include "storyline/article.h"

namespace storyline::summarize {

// Its source, else its URL's host (without "www."), else the article itself (`index`), so
// unlabelled articles each count as an outlet.
inline std::string OutletKey(const Article& a, uint32_t index) {
  if (!a.source.empty()) return "s:" + a.source;
  std::string_view host = UrlHost(a.url);
  if (host.substr(0, 4) == "www.") host.remove_prefix(4);
  if (!host.empty()) return "h:" + std::string(host);
  return "#" + std::to_string(index);
}

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_OUTLET_H_
