// Trains the story clusterer's join model on gold streams, and picks its thresholds.
//
// Input: JSON Lines sets written by `python3 eval/cluster_eval.py --dump DIR` (the storyline
// input fields plus `gold`, the gold story label, in stream order). Only tuning sets may be
// given (ECB+ train and dev, DUC 2006, DUC 2007, TAC 2009); the evaluation sets stay unseen.
//
// 1. Each set goes through the pipeline's text cleaning and dedup (RunPipeline), so the vectors
//    are the ones ClusterArticles sees.
// 2. The gold stream is replayed through the story index (cluster/story_index.h) in date order:
//    every article is scored against the candidate stories the index proposes, each (article,
//    candidate) pair labelled 1 when the candidate is the article's gold story, and the article
//    then joins its gold story. Miranda et al. (2018) train their ranking and merge models the
//    same way.
// 3. An L2-regularised logistic regression over the pair features (Newton's method), each set
//    weighted equally, gives the join model.
// 4. join_threshold and merge_threshold are chosen on a grid by the mean B-cubed F1 of
//    ClusterArticles over the sets.
//
// Run (eval/README.md): python3 eval/cluster_eval.py --dump /tmp/cl --sets
// ecb-train,ecb-dev,tac2009
//   then build/eval/cluster_train --window-days 365 /tmp/cl/{ecb-train,ecb-dev,tac2009}.jsonl
//   [--write src/cluster/model.h]

#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cluster/online.h"
#include "cluster/story_index.h"
#include "storyline/storyline.h"

namespace {

using storyline::Article;
namespace cl = storyline::cluster;

struct Set {
  std::string name;
  std::vector<std::string> gold;  // per article of `result`, in input order
  storyline::PipelineResult result;
  std::vector<cl::ArticleVector> vectors;
  std::vector<bool> is_copy;  // per article: a copy found by dedup (not clustered on its own)
};

struct Sample {
  cl::Features f;
  float y;
  float weight;
};

bool ReadSet(const std::string& path, Set* set) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    return false;
  }
  std::vector<Article> articles;
  simdjson::dom::parser parser;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    simdjson::dom::element doc;
    if (parser.parse(line).get(doc)) {
      std::fprintf(stderr, "%s: bad JSON line\n", path.c_str());
      return false;
    }
    Article a;
    std::string_view v;
    if (!doc["id"].get(v)) a.id = std::string(v);
    if (!doc["title"].get(v)) a.title = std::string(v);
    if (!doc["date"].get(v)) a.date = std::string(v);
    if (!doc["source"].get(v)) a.source = std::string(v);
    if (!doc["url"].get(v)) a.url = std::string(v);
    if (!doc["text"].get(v)) a.text = std::string(v);
    if (doc["gold"].get(v)) {
      std::fprintf(stderr, "%s: a line without `gold`\n", path.c_str());
      return false;
    }
    set->gold.emplace_back(v);
    if (!a.date.empty()) {
      auto ts = storyline::ParseIsoDate(a.date);
      if (ts.ok()) a.timestamp = *ts;
    }
    articles.push_back(std::move(a));
  }
  storyline::PipelineOptions po;
  auto r = storyline::RunPipeline(std::move(articles), po);
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), r.status().ToString().c_str());
    return false;
  }
  set->result = std::move(*r);
  set->is_copy.resize(set->result.articles.size());
  for (size_t i = 0; i < set->is_copy.size(); ++i) {
    set->is_copy[i] = set->result.dedup.articles[i].duplicate_of >= 0;
  }
  const size_t slash = path.find_last_of('/');
  set->name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  return true;
}

void BuildVectors(const storyline::ClusterOptions& o, Set* set) {
  storyline::text::DocumentFrequencies df;
  const std::vector<uint32_t> order = cl::StreamOrder(set->result.articles, set->is_copy);
  set->vectors =
      cl::BuildArticleVectors(set->result.articles, set->is_copy, order, o, nullptr, &df);
}

// Gives the samples from `first` on a total weight of 10^4, so that each set weighs the same in
// the fit however many pairs it has.
void WeighEqually(std::vector<Sample>* samples, size_t first) {
  const size_t n = samples->size() - first;
  for (size_t k = first; k < samples->size(); ++k) (*samples)[k].weight = n ? 1e4f / n : 0.0f;
}

