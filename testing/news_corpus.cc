#include "testing/news_corpus.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "testing/corpus.h"
#include "testing/perturb.h"

namespace storyline::testing {
namespace {

namespace fs = std::filesystem;

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return true;
}

// A string field of `obj`, or "" when it is missing, null or not a string.
std::string Field(simdjson::dom::object obj, std::string_view key) {
  std::string_view v;
  if (obj[key].get_string().get(v) != simdjson::SUCCESS) return "";
  return std::string(v);
}

void SetDate(std::string date, Article* a) {
  a->date = std::move(date);
  if (a->date.empty()) return;
  Result<int64_t> t = ParseIsoDate(a->date);
  if (t.ok()) a->timestamp = *t;
}

Status LoadDucTac(const fs::path& file, std::vector<Article>* out) {
  std::string data;
  if (!ReadFile(file, &data)) return Status::NotFound("cannot read " + file.string());
  simdjson::dom::parser parser;
  size_t pos = 0, line_no = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    simdjson::dom::object obj;
    if (parser.parse(simdjson::padded_string(line)).get_object().get(obj) != simdjson::SUCCESS) {
      return Status::Corruption(file.string() + ":" + std::to_string(line_no) + ": bad JSON");
    }
    Article a;
    a.text = Field(obj, "text");
    if (a.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    a.id = Field(obj, "dataset") + "/" + Field(obj, "cluster_id") + "/" + Field(obj, "doc_id");
    a.source = Field(obj, "source");
    a.title = Field(obj, "headline");
    std::string when = Field(obj, "date_time");
    SetDate(when.empty() || !ParseIsoDate(when).ok() ? Field(obj, "date") : when, &a);
    out->push_back(std::move(a));
  }
  return Status::OK();
}

Status LoadWcxb(const fs::path& dir, std::vector<Article>* out) {
  if (!fs::is_directory(dir)) return Status::NotFound("no directory " + dir.string());
  simdjson::dom::parser parser;
  for (std::string_view split : {"dev", "test"}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir / split / "ground-truth", ec)) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
    if (ec) return Status::NotFound("cannot list " + (dir / split).string());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      std::string data;
      if (!ReadFile(f, &data)) return Status::NotFound("cannot read " + f.string());
      simdjson::dom::object gt;
      if (parser.parse(simdjson::padded_string(data))["ground_truth"].get_object().get(gt) !=
          simdjson::SUCCESS) {
        return Status::Corruption(f.string() + ": no ground_truth object");
      }
      Article a;
      a.text = Field(gt, "main_content");
      if (a.text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      a.id = "wcxb/" + std::string(split) + "/" + f.stem().string();
      a.title = Field(gt, "title");
      SetDate(Field(gt, "publish_date"), &a);
      out->push_back(std::move(a));
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<Article>> LoadNewsArticles(const NewsCorpusOptions& options) {
  const fs::path root =
      options.data_dir.empty() ? fs::path(SharedDir()) / "data" : fs::path(options.data_dir);
  std::vector<Article> all;
  if (options.duc_tac) {
    Status s = LoadDucTac(root / "duc-tac-clusters" / "docs.jsonl", &all);
    if (!s.ok()) return s;
  }
  if (options.wcxb) {
    Status s = LoadWcxb(root / "wcxb-articles", &all);
    if (!s.ok()) return s;
  }
  if (options.max_articles == 0 || options.max_articles >= all.size()) return all;

  // A seeded sample, kept in file order (which is the order dedup breaks date ties in).
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  Rng rng(options.seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  order.resize(options.max_articles);
  std::sort(order.begin(), order.end());
  std::vector<Article> sample;
  sample.reserve(order.size());
  for (size_t i : order) sample.push_back(std::move(all[i]));
  return sample;
}

}  // namespace storyline::testing
