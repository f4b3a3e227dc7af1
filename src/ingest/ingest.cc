#include "storyline/ingest.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/file_util.h"
#include "common/gzip.h"
#include "common/status_macros.h"
#include "ingest/text_title.h"
#include "storyline/text.h"
#include "text/utf8.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view StripBom(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

// Converts CRLF and lone CR to LF so the text stage sees one line-break convention.
std::string NormalizeNewlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

// Checks the article body every reader must guarantee: valid UTF-8, not binary, not empty, not
// over-size. Returns OK or the per-record error.
Status CheckText(std::string_view text, const IngestOptions& options) {
  if (text.size() > options.max_record_bytes) {
    return Status::ResourceExhausted("text is " + std::to_string(text.size()) +
                                     " bytes, over the limit of " +
                                     std::to_string(options.max_record_bytes));
  }
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(bad));
  }
  if (text.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("binary data (NUL byte) in text");
  }
  if (IsBlank(text)) return Status::InvalidArgument("empty text");
  return Status::OK();
}

class Reader {
 public:
  Reader(const IngestOptions& options, const ArticleCallback& on_article,
         const ErrorCallback& on_error, IngestStats* stats)
      : options_(options), on_article_(on_article), on_error_(on_error), stats_(stats) {}

  void Fail(std::string location, Status status) {
    ++stats_->records_failed;
    if (on_error_) on_error_(IngestError{std::move(location), std::move(status)});
  }

  // Hands the article on: its date parsed (an unreadable one is a warning naming the record,
  // and the article goes undated rather than echoing it), its title cut to kMaxTitleBytes.
  void Deliver(std::string_view location, Article&& article) {
    SetArticleDate(&article, article.date);
    if (!article.date.empty() && !article.timestamp) {
      ++stats_->warnings;
      if (on_error_) {
        on_error_(IngestError{std::string(location),
                              Status::InvalidArgument("unreadable date \"" +
                                                      text::TruncateUtf8(article.date, 64) +
                                                      "\": kept undated"),
                              /*warning=*/true});
      }
      article.date.clear();
    }
    if (article.title.size() > kMaxTitleBytes) {
      article.title = text::TruncateUtf8(article.title, kMaxTitleBytes);
    }
    ++stats_->records_ok;
    on_article_(std::move(article));
  }

  void ReadText(std::string_view name, std::string_view data) {
    data = StripBom(data);
    Status s = CheckText(data, options_);
    if (!s.ok()) return Fail(std::string(name), std::move(s));
    Article a;
    a.id = DefaultTextId(name);
    a.text = NormalizeNewlines(data);
    if (options_.detect_text_title) {
      TitleSplit split = DetectTextTitle(a.text);
      std::string_view t = a.text;
      // A file that is nothing but a headline keeps it as its text: text is never empty.
      bool body_left = !IsBlank(t.substr(0, split.cut_begin)) || !IsBlank(t.substr(split.cut_end));
      if (!split.title.empty() && body_left) {
        a.title = std::string(split.title);
        a.text.erase(split.cut_begin, split.cut_end - split.cut_begin);
      }
    }
    Deliver(name, std::move(a));
  }

  // A JSON array of records, numbered from 1 for ids and error locations. A document that is
  // not a JSON array of objects is one error; a bad element is an error of its own.
  void ReadJsonArray(std::string_view name, std::string_view data) {
    data = StripBom(data);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    std::string padded(data);
    padded.resize(data.size() + simdjson::SIMDJSON_PADDING, ' ');
    auto error = parser.parse(padded.data(), data.size(), false).get(doc);
    if (error) {
      return Fail(std::string(name), Status::InvalidArgument(std::string("bad JSON: ") +
                                                             simdjson::error_message(error)));
    }
    simdjson::dom::array records;
    if (doc.get_array().get(records)) {
      return Fail(std::string(name), Status::InvalidArgument("not a JSON array of records"));
    }
    size_t k = 0;
    for (simdjson::dom::element e : records) {
      const std::string location = std::string(name) + ":" + std::to_string(++k);
      Article a;
      Status s = RecordFromElement(e, &a);
      if (!s.ok()) {
        Fail(location, std::move(s));
        continue;
      }
      if (a.id.empty()) a.id = location;
      Deliver(location, std::move(a));
    }
  }