// Replays the gold stream of `set`, appending its labelled pairs.
void Replay(const Set& set, const storyline::ClusterOptions& o, std::vector<Sample>* out) {
  const auto& r = set.result;
  const std::vector<uint32_t> order = cl::StreamOrder(r.articles, set.is_copy);
  cl::StoryIndex index(o);
  std::map<std::string, int32_t> story_of_gold;
  std::vector<cl::Candidate> candidates;
  const size_t first = out->size();
  for (uint32_t i : order) {
    index.Candidates(set.vectors[i], &candidates);
    auto it = story_of_gold.find(set.gold[i]);
    // A gold story idle beyond the window is frozen: the article starts a new one, as it would
    // at run time.
    const int32_t gold_story =
        it == story_of_gold.end() || index.frozen(it->second) ? -1 : it->second;
    for (const cl::Candidate& c : candidates) {
      out->push_back({c.features, c.story == gold_story ? 1.0f : 0.0f, 1.0f});
    }
    const int32_t story = gold_story >= 0 ? gold_story : index.NewStory();
    story_of_gold[set.gold[i]] = story;
    index.Add(story, set.vectors[i]);
  }
  WeighEqually(out, first);
}

// Solves a * x = b for a small symmetric positive definite a (Gaussian elimination).
std::vector<double> Solve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t p = c;
    for (size_t r = c + 1; r < n; ++r) {
      if (std::fabs(a[r][c]) > std::fabs(a[p][c])) p = r;
    }
    std::swap(a[c], a[p]);
    std::swap(b[c], b[p]);
    for (size_t r = 0; r < n; ++r) {
      if (r == c || a[c][c] == 0) continue;
      const double m = a[r][c] / a[c][c];
      for (size_t k = c; k < n; ++k) a[r][k] -= m * a[c][k];
      b[r] -= m * b[c];
    }
  }
  for (size_t c = 0; c < n; ++c) b[c] = a[c][c] != 0 ? b[c] / a[c][c] : 0;
  return b;
}

cl::Weights Fit(const std::vector<Sample>& samples, double l2) {
  constexpr int d = cl::kNumFeatures;
  std::vector<double> w(d, 0.0);
  for (int iter = 0; iter < 30; ++iter) {
    std::vector<std::vector<double>> h(d, std::vector<double>(d, 0.0));
    std::vector<double> g(d, 0.0);
    for (const Sample& s : samples) {
      double z = 0;
      for (int k = 0; k < d; ++k) z += w[k] * s.f[k];
      const double p = 1.0 / (1.0 + std::exp(-z));
      const double q = s.weight * p * (1 - p);
      for (int k = 0; k < d; ++k) {
        g[k] += s.weight * (s.y - p) * s.f[k];
        for (int m = 0; m < d; ++m) h[k][m] += q * s.f[k] * s.f[m];
      }
    }
    for (int k = 0; k < d; ++k) {
      g[k] -= l2 * w[k];
      h[k][k] += l2;
    }
    const std::vector<double> step = Solve(h, g);
    double change = 0;
    for (int k = 0; k < d; ++k) {
      w[k] += step[k];
      change = std::max(change, std::fabs(step[k]));
    }
    if (change < 1e-6) break;
  }
  cl::Weights out{};
  for (int k = 0; k < d; ++k) out[k] = static_cast<float>(w[k]);
  return out;
}

