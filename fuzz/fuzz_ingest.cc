// Any bytes, read as JSON Lines, as a JSON array and as plain text: never a crash, and every delivered article
// honours the ingest contract (valid UTF-8, non-empty text).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "storyline/ingest.h"
#include "storyline/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  storyline::IngestOptions options;
  options.max_record_bytes = 1 << 16;
  auto check = [](storyline::Article&& a) {
    if (a.text.empty() || !storyline::IsValidUtf8(a.text)) std::abort();
  };
  for (auto format : {storyline::InputFormat::kJsonLines, storyline::InputFormat::kJsonArray,
                      storyline::InputFormat::kText}) {
    (void)storyline::ReadBuffer("fuzz", in, format, options, check,
                                [](const storyline::IngestError&) {}, nullptr);
  }
  return 0;
}