  void ReadJsonLines(std::string_view name, std::string_view data) {
    data = StripBom(data);
    JsonLineReader lines(this, name);
    size_t pos = 0;
    while (pos < data.size()) {
      size_t nl = data.find('\n', pos);
      if (nl == std::string_view::npos) nl = data.size();
      lines.Line(data.substr(pos, nl - pos));
      pos = nl + 1;
    }
  }

  // Parses JSON Lines one line at a time, numbering them for error locations.
  class JsonLineReader {
   public:
    JsonLineReader(Reader* reader, std::string_view name) : r_(*reader), name_(name) {}

    // The longest line worth parsing: \uXXXX escapes take six bytes per character of text, plus
    // metadata. The decoded text is checked against the record limit after parsing.
    uint64_t MaxLineBytes() const {
      return 6 * r_.options_.max_record_bytes + 6 * 64 * 1024;
    }

    void Line(std::string_view line) {
      ++line_no_;
      if (IsBlank(line)) return;
      std::string location = std::string(name_) + ":" + std::to_string(line_no_);
      if (line.size() > MaxLineBytes()) return TooLong(location, line.size(), /*partial=*/false);
      line_buf_.assign(line);
      line_buf_.resize(line.size() + simdjson::SIMDJSON_PADDING, ' ');
      Article a;
      Status s = r_.ParseRecord(&parser_, line_buf_.data(), line.size(), &a);
      if (!s.ok()) return r_.Fail(location, std::move(s));
      if (a.id.empty()) a.id = location;
      r_.Deliver(location, std::move(a));
    }

    // A line over MaxLineBytes(), reported without being held: `size` bytes, or at least that
    // many when `partial` (a stream has not reached its end).
    void TooLong(std::string location, uint64_t size, bool partial) {
      r_.Fail(std::move(location),
              Status::ResourceExhausted("record is " + std::to_string(size) +
                                        (partial ? "+" : "") + " bytes, over the limit"));
    }
    void SkipLine() { ++line_no_; }
    std::string Location() const { return std::string(name_) + ":" + std::to_string(line_no_ + 1); }

   private:
    Reader& r_;
    std::string_view name_;
    size_t line_no_ = 0;
    simdjson::dom::parser parser_;
    std::string line_buf_;
  };

  // A gzip file is read as it is inflated, so what is held never exceeds the limit that
  // applies: a page or a text file up to its own limit, JSON Lines a window at a time.
  void DispatchGzip(std::string_view name, std::string_view data, InputFormat format) {
    const std::string location(name);
    if (EndsWith(name, ".gz")) name.remove_suffix(3);
    GunzipReader gz(data);
    std::string buf;
    // The first 64 KB tell the format when the name does not.
    Status s = InflateUpTo(&gz, 64 << 10, &buf);
    if (format == InputFormat::kAuto) format = Sniff(name, buf);
    if (format == InputFormat::kJsonLines) {
      return StreamJsonLines(location, name, &gz, &buf, std::move(s));
    }
    if (!s.ok()) return Fail(location, std::move(s));
    if (format == InputFormat::kJsonArray) {
      s = InflateUpTo(&gz, options_.max_file_bytes + 1, &buf);
      if (!s.ok()) return Fail(location, std::move(s));
      if (buf.size() > options_.max_file_bytes) {
        return Fail(location, Status::ResourceExhausted(
                                  "gzip: decompressed file over the " +
                                  std::to_string(options_.max_file_bytes) + "-byte limit"));
      }
      return ReadJsonArray(name, buf);
    }
    const bool html = format == InputFormat::kHtml;
    const uint64_t limit = html ? options_.extract.max_page_bytes : options_.max_record_bytes;
    s = InflateUpTo(&gz, limit + 1, &buf);
    if (!s.ok()) return Fail(location, std::move(s));
    if (buf.size() > limit) {
      return Fail(location, Status::ResourceExhausted(
                                std::string("gzip: decompressed ") + (html ? "page" : "text") +
                                " over the " + std::to_string(limit) + "-byte limit"));
    }
    if (html) return ReadHtml(name, buf);
    return ReadText(name, buf);
  }

