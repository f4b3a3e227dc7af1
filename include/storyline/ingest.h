// Ingest: turns files, directories and byte buffers into Articles.
//
// Formats: JSON Lines (one object per line with fields id, url, source, title, date, text; only
// `text` is required, or `html` holding a saved page instead of `text`), saved web pages (.html,
// .htm, optionally gzip-compressed: the article is extracted, see storyline/extract.h) and plain
// text (one article per file, as a crawler saves it). A directory
// is read recursively in name order: files ending in .jsonl/.ndjson are JSON Lines, every other
// regular, non-hidden file is one plain-text article (DUC documents have no extension).
//
// Bad records never stop a run: invalid UTF-8, empty or over-size text, malformed JSON, a
// missing file — each is reported once through the error callback with its location, counted in
// IngestStats, and reading continues with the next record.
//
// Thread-safety: the functions are reentrant; callbacks run on the calling thread.

#ifndef STORYLINE_INGEST_H_
#define STORYLINE_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/extract.h"
#include "storyline/status.h"

namespace storyline {

struct IngestOptions {
  // Records whose text is longer are rejected with ResourceExhausted. Bounds memory per article;
  // real articles are under 100 KB.
  uint64_t max_record_bytes = 4u << 20;
  // Whole files larger than this are rejected (JSON Lines files are read into memory at once).
  uint64_t max_file_bytes = 1ull << 32;
  // How saved web pages are turned into articles.
  ExtractOptions extract;
  // For plain text, take a first short line that looks like a headline as the title and drop it
  // from the body. Off keeps the text byte-for-byte.
  bool detect_text_title = true;
};

// InvalidArgument when `options` are out of range (a zero or absurd size limit) or its extract
// options are invalid; OK otherwise. ReadInputs and ReadBuffer call it first.
Status Validate(const IngestOptions& options);

enum class InputFormat : uint8_t {
  kAuto = 0,  // gzip is unpacked first; then HTML when the name ends in .html/.htm or the
              // content starts like HTML ("<!doctype html", "<html", "<head"); JSON Lines
              // when the first non-blank byte is '{', a JSON array when it is '['; else plain
              // text
  kJsonLines = 1,
  kText = 2,
  kHtml = 3,  // a saved web page: the article and its metadata are extracted
  // A JSON array of records (the fields of JSON Lines), read whole: ids and locations number
  // the records from 1 ("name:3").
  kJsonArray = 4,
};

// A per-record problem. `location` is "path", "path:line" or "<stdin>:line".
struct IngestError {
  std::string location;
  Status status;
  // A warning: the record was delivered all the same (its date was unreadable or out of range,
  // and it was kept undated). Errors (false) mean the record was dropped.
  bool warning = false;
};

struct IngestStats {
  uint64_t files = 0;           // files opened (directories excluded)
  uint64_t records_ok = 0;      // articles delivered
  uint64_t records_failed = 0;  // errors reported
  uint64_t warnings = 0;        // records delivered with a warning (IngestError::warning)
  uint64_t bytes = 0;           // input bytes read
};

using ArticleCallback = std::function<void(Article&&)>;
using ErrorCallback = std::function<void(const IngestError&)>;

// Lists the regular files under directory `dir`, recursively, in byte order of their paths,
// skipping hidden files and directories (names starting with '.'). Errors: IOError when the
// directory cannot be listed (the files found before the error are still in `*files`).
Status ListDirectory(const std::string& dir, std::vector<std::string>* files);

// Reads every path in `inputs` (files or directories) and delivers its articles in input order.
// Articles without an id get one: the file name without extension for plain text, the file name
// plus ":line" for JSON Lines. A record's `date` sets the article's timestamp (SetArticleDate).
// `stats` may be null. Returns OK even when records failed (the failures went to `on_error`);
// InvalidArgument for invalid options, before anything is read.
Status ReadInputs(const std::vector<std::string>& inputs, const IngestOptions& options,
                  const ArticleCallback& on_article, const ErrorCallback& on_error,
                  IngestStats* stats);

// Parses one in-memory input named `name` (used in ids and error locations), for stdin and
// tests. Same contract as ReadInputs for a single file.
Status ReadBuffer(std::string_view name, std::string_view data, InputFormat format,
                  const IngestOptions& options, const ArticleCallback& on_article,
                  const ErrorCallback& on_error, IngestStats* stats);

}  // namespace storyline

#endif  // STORYLINE_INGEST_H_
