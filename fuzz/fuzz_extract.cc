// Any bytes as a saved web page (raw, or as a gzip stream when they start with its magic):
// never a crash, and whatever comes out is valid UTF-8. The markup bounds hold: with a depth cap
// of 16, the parsed tree is never deeper than a small multiple of it.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "common/gzip.h"
#include "extract/html_dom.h"
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
  storyline::extract::MarkupLimits limits;
  limits.max_depth = 16;
  storyline::extract::Dom dom;
  if (storyline::extract::ParseHtml(in, &dom, limits).ok()) {
    std::vector<uint32_t> depth(dom.nodes.size(), 0);
    for (size_t i = 1; i < dom.nodes.size(); ++i) {
      depth[i] = depth[dom.nodes[i].parent] + 1;
      if (depth[i] > 4 * limits.max_depth + 8) std::abort();
    }
  }
  auto unzipped = storyline::Gunzip(in, 1 << 20);
  if (unzipped.ok() && unzipped->size() > (1u << 20)) std::abort();
  return 0;
}