  // Inflates into `*buf` until it holds `limit` bytes or the stream ends.
  static Status InflateUpTo(GunzipReader* gz, uint64_t limit, std::string* buf) {
    while (buf->size() < limit) {
      const size_t at = buf->size();
      const size_t want = static_cast<size_t>(std::min<uint64_t>(limit - at, 1 << 20));
      buf->resize(at + want);
      Result<size_t> got = gz->Read(buf->data() + at, want);
      if (!got.ok()) {
        buf->resize(at);  // what came before the error stays
        return got.status();
      }
      buf->resize(at + *got);
      if (*got == 0) break;
    }
    return Status::OK();
  }

  // JSON Lines from a gzip stream: complete lines are parsed as they arrive; a line longer than
  // a record may be is reported and skipped to its end without being held; the whole output is
  // bounded by max_file_bytes.
  // `status` is the outcome of inflating what `window` holds: an error is reported after the
  // lines before it.
  void StreamJsonLines(const std::string& location, std::string_view name, GunzipReader* gz,
                       std::string* window, Status status) {
    JsonLineReader lines(this, name);
    bool first = true, skipping = false;
    size_t scanned = 0;  // the held bytes, already known to hold no newline
    while (true) {
      std::string_view data = *window;
      if (first) data = StripBom(data);
      first = false;
      size_t pos = 0;
      for (size_t nl; (nl = data.find('\n', std::max(pos, scanned))) != std::string_view::npos;
           pos = nl + 1) {
        if (skipping) {
          skipping = false;
          lines.SkipLine();
        } else {
          lines.Line(data.substr(pos, nl - pos));
        }
      }
      if (skipping) {
        pos = data.size();
      } else if (data.size() - pos > lines.MaxLineBytes()) {
        lines.TooLong(lines.Location(), data.size() - pos, /*partial=*/true);
        skipping = true;
        pos = data.size();
      }
      window->erase(0, window->size() - (data.size() - pos));
      scanned = window->size();
      if (gz->produced() > options_.max_file_bytes) {
        return Fail(location, Status::ResourceExhausted("gzip: decompressed file over the " +
                                                        std::to_string(options_.max_file_bytes) +
                                                        "-byte limit"));
      }
      if (!status.ok()) break;
      const size_t held = window->size();
      status = InflateUpTo(gz, held + (1 << 20), window);
      if (status.ok() && window->size() == held) break;  // the stream ended
    }
    if (!status.ok()) return Fail(location, std::move(status));  // the damaged tail is dropped
    if (!skipping && !window->empty()) lines.Line(*window);
  }

  void ReadPath(const std::string& path, InputFormat format) {
    std::string data;
    ++stats_->files;
    Status s = ReadFileToString(path, options_.max_file_bytes, &data);
    if (!s.ok()) return Fail(path, std::move(s));
    stats_->bytes += data.size();
    Dispatch(path, data, format);
  }

  void Dispatch(std::string_view name, std::string_view data, InputFormat format) {
    if (IsGzip(data)) return DispatchGzip(name, data, format);
    if (format == InputFormat::kAuto) format = Sniff(name, data);
    switch (format) {
      case InputFormat::kJsonLines:
        return ReadJsonLines(name, data);
      case InputFormat::kJsonArray:
        return ReadJsonArray(name, data);
      case InputFormat::kHtml:
        return ReadHtml(name, data);
      default:
        return ReadText(name, data);
    }
  }

