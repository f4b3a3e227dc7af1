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
  return ts ? FormatIsoDate(*ts).substr(0, 10) : std::string();
}

std::string Truncate(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  // Never split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace storyline::format