// Runs the online pass of `set` with join model `w` and no merging, then labels every (story,
// older candidate story) pair the merge pass would score: 1 when the two stories' majority gold
// labels agree. Appends the pairs to `out`.
void MergeSamples(Set& set, const storyline::ClusterOptions& o, const cl::Weights& w,
                  std::vector<Sample>* out) {
  BuildVectors(o, &set);
  const auto& r = set.result;
  const size_t n = r.articles.size();
  const std::vector<uint32_t> order = cl::StreamOrder(r.articles, set.is_copy);
  cl::StoryIndex index(o);
  storyline::ClusterOptions oo = o;
  oo.merge_threshold = 2.0;  // no merging: the pairs the merge pass would see
  oo.explain = false;
  storyline::ClusterResult cr;
  cr.story_of.assign(n, -1);
  cr.score.assign(n, 0.0);
  std::vector<int32_t> merged_into;
  cl::OnlineState online;
  cl::RunOnline(&set.vectors, order, oo, cl::Models{w, w}, nullptr, &index, &online, &cr,
                &merged_into);
  // Majority gold label of each story.
  std::vector<std::map<std::string, int>> votes(index.num_stories());
  for (uint32_t i : order) ++votes[static_cast<size_t>(cr.story_of[i])][set.gold[i]];
  std::vector<std::string> major(votes.size());
  for (size_t s = 0; s < votes.size(); ++s) {
    int best = 0;
    for (const auto& [g, c] : votes[s]) {
      if (c > best) {
        best = c;
        major[s] = g;
      }
    }
  }
  std::vector<cl::Candidate> candidates;
  const size_t first = out->size();
  for (int32_t s = static_cast<int32_t>(index.num_stories()) - 1; s > 0; --s) {
    cl::MergeCandidates(index, s, &candidates);
    for (const cl::Candidate& c : candidates) {
      const bool same = major[static_cast<size_t>(s)] == major[static_cast<size_t>(c.story)];
      out->push_back({c.features, same ? 1.0f : 0.0f, 1.0f});
    }
  }
  WeighEqually(out, first);
}

double B3F1(const std::vector<std::string>& gold, const std::vector<int32_t>& pred) {
  std::map<std::string, std::vector<size_t>> g;
  std::map<int32_t, std::vector<size_t>> p;
  for (size_t i = 0; i < gold.size(); ++i) {
    g[gold[i]].push_back(i);
    p[pred[i]].push_back(i);
  }
  std::map<std::pair<std::string, int32_t>, double> inter;
  for (size_t i = 0; i < gold.size(); ++i) inter[{gold[i], pred[i]}] += 1;
  double bp = 0, br = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    const double x = inter[{gold[i], pred[i]}];
    bp += x / p[pred[i]].size();
    br += x / g[gold[i]].size();
  }
  bp /= gold.size();
  br /= gold.size();
  return bp + br > 0 ? 2 * bp * br / (bp + br) : 0;
}