  static InputFormat Sniff(std::string_view name, std::string_view data) {
    std::string lower(name.substr(name.size() > 8 ? name.size() - 8 : 0));
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    if (EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson")) return InputFormat::kJsonLines;
    if (EndsWith(lower, ".html") || EndsWith(lower, ".htm")) return InputFormat::kHtml;
    data = StripBom(data);
    size_t i = data.find_first_not_of(" \t\r\n");
    if (i == std::string_view::npos) return InputFormat::kText;
    if (data[i] == '{') return InputFormat::kJsonLines;
    if (data[i] == '[') return InputFormat::kJsonArray;
    if (data[i] == '<') {
      std::string head(data.substr(i, 16));
      for (char& c : head) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 ||
          head.rfind("<head", 0) == 0 || head.rfind("<!--", 0) == 0 ||
          head.rfind("<?xml", 0) == 0) {
        return InputFormat::kHtml;
      }
    }
    return InputFormat::kText;
  }

  // A saved page becomes an article of its extracted text and metadata.
  void ReadHtml(std::string_view name, std::string_view html) {
    Article a;
    Status s = ArticleFromHtml(html, "", &a);
    if (!s.ok()) return Fail(std::string(name), std::move(s));
    a.id = DefaultTextId(name);
    Deliver(name, std::move(a));
  }

  Status ArticleFromHtml(std::string_view html, std::string_view url, Article* a) {
    auto page = ExtractHtml(html, url, options_.extract);
    if (!page.ok()) return page.status();
    if (IsBlank(page->text)) return Status::InvalidArgument("no article text found in the page");
    Status s = CheckText(page->text, options_);
    if (!s.ok()) return s;
    if (a->title.empty()) a->title = std::move(page->title);
    if (a->date.empty()) a->date = std::move(page->date);
    if (a->source.empty()) a->source = std::move(page->site);
    if (a->url.empty()) a->url = std::move(page->url);
    a->text = std::move(page->text);
    return Status::OK();
  }

  void ReadDirectory(const std::string& dir) {
    std::vector<std::string> files;
    Status s = ListDirectory(dir, &files);
    if (!s.ok()) Fail(dir, std::move(s));
    for (const std::string& f : files) ReadPath(f, InputFormat::kAuto);
  }

 private:
  static std::string DefaultTextId(std::string_view name) {
    std::string_view base = name;
    if (EndsWith(base, ".gz")) base.remove_suffix(3);
    size_t slash = base.find_last_of('/');
    if (slash != std::string_view::npos) base.remove_prefix(slash + 1);
    size_t dot = base.find_last_of('.');
    if (dot != std::string_view::npos && dot > 0) base = base.substr(0, dot);
    return std::string(base.empty() ? name : base);
  }

  // The DOM API validates the whole record (including UTF-8) and dispatches at run time to the
  // best SIMD kernel this CPU has; On-Demand would be pinned to the compile-time target.
  Status ParseRecord(simdjson::dom::parser* parser, const char* buf, size_t len, Article* a) {
    using namespace simdjson;
    dom::element doc;
    auto error = parser->parse(reinterpret_cast<const uint8_t*>(buf), len, false).get(doc);
    if (error) return Status::InvalidArgument(std::string("bad JSON: ") + error_message(error));
    return RecordFromElement(doc, a);
  }

