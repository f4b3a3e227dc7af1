// Extract: the article — and only the article — from a saved web page, plus its metadata; and
// boilerplate removal for plain-text articles.
//
// HTML pages arrive as raw bytes in any charset. ExtractHtml decodes them (BOM, then
// <meta charset>/http-equiv, then content sniffing; converted to UTF-8), parses them with a real
// HTML parser, scores DOM blocks to find the main content, and returns its paragraphs (headings
// on their own lines) without navigation, share bars, related links, comments or credits.
// The model is documented with the stage's sources (src/extract/README.md in the repository).
//
// Thread-safety: every function here is reentrant. A TemplateModel may be read from many
// threads once no thread is calling Observe.

#ifndef STORYLINE_EXTRACT_H_
#define STORYLINE_EXTRACT_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline {

struct ExtractOptions {
  // Pages larger than this (after decompression) are rejected with ResourceExhausted.
  uint64_t max_page_bytes = 64ull << 20;
  // Keep headings inside the article (on their own lines). Off: paragraphs only.
  bool keep_headings = true;
  // Minimum words for the extracted text to count as an article; below it the extractor falls
  // back to the next method (JSON-LD articleBody, then whole-page text).
  int min_article_words = 25;
};

// InvalidArgument when `options` are out of range (a page limit of 0, a negative word minimum);
// OK otherwise. ExtractHtml and ExtractHtmlFile call it first.
Status Validate(const ExtractOptions& options);

struct ExtractedPage {
  std::string title;    // headline, site suffix removed ("Storm hits coast | Daily News" -> ...)
  std::string date;     // publication date, ISO 8601 ("2026-03-14" or with time), or empty
  std::string author;   // author names joined with "; ", or empty
  std::string site;     // outlet / site name, or empty
  std::string url;      // canonical URL (link rel=canonical, og:url), else the given URL
  std::string lang;     // BCP 47 language tag from <html lang> or meta, lower case, or empty
  std::string text;     // the article: paragraphs separated by blank lines
  std::string charset;  // the charset the page was decoded from ("utf-8", "windows-1252", ...)
};

// Extracts the article of the HTML page `bytes` (raw, any charset, not compressed). `url` is the
// page's address if known (used for relative links, site name and URL dates); may be empty.
// Errors: ResourceExhausted over max_page_bytes; InvalidArgument when the bytes are not HTML
// (binary data). A page without an article gives OK with empty text.
Result<ExtractedPage> ExtractHtml(std::string_view bytes, std::string_view url,
                                  const ExtractOptions& options);

// Reads the file at `path` (gzip-compressed when it starts with the gzip magic bytes, whatever
// its name) and extracts it as ExtractHtml does, with `url` empty. Errors: NotFound/IOError from
// reading, Corruption for a damaged gzip stream, and ExtractHtml's errors.
Result<ExtractedPage> ExtractHtmlFile(const std::string& path, const ExtractOptions& options);

// ---- Plain-text boilerplate removal ----------------------------------------------------------

struct TextCleanOptions {
  // A line is template for an outlet when it appears in at least this many of the outlet's
  // articles...
  int template_min_articles = 3;
  // ...and in at least this share of them. Lower: more template caught, more risk to real text.
  double template_min_share = 0.2;
  // Also drop lines the line classifier calls junk (share bars, "Advertisement", comment forms,
  // "Tags: , ,", image captions and credits, calls to action) even without per-source evidence.
  bool drop_junk_lines = true;
};

// InvalidArgument when `options` are out of range (template_min_articles < 1, a share outside
// [0, 1]); OK otherwise. CleanText and CleanTexts call it first.
Status Validate(const TextCleanOptions& options);

// Per-outlet memory of lines seen in plain-text articles. Observe every article of a corpus (any
// order), then ask CleanText. Lines are compared after NormalizeText, so case and spacing do not
// matter. Memory: one 64-bit hash and a counter per distinct (outlet, line).
class TemplateModel {
 public:
  TemplateModel();
  ~TemplateModel();
  TemplateModel(TemplateModel&&) noexcept;
  TemplateModel& operator=(TemplateModel&&) noexcept;

  // Records the distinct lines of one article of `source` (the outlet, ArticleOutlet; empty means
  // unknown, and an unknown outlet is no outlet: nothing is learned).
  void Observe(std::string_view source, std::string_view text);
  // True when `line` recurs often enough across `source`'s articles to be template: `source`
  // has at least template_min_articles articles, and `line` is in at least that many of them and
  // in at least template_min_share of them. REQUIRES: Validate(options).ok().
  bool IsTemplate(std::string_view source, std::string_view line,
                  const TextCleanOptions& options) const;
  // Number of articles observed for `source`.
  uint64_t Articles(std::string_view source) const;

  // What the model learned, as bytes (for a store), and a model rebuilt from them.
  // Errors: Corruption when the bytes are not such a model.
  std::string Serialize() const;
  static Result<TemplateModel> Deserialize(std::string_view bytes);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// Returns `text` without its boilerplate lines: template lines of `source` (when `model` is not
// null) and junk lines (when options.drop_junk_lines). Paragraph structure is kept: paragraphs
// are separated by one blank line; lines inside a paragraph keep their line breaks.
// Errors: InvalidArgument for invalid options.
Result<std::string> CleanText(std::string_view text, std::string_view source,
                              const TemplateModel* model, const TextCleanOptions& options);

// Cleans every article as CleanText does, with one TemplateModel that has observed all of them
// under their outlets (ArticleOutlet; articles of unknown outlet teach it nothing and have no
// template lines). One cleaned text per article, in order. Errors: InvalidArgument for invalid
// options.
Result<std::vector<std::string>> CleanTexts(std::span<const Article> articles,
                                            const TextCleanOptions& options);

}  // namespace storyline

#endif  // STORYLINE_EXTRACT_H_
