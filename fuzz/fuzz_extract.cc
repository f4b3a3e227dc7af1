// Any bytes as a saved web page (raw, or as a gzip stream when they start with its magic):
// never a crash, and whatever comes out is valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/gzip.h"
#include "storyline/extract.h"
#include "storyline/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  storyline::ExtractOptions options;
  options.max_page_bytes = 1 << 20;
  auto page = storyline::ExtractHtml(in, "https://fuzz.example/2026/01/02/x", options);
  if (page.ok()) {
    for (const std::string* s : {&page->title, &page->text, &page->date, &page->author,
                                 &page->site, &page->url, &page->lang}) {
      if (!storyline::IsValidUtf8(*s)) std::abort();
    }
  }
  auto unzipped = storyline::Gunzip(in, 1 << 20);
  if (unzipped.ok() && unzipped->size() > (1u << 20)) std::abort();
  return 0;
}