  Status RecordFromElement(const simdjson::dom::element& doc, Article* a) {
    using namespace simdjson;
    error_code error;
    dom::object obj;
    if ((error = doc.get_object().get(obj))) {
      return Status::InvalidArgument("record is not a JSON object");
    }
    bool have_text = false;
    std::string html;
    for (dom::key_value_pair field : obj) {
      std::string_view key = field.key;
      std::string* dest = nullptr;
      if (key == "id")
        dest = &a->id;
      else if (key == "url")
        dest = &a->url;
      else if (key == "source")
        dest = &a->source;
      else if (key == "title")
        dest = &a->title;
      else if (key == "date")
        dest = &a->date;
      else if (key == "text")
        dest = &a->text;
      else if (key == "html")
        dest = &html;
      if (dest == nullptr) continue;  // unknown fields are allowed
      const dom::element& value = field.value;
      switch (value.type()) {
        case dom::element_type::NULL_VALUE:
          continue;
        case dom::element_type::STRING: {
          std::string_view sv;
          if ((error = value.get_string().get(sv))) {
            return Status::InvalidArgument("field \"" + std::string(key) +
                                           "\": " + error_message(error));
          }
          dest->assign(sv);
          break;
        }
        case dom::element_type::INT64:
        case dom::element_type::UINT64:
          if (dest != &a->id) {
            return Status::InvalidArgument("field \"" + std::string(key) + "\" is not a string");
          }
          *dest = value.type() == dom::element_type::INT64
                      ? std::to_string(int64_t(value.get_int64()))
                      : std::to_string(uint64_t(value.get_uint64()));
          break;
        default:
          return Status::InvalidArgument("field \"" + std::string(key) + "\" is not a string");
      }
      if (dest == &a->text) have_text = true;
    }
    if (!have_text && !html.empty()) {
      if (html.size() > options_.extract.max_page_bytes) {
        return Status::ResourceExhausted("html field over the page size limit");
      }
      std::string url = a->url;
      return ArticleFromHtml(html, url, a);
    }
    if (!have_text) return Status::InvalidArgument("record has no \"text\" (or \"html\") field");
    Status s = CheckText(a->text, options_);
    if (!s.ok()) return s;
    for (std::string* f : {&a->id, &a->url, &a->source, &a->title, &a->date}) {
      if (f->size() > 64 * 1024) return Status::InvalidArgument("metadata field over 64 KB");
    }
    a->text = NormalizeNewlines(a->text);
    return Status::OK();
  }

  const IngestOptions& options_;
  const ArticleCallback& on_article_;
  const ErrorCallback& on_error_;
  IngestStats* stats_;
};

}  // namespace

Status ListDirectory(const std::string& dir, std::vector<std::string>* files) {
  files->clear();
  Status status;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Status::IOError("cannot list directory " + dir + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      status = Status::IOError("cannot list directory " + dir + ": " + ec.message());
      break;
    }
    const std::string base = it->path().filename().string();
    if (!base.empty() && base[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files->push_back(it->path().string());
  }
  std::sort(files->begin(), files->end());  // deterministic order whatever the file system says
  return status;
}

Status Validate(const IngestOptions& options) {
  if (options.max_record_bytes == 0 || options.max_record_bytes > (uint64_t{1} << 40)) {
    return Status::InvalidArgument("max_record_bytes must be in [1, 2^40]");
  }
  if (options.max_file_bytes == 0 || options.max_file_bytes > (uint64_t{1} << 48)) {
    return Status::InvalidArgument("max_file_bytes must be in [1, 2^48]");
  }
  return Validate(options.extract);
}

Status ReadInputs(const std::vector<std::string>& inputs, const IngestOptions& options,
                  const ArticleCallback& on_article, const ErrorCallback& on_error,
                  IngestStats* stats) {
  RETURN_IF_ERROR(Validate(options));
  IngestStats local;
  Reader reader(options, on_article, on_error, stats ? stats : &local);
  for (const std::string& path : inputs) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      reader.Fail(path, Status::NotFound("no such file or directory: " + path));
    } else if (fs::is_directory(st)) {
      reader.ReadDirectory(path);
    } else {
      reader.ReadPath(path, InputFormat::kAuto);
    }
  }
  return Status::OK();
}

Status ReadBuffer(std::string_view name, std::string_view data, InputFormat format,
                  const IngestOptions& options, const ArticleCallback& on_article,
                  const ErrorCallback& on_error, IngestStats* stats) {
  RETURN_IF_ERROR(Validate(options));
  IngestStats local;
  IngestStats* st = stats ? stats : &local;
  st->bytes += data.size();
  Reader reader(options, on_article, on_error, st);
  reader.Dispatch(name, data, format);
  return Status::OK();
}

}  // namespace storyline
