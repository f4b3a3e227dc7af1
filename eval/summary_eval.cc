// Summary evaluation: ROUGE-N (eval/rouge.h) validated on the 13 DUC 2004 systems whose outputs
// are in ../shared/data/duc2004-task2/peers, then Storyline's briefs scored the same way.
//
//   build/eval/summary_eval                      # DUC 2004 task 2: validation + our scores
//   build/eval/summary_eval --set tac2010        # TAC 2010 set A (the tuning set), our scores
//
// DUC 2004: 50 clusters of 10 AP/NYT documents (docs/<cluster>/C1..C10), 4 human 100-word
// references each (models/), ROUGE-1.5.5 -n 4 -m -l 100 -f A recall. TAC 2010 set A: 46
// clusters from duc-tac-clusters/docs.jsonl (tokenised text, detokenised here), 4 references each
// from eval/tac2010_models_100w_setA_setB.zip (unpacked with `unzip` into a temporary
// directory). Each cluster is one SummarizeStory call over its documents, exactly what
// `storyline summarize DIR --words 100` prints.

#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "rouge.h"
#include "storyline/storyline.h"

namespace fs = std::filesystem;
using storyline::eval::RougeBootstrapMean;
using storyline::eval::RougeN;
using storyline::eval::RougeOptions;
using storyline::eval::RougeTokens;

namespace {

std::vector<std::string> ReadLines(const fs::path& p) {
  std::ifstream f(p);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(f, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

struct Topic {
  std::string id;                                // key of the models/peers ("d30001")
  std::vector<std::vector<std::string>> models;  // token lists
  std::vector<storyline::Article> docs;
};

struct Scores {
  std::vector<double> r[5];  // per topic, ROUGE-n recall for n = 1..4
  std::vector<double> f2;    // ROUGE-2 F
};

void Score(const std::vector<std::string>& peer_lines, const Topic& t, const RougeOptions& ro,
           Scores* s) {
  const auto peer = RougeTokens(peer_lines, ro);
  for (int n = 1; n <= 4; ++n) s->r[n].push_back(RougeN(peer, t.models, n).recall);
  s->f2.push_back(RougeN(peer, t.models, 2).f);
}

double Mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

// Undoes the TAC extraction's tokenisation ("said , the" -> "said, the"; `` and '' -> ").
std::string Detokenize(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "``") == 0 || s.compare(i, 2, "''") == 0) {
      out += '"';
      ++i;
      continue;
    }
    out += s[i];
  }
  std::string r;
  r.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c == ' ' && i + 1 < out.size()) {
      const char n = out[i + 1];
      const bool before_punct = n == ',' || n == '.' || n == ';' || n == ':' || n == '!' ||
                                n == '?' || n == ')' || n == '%' ||
                                (n == '\'' && i + 2 < out.size() && out[i + 2] != ' ');
      const bool after_open = !r.empty() && (r.back() == '(' || r.back() == '$');
      if (before_punct || after_open) continue;
      if (n == 'n' && out.compare(i + 1, 3, "n't") == 0) continue;
    }
    r += c;
  }
  return r;
}

bool LoadDuc2004(const fs::path& data, const RougeOptions& ro, std::vector<Topic>* topics,
                 std::string* error) {
  const fs::path root = data / "duc2004-task2";
  if (!fs::is_directory(root / "models") || !fs::is_directory(root / "docs")) {
    *error = "no DUC 2004 task 2 models/docs under " + root.string();
    return false;
  }
  std::map<std::string, std::vector<fs::path>> models;
  for (const auto& e : fs::directory_iterator(root / "models")) {
    const std::string name = e.path().filename().string();
    models[name.substr(0, name.find('.'))].push_back(e.path());
  }
  if (models.empty()) {
    *error = "no models in " + (root / "models").string();
    return false;
  }
  for (auto& [id, paths] : models) {
    std::sort(paths.begin(), paths.end());
    Topic t;
    t.id = id;
    for (const fs::path& p : paths) t.models.push_back(RougeTokens(ReadLines(p), ro));
    const fs::path dir = root / "docs" / (id + "t");
    storyline::IngestOptions io;
    storyline::Status st = storyline::ReadInputs(
        {dir.string()}, io, [&](storyline::Article&& a) { t.docs.push_back(std::move(a)); },
        [](const storyline::IngestError&) {}, nullptr);
    if (!st.ok()) {
      *error = dir.string() + ": " + st.ToString();
      return false;
    }
    topics->push_back(std::move(t));
  }
  return true;
}

