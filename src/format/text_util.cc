#include "format/text_util.h"

namespace storyline::format {

std::string Count(size_t n, std::string_view singular) {
  std::string out = std::to_string(n) + " ";
  if (n == 1) return out.append(singular);
  if (singular.size() > 1 && singular.back() == 'y') {
    return out.append(singular.substr(0, singular.size() - 1)).append("ies");
  }
  return out.append(singular).append("s");
}

std::string OutletCount(const Story& s) {
  const size_t known = s.KnownOutlets();
  const bool unknown = known < s.outlets.size();
  if (known == 0) return unknown ? "unknown outlet" : "no outlet";
  return Count(known, "outlet") + (unknown ? " + unknown" : "");
}

std::string Day(const std::optional<int64_t>& ts) {
  return ts ? FormatIsoDay(*ts) : std::string();
}


}  // namespace storyline::format