double Score(std::vector<Set>& sets, const storyline::ClusterOptions& o, bool print) {
  double sum = 0;
  for (Set& s : sets) {
    auto c = storyline::ClusterArticles(s.result.articles, s.result.dedup, o);
    if (!c.ok()) return -1;
    const double f = B3F1(s.gold, c->story_of);
    if (print) std::printf("  %-20s B3-F1 %.3f\n", s.name.c_str(), f);
    sum += f;
  }
  return sum / sets.size();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Trains the story clusterer's join model on tuning sets (see the file comment).");
  std::vector<std::string> inputs;
  std::string write;
  double l2 = 1.0;
  app.add_option("SET", inputs, "gold JSON Lines sets (tuning sets only)")->required();
  app.add_option("--write", write, "write the model header here (src/cluster/model.h)");
  app.add_option("--l2", l2, "L2 regularisation")->capture_default_str();
  double merge_l2 = 10.0;
  app.add_option("--merge-l2", merge_l2, "L2 regularisation of the merge model (few samples)")
      ->capture_default_str();
  storyline::ClusterOptions o;
  double window_days = static_cast<double>(o.time_window_seconds) / 86400;
  app.add_option("--window-days", window_days, "freeze window of the replay and the runs")
      ->capture_default_str();
  app.add_option("--max-terms", o.max_terms, "terms per field")->capture_default_str();
  app.add_option("--clash-veto", o.entity_clash_veto, "entity clash veto")->capture_default_str();
  app.add_option("--min-similarity", o.min_similarity, "all-words cosine a candidate needs")
      ->capture_default_str();
  app.add_option("--title-weight", o.title_weight, "title words in the all-words field")
      ->capture_default_str();
  app.add_option("--lead-weight", o.lead_weight, "lead words in the all-words field")
      ->capture_default_str();
  app.add_option("--sigma-days", o.time_sigma_days, "time similarity scale")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  o.time_window_seconds = static_cast<int64_t>(window_days * 86400);

  std::vector<Set> sets(inputs.size());
  std::vector<Sample> samples;
  for (size_t k = 0; k < inputs.size(); ++k) {
    if (!ReadSet(inputs[k], &sets[k])) return 1;
    BuildVectors(o, &sets[k]);
    const size_t before = samples.size();
    Replay(sets[k], o, &samples);
    size_t pos = 0;
    for (size_t q = before; q < samples.size(); ++q) pos += samples[q].y > 0;
    std::printf("%s: %zu articles, %zu pairs (%zu positive)\n", sets[k].name.c_str(),
                sets[k].result.articles.size(), samples.size() - before, pos);
  }
  {
    size_t pos = 0, neg = 0, pos_clash = 0, neg_clash = 0;
    for (const Sample& s : samples) {
      const bool clash = s.f[cl::kEntityClash] > 0;
      (s.y > 0 ? pos : neg)++;
      if (clash) (s.y > 0 ? pos_clash : neg_clash)++;
    }
    std::printf("entity clash: %zu of %zu positive pairs, %zu of %zu negative pairs\n", pos_clash,
                pos, neg_clash, neg);
  }
  const cl::Weights w = Fit(samples, l2);
  std::printf("weights:\n");
  for (int k = 0; k < cl::kNumFeatures; ++k)
    std::printf("  %-14s %+.4f\n", cl::kFeatureNames[k], w[k]);

  o.model.assign(w.begin(), w.end());
  // The join threshold first, without merging; then the merge model, trained on the stories
  // that threshold makes, and its threshold.
  double best = -1, best_join = 0.5, best_merge = 2;
  o.merge_threshold = 2.0;
  for (double join : {0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) {
    o.join_threshold = join;
    const double f = Score(sets, o, false);
    std::printf("join %.2f (no merging): mean B3-F1 %.4f\n", join, f);
    if (f > best) {
      best = f;
      best_join = join;
    }
  }
  o.join_threshold = best_join;
  std::vector<Sample> merge_samples;
  for (Set& s : sets) MergeSamples(s, o, w, &merge_samples);
  size_t merge_pos = 0;
  for (const Sample& s : merge_samples) merge_pos += s.y > 0;
  std::printf("merge pairs: %zu (%zu positive)\n", merge_samples.size(), merge_pos);
  const cl::Weights mw = Fit(merge_samples, merge_l2);
  std::printf("merge weights:\n");
  for (int k = 0; k < cl::kNumFeatures; ++k) {
    std::printf("  %-14s %+.4f\n", cl::kFeatureNames[k], mw[k]);
  }
  o.merge_model.assign(mw.begin(), mw.end());
  for (double merge : {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
    o.merge_threshold = merge;
    const double f = Score(sets, o, false);
    std::printf("join %.2f merge %.2f: mean B3-F1 %.4f\n", best_join, merge, f);
    if (f > best) {
      best = f;
      best_merge = merge;
    }
  }
  o.join_threshold = best_join;
  o.merge_threshold = best_merge;
  std::printf("best: join_threshold %.2f merge_threshold %.2f mean B3-F1 %.4f\n", best_join,
              best_merge, best);
  Score(sets, o, true);

  if (!write.empty()) {
    std::ostringstream h;
    std::string names;
    for (const Set& set : sets) names += (names.empty() ? "" : ", ") + set.name;
    h << "// The built-in join model (internal): weights over the features of story_index.h.\n"
         "// Written by eval/cluster_train (do not edit by hand) from "
      << names
      << ",\n"
         "// window "
      << window_days
      << " days; the thresholds it chose (ClusterOptions defaults):\n"
         "// join_threshold "
      << best_join << ", merge_threshold " << best_merge << ".\n\n"
      << "#ifndef STORYLINE_CLUSTER_MODEL_H_\n#define STORYLINE_CLUSTER_MODEL_H_\n\n"
      << "#include \"cluster/story_index.h\"\n\nnamespace storyline::cluster {\n\n"
      << "inline constexpr Weights kDefaultModel = {\n";
    auto emit = [&](const cl::Weights& ws) {
      for (int k = 0; k < cl::kNumFeatures; ++k) {
        char buf[96];
        std::snprintf(buf, sizeof(buf), "    %+.6ff,  // %s\n", ws[k], cl::kFeatureNames[k]);
        h << buf;
      }
    };
    emit(w);
    h << "};\n\n// The merge pass's model: a story's centroid scored against an older story.\n"
      << "inline constexpr Weights kDefaultMergeModel = {\n";
    emit(mw);
    h << "};\n\n}  // namespace storyline::cluster\n\n#endif  // STORYLINE_CLUSTER_MODEL_H_\n";
    std::ofstream(write) << h.str();
    std::printf("wrote %s\n", write.c_str());
  }
  return 0;
}