bool LoadTac2010(const fs::path& data, const RougeOptions& ro, std::vector<Topic>* topics,
                 std::string* error) {
  const fs::path root = data / "duc-tac-clusters";
  // A fresh private directory per run (mkdtemp), removed at the end of the load.
  std::string templ = (fs::temp_directory_path() / "storyline-tac2010-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) {
    *error = "cannot create a temporary directory";
    return false;
  }
  const fs::path tmp = templ;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{tmp};
  const std::string cmd = "unzip -q -o '" +
                          (root / "eval" / "tac2010_models_100w_setA_setB.zip").string() +
                          "' -d '" + tmp.string() + "'";
  if (std::system(cmd.c_str()) != 0) {
    *error = "could not run: " + cmd;
    return false;
  }
  std::map<std::string, std::vector<fs::path>> models;  // "D1001-A" -> files
  for (const auto& e : fs::recursive_directory_iterator(tmp)) {
    if (!e.is_regular_file()) continue;
    const std::string name = e.path().filename().string();
    const std::string id = name.substr(0, name.find('.'));
    if (id.size() < 2 || id.substr(id.size() - 2) != "-A") continue;
    models[id].push_back(e.path());
  }
  std::map<std::string, std::vector<storyline::Article>> docs;  // "D1001-A" -> articles
  simdjson::ondemand::parser parser;
  auto json = simdjson::padded_string::load((root / "docs.jsonl").string());
  if (json.error()) {
    *error = "cannot read " + (root / "docs.jsonl").string();
    return false;
  }
  simdjson::ondemand::document_stream stream;
  if (parser.iterate_many(json.value()).get(stream)) {
    *error = "cannot parse docs.jsonl";
    return false;
  }
  for (auto doc : stream) {
    std::string_view dataset, cluster, id, headline, text, source, date;
    if (doc["dataset"].get_string().get(dataset) || dataset != "tac2010") continue;
    if (doc["cluster_id"].get_string().get(cluster)) continue;
    if (doc["doc_id"].get_string().get(id)) id = {};
    if (doc["date"].get_string().get(date)) date = {};
    if (doc["source"].get_string().get(source)) source = {};
    if (doc["headline"].get_string().get(headline)) headline = {};
    if (doc["text"].get_string().get(text)) text = {};
    // "D1001A-A" -> "D1001-A": the models drop the assessor letter.
    std::string key(cluster);
    if (key.size() >= 8) key = key.substr(0, 5) + key.substr(6);
    storyline::Article a;
    a.id = std::string(id);
    a.source = std::string(source);
    a.title = Detokenize(std::string(headline));
    a.text = Detokenize(std::string(text));
    if (auto ts = storyline::ParseIsoDate(date); ts.ok()) a.timestamp = *ts;
    docs[key].push_back(std::move(a));
  }
  for (auto& [id, paths] : models) {
    auto it = docs.find(id);
    if (it == docs.end()) continue;
    std::sort(paths.begin(), paths.end());
    Topic t;
    t.id = id;
    for (const fs::path& p : paths) t.models.push_back(RougeTokens(ReadLines(p), ro));
    t.docs = std::move(it->second);
    topics->push_back(std::move(t));
  }
  if (topics->empty()) {
    *error = "no TAC 2010 topics with both documents and models";
    return false;
  }
  return true;
}

