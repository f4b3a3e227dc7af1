#include "storyline/article.h"

#include "common/url.h"

namespace storyline {

void SetArticleDate(Article* a, std::string_view date) {
  a->date.assign(date);
  a->timestamp.reset();
  if (date.empty()) return;
  if (Result<int64_t> ts = ParseIsoDate(date); ts.ok()) a->timestamp = *ts;
}

std::string_view ArticleOutlet(const Article& a) {
  if (!a.source.empty()) return a.source;
  std::string_view host = UrlHost(a.url);
  if (host.substr(0, 4) == "www.") host.remove_prefix(4);
  return host;
}

}  // namespace storyline
