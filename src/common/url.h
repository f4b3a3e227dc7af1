// URL helpers (internal).

#ifndef STORYLINE_COMMON_URL_H_
#define STORYLINE_COMMON_URL_H_

#include <string_view>

namespace storyline {

// The host of an absolute URL ("https://www.x.example:8080/a?b" -> "www.x.example"), or empty
// when `url` has no scheme.
inline std::string_view UrlHost(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  return url.substr(0, url.find_first_of("/?#:"));
}

}  // namespace storyline

#endif  // STORYLINE_COMMON_URL_H_