// ROUGE-1.5.5 orders topics by the string "topic.system"; for one system that is topic order.
void PrintRow(const std::string& name, const Scores& s, const char* extra) {
  std::printf("| %s | %.2f | %.2f | %.2f | %.2f |%s\n", name.c_str(),
              100 * RougeBootstrapMean(s.r[1]), 100 * RougeBootstrapMean(s.r[2]),
              100 * RougeBootstrapMean(s.r[4]), 100 * Mean(s.f2), extra);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ROUGE validation on the DUC 2004 peers, and Storyline's briefs scored by ROUGE"};
  std::string data = "../shared/data";
  std::string set = "duc2004";
  std::string out_dir;
  bool skip_validation = false;
  storyline::PipelineOptions po;
  po.brief.max_words = 100;
  po.brief.max_sentences = 1000;
  std::string method = "concepts";
  std::string wordnet = "/usr/share/wordnet";
  app.add_option("--data", data, "the shared data directory")->capture_default_str();
  app.add_option("--wordnet", wordnet, "directory of WordNet's *.exc exception lists")
      ->capture_default_str();
  app.add_option("--set", set, "duc2004 or tac2010")
      ->check(CLI::IsMember({"duc2004", "tac2010"}))
      ->capture_default_str();
  app.add_option("--out", out_dir, "write each brief to DIR/<topic>");
  app.add_flag("--skip-validation", skip_validation, "do not re-score the 13 DUC 2004 peers");
  app.add_option("--words", po.brief.max_words, "word budget")->capture_default_str();
  app.add_option("--method", method, "concepts or centroid")
      ->check(CLI::IsMember({"concepts", "centroid"}));
  app.add_option("--min-concept-outlets", po.brief.min_concept_outlets)->capture_default_str();
  app.add_option("--lead-concept-weight", po.brief.lead_concept_weight)->capture_default_str();
  app.add_option("--lead-sentences", po.brief.lead_sentences)->capture_default_str();
  app.add_option("--length-exponent", po.brief.length_exponent)->capture_default_str();
  app.add_option("--rare-concept-weight", po.brief.rare_concept_weight)->capture_default_str();
  app.add_option("--redundancy", po.brief.redundancy_threshold)->capture_default_str();
  app.add_option("--min-sentence-words", po.brief.min_sentence_words)->capture_default_str();
  app.add_option("--unigram-weight", po.brief.unigram_weight)->capture_default_str();
  app.add_flag("--skip-quotes", po.brief.skip_quotes);
  app.add_option("--article-share", po.brief.article_share)->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  po.brief.method =
      method == "centroid" ? storyline::BriefMethod::kCentroid : storyline::BriefMethod::kConcepts;

  storyline::eval::RougeExceptions exceptions;
  if (!storyline::eval::LoadWordNetExceptions(wordnet, &exceptions)) {
    std::fprintf(stderr,
                 "summary_eval: no WordNet exception lists in %s (apt-get install "
                 "wordnet-base)\n",
                 wordnet.c_str());
    return 1;
  }
  RougeOptions ro;
  ro.exceptions = &exceptions;
  std::vector<Topic> topics;
  std::string error;
  const bool ok = set == "duc2004" ? LoadDuc2004(data, ro, &topics, &error)
                                   : LoadTac2010(data, ro, &topics, &error);
  if (!ok) {
    std::fprintf(stderr, "summary_eval: %s\n", error.c_str());
    return 1;
  }
  std::printf("# Summaries — eval/summary_eval (%s, %zu topics, 100-word recall, stemmed)\n\n",
              set.c_str(), topics.size());

  const fs::path ref = fs::path(data) / "duc2004-task2" / "rouge-reference";
  std::map<std::string, std::map<int, double>> published;  // system -> n -> Average_R
  if (set == "duc2004") {
    for (const std::string& line : ReadLines(ref / "rouge.res")) {
      std::istringstream in(line);
      std::string system, metric, kind;
      double value;
      if (in >> system >> metric >> kind >> value && kind == "Average_R:") {
        published[system][metric.back() - '0'] = value;
      }
    }
  }
  if (set == "duc2004" && !skip_validation) {
    // Validation: the 13 systems' outputs re-scored, beside ROUGE-1.5.5's own figures.
    std::printf("## ROUGE reimplementation vs ROUGE-1.5.5 on the 13 systems' summaries\n\n");
    std::printf(
        "| system | R-1 ours | R-1 ROUGE-1.5.5 | R-2 ours | R-2 ROUGE-1.5.5 | R-4 ours | "
        "R-4 ROUGE-1.5.5 | topics with a per-topic R-1/R-2/R-4 difference > 0.0001 |\n");
    std::printf("|---|---|---|---|---|---|---|---|\n");
    double worst = 0;
    for (const auto& [system, figures] : published) {
      Scores s;
      int differing = 0;
      std::map<std::string, std::vector<double>> per_topic_ref;
      for (const std::string& line : ReadLines(ref / ("pertopic." + system))) {
        std::istringstream in(line);
        std::string id;
        double r1, r2, r4;
        if (in >> id >> r1 >> r2 >> r4) per_topic_ref[id] = {r1, r2, r4};
      }
      for (const Topic& t : topics) {
        const fs::path peer = fs::path(data) / "duc2004-task2" / "peers" / (t.id + "." + system);
        if (!fs::exists(peer)) continue;
        Score(ReadLines(peer), t, ro, &s);
        auto it = per_topic_ref.find(t.id);
        if (it != per_topic_ref.end()) {
          const double d = std::max({std::abs(s.r[1].back() - it->second[0]),
                                     std::abs(s.r[2].back() - it->second[1]),
                                     std::abs(s.r[4].back() - it->second[2])});
          differing += d > 1e-4;
        }
      }
      double ours[5];
      for (int n : {1, 2, 4}) {
        ours[n] = RougeBootstrapMean(s.r[n]);
        auto f = figures.find(n);
        if (f != figures.end()) worst = std::max(worst, 100 * std::abs(ours[n] - f->second));
      }
      auto pub = [&figures = figures](int n) {
        auto f = figures.find(n);
        return f == figures.end() ? 0.0 : 100 * f->second;
      };
      std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d of %zu |\n", system.c_str(),
                  100 * ours[1], pub(1), 100 * ours[2], pub(2), 100 * ours[4], pub(4), differing,
                  s.r[1].size());
    }
    std::printf("\nLargest system-level difference: %.3f ROUGE points (target ±0.1).\n\n", worst);
  }

  // Our briefs.
  Scores ours;
  std::vector<double> ms;
  size_t words_total = 0;
  for (const Topic& t : topics) {
    std::vector<storyline::Article> docs = t.docs;
    const auto start = std::chrono::steady_clock::now();
    auto brief = storyline::SummarizeStory(std::move(docs), po);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    if (!brief.ok()) {
      std::fprintf(stderr, "summary_eval: %s: %s\n", t.id.c_str(),
                   brief.status().ToString().c_str());
      return 1;
    }
    std::vector<std::string> lines;
    for (const auto& s : brief->sentences) {
      lines.push_back(s.text);
      words_total += static_cast<size_t>(std::count(s.text.begin(), s.text.end(), ' ') + 1);
    }
    if (!out_dir.empty()) {
      fs::create_directories(out_dir);
      std::ofstream f(fs::path(out_dir) / t.id);
      for (const auto& l : lines) f << l << '\n';
    }
    Score(lines, t, ro, &ours);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("## Storyline (%s, --words %d)\n\n", method.c_str(), po.brief.max_words);
  std::printf("| system | R-1 | R-2 | R-4 | R-2 F |\n|---|---|---|---|---|\n");
  PrintRow("**Storyline**", ours, "");
  // The 13 systems by R-2, as ROUGE-1.5.5 scored them.
  std::vector<std::pair<double, std::string>> by_r2;
  for (const auto& [system, figures] : published) {
    auto f = figures.find(2);
    by_r2.emplace_back(f == figures.end() ? 0.0 : f->second, system);
  }
  std::sort(by_r2.rbegin(), by_r2.rend());
  for (const auto& [r2, system] : by_r2) {
    const std::map<int, double>& figures = published[system];
    auto fig = [&figures](int n) {
      auto f = figures.find(n);
      return f == figures.end() ? 0.0 : 100 * f->second;
    };
    std::printf("| %s | %.2f | %.2f | %.2f | — |\n", system.c_str(), fig(1), fig(2), fig(4));
  }
  std::printf(
      "\nMean words per brief %.1f; SummarizeStory (clean + dedup + brief) per cluster: "
      "median %.2f ms, max %.2f ms (one thread)\n",
      static_cast<double>(words_total) / static_cast<double>(topics.size()), ms[ms.size() / 2],
      ms.back());
  std::printf("Targets (DUC 2004): R-2 >= 10.00 and R-1 >= 40.00.\n");
  return 0;
}
