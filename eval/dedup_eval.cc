// Precision and recall of each dedup layer against an exact all-pairs oracle, on real news text
// with planted, perturbed copies.
//
// Run:  build/eval/dedup_eval --docs 2000        (see eval/README.md; --help for the flags)
//
// Corpus. N articles sampled (seeded) from ../shared/data/duc-tac-clusters (optionally plus WCXB
// main texts), then a `--copy-rate` share of them get one perturbed copy each (reformat,
// boilerplate, truncate, shuffle, word-swap, substitute, dealt out in turn; testing/perturb.h) and
// `--stitches` new texts are stitched from passages of 2–4 other articles with filler of our own.
// The real articles keep their own natural duplicates and reused passages: everything is scored
// against the oracle over ALL pairs, not only against what was planted.
//
// Oracle (testing/dedup_oracle.h): exact 5-word shingle sets of every text, every pair that
// shares a shingle counted through posting lists; exact = equal normalised token streams.
//
// Pair semantics (testing/dedup_scoring.h). Dedup points each copy at one original, so a group is
// an original and its copies.
//   exact      oracle pairs: equal token streams. Found: same group.
//   near       oracle pairs: not exact, Jaccard >= the preset's near_threshold. Found: same group.
//   contained  oracle pairs: not exact, containment of the shorter text >= max(0.85, the preset's
//              containment_threshold), shorter text >= min_containment_words. Found: same group.
//   Precision of a layer: of the edges reported with that kind (copy -> duplicate_of), the share
//   the oracle confirms for that very pair at the preset's own threshold (containment_threshold,
//   not 0.85, for contained).
//   partial    (presets with find_partial) oracle pairs: not related as copies at the preset's
//              thresholds, and sharing a run of consecutive shingles covering >= min_reuse_words
//              words. Found: same group, or a PartialReuse record between members of their groups.
//              Precision: of the bytes inside reported spans, the share lying in occurrences of
//              shingles that also lie inside the span's source range (copy side; and the same
//              from the source side).
//   planted passages (>= 40 words, stitched texts): found when spans of a record between the
//              right (source, stitched text) pair cover >= 50 % of the passage's words, or the two
//              texts are grouped; span accuracy as the byte IoU of the passage with the
//              overlapping spans, in the stitched text and in the source.
// Per perturbation kind: the oracle's relation of each planted copy to its source at the preset's
// thresholds, the share of oracle-related copies grouped with their source, and the precision of
// the planted copies' own edges.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "storyline/dedup.h"
#include "testing/dedup_oracle.h"
#include "testing/dedup_scoring.h"
#include "testing/news_corpus.h"
#include "testing/perturb.h"

namespace storyline {
namespace {

using testing::PairOverlap;
using testing::ShingleProfile;

// Words of each planted passage, at least: the bar for reuse that must be found.
constexpr int kPassageWords = 40;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double Ratio(uint64_t num, uint64_t den) {
  return den == 0 ? 1.0 : static_cast<double>(num) / static_cast<double>(den);
}

// "0.9876" or "—" for an empty denominator.
std::string Fmt(uint64_t num, uint64_t den) {
  if (den == 0) return "—";
  char buf[32];
  snprintf(buf, sizeof(buf), "%.4f", Ratio(num, den));
  return buf;
}

const char* Verdict(uint64_t num, uint64_t den, double target) {
  if (den == 0) return "n/a";
  return Ratio(num, den) >= target ? "ok" : "BELOW";
}

struct Flags {
  size_t docs = 2000;
  double copy_rate = 0.2;
  size_t stitches = 100;
  uint64_t seed = 1;
  int threads = 0;
  bool wcxb = false;
  int show_misses = 3;
  std::vector<std::string> presets;
  std::string data_dir;
};

// The corpus's oracle at one shingle width: profiles plus every pair that could be positive for
// some layer (Jaccard >= 0.3, containment >= 0.5, exact, or enough shared shingles for a run of
// `min_run_words`), with the longest shared run for the latter.
struct Oracle {
  std::vector<ShingleProfile> profiles;
  std::vector<PairOverlap> pairs;
  std::vector<uint32_t> run_words;  // per pair: longest run of shared shingles, in words
};

Oracle BuildOracle(const std::vector<Article>& articles, int shingle_words, int min_run_words,
                   int threads) {
  Oracle o;
  o.profiles = testing::BuildShingleProfiles(articles, shingle_words, threads);
  const uint32_t run_shingles =
      static_cast<uint32_t>(std::max(1, min_run_words - shingle_words + 1));
  o.pairs = testing::AllOverlappingPairs(o.profiles, [&](const PairOverlap& p) {
    return p.exact || p.jaccard >= 0.3 || p.containment >= 0.5 || p.shared >= run_shingles;
  });
  o.run_words.resize(o.pairs.size(), 0);
  for (size_t k = 0; k < o.pairs.size(); ++k) {
    const PairOverlap& p = o.pairs[k];
    if (p.shared < run_shingles) continue;
    o.run_words[k] = std::max(testing::LongestSharedRunWords(o.profiles[p.a], o.profiles[p.b]),
                              testing::LongestSharedRunWords(o.profiles[p.b], o.profiles[p.a]));
  }
  return o;
}

struct Count {
  uint64_t positive = 0, found = 0;      // recall
  uint64_t reported = 0, confirmed = 0;  // precision
};

std::string Describe(const std::vector<Article>& a, const PairOverlap& p) {
  char buf[160];
  snprintf(buf, sizeof(buf), "J=%.3f C=%.3f", p.jaccard, p.containment);
  return a[p.a].id + " ~ " + a[p.b].id + " (" + buf + ")";
}

void EvaluatePreset(const std::string& preset, const testing::PlantedCorpus& pc,
                    const Oracle& oracle, const Flags& flags) {
  DedupOptions o;
  if (Status s = ApplyDedupPreset(preset, &o); !s.ok()) {
    printf("preset %s: %s\n", preset.c_str(), s.ToString().c_str());
    return;
  }
  o.threads = flags.threads;
  // The oracle compares the texts as given, so per-outlet template removal (on by default; it
  // changes what is compared on purpose, and is tested on its own) is off here.
  o.template_min_articles = 0;
  const std::vector<Article>& articles = pc.articles;
  const std::vector<ShingleProfile>& prof = oracle.profiles;

  const auto t0 = std::chrono::steady_clock::now();
  Result<DedupResult> res = Deduplicate(articles, o);
  const double dedup_seconds = Seconds(t0);
  if (!res.ok()) {
    printf("preset %s: Deduplicate failed: %s\n", preset.c_str(), res.status().ToString().c_str());
    return;
  }
  const DedupResult& r = *res;
  int bands = 0, rows = 0;
  if (!LshParameters(o, &bands, &rows).ok()) return;  // o was validated by Deduplicate
  const double contain_recall = std::max(testing::kContainmentRecallBar, o.containment_threshold);

  printf("\n## preset %s\n\n", preset.c_str());
  printf(
      "near_threshold %.2f, containment_threshold %.2f (recall counted at >= %.2f), "
      "min_containment_words %d, LSH %d bands x %d rows, partial %s (min_reuse_words %d), "
      "template lines off (the oracle compares texts as given), library seed %#llx\n",
      o.near_threshold, o.containment_threshold, contain_recall, o.min_containment_words, bands,
      rows, o.find_partial ? "on" : "off", o.min_reuse_words,
      static_cast<unsigned long long>(o.seed));
  printf(
      "Deduplicate: %.3f s for %zu texts (%.0f texts/s), %llu copies, %zu reuse records; "
      "candidates: %llu LSH, %llu containment, %llu partial\n\n",
      dedup_seconds, articles.size(), static_cast<double>(articles.size()) / dedup_seconds,
      static_cast<unsigned long long>(r.stats.copies), r.reuse.size(),
      static_cast<unsigned long long>(r.stats.lsh_candidates),
      static_cast<unsigned long long>(r.stats.containment_candidates),
      static_cast<unsigned long long>(r.stats.partial_candidates));

  // Recall over the oracle's pairs.
  Count exact, near, contained, partial;
  std::vector<std::string> miss_exact, miss_near, miss_contained, miss_partial;
  auto note = [&](std::vector<std::string>* v, const PairOverlap& p) {
    if (static_cast<int>(v->size()) < flags.show_misses) v->push_back(Describe(articles, p));
  };
  // Group pairs joined by a reuse record, for partial recall.
  std::vector<std::pair<int64_t, int64_t>> reuse_groups;
  for (const PartialReuse& rec : r.reuse) {
    int64_t x = testing::GroupOf(r, rec.source), y = testing::GroupOf(r, rec.copy);
    reuse_groups.emplace_back(std::min(x, y), std::max(x, y));
  }
  std::sort(reuse_groups.begin(), reuse_groups.end());
  for (size_t k = 0; k < oracle.pairs.size(); ++k) {
    const PairOverlap& p = oracle.pairs[k];
    const testing::OracleRelation rel = testing::Relate(p, prof, o);
    const int64_t ga = testing::GroupOf(r, p.a), gb = testing::GroupOf(r, p.b);
    const bool grouped = ga == gb;
    if (rel.exact) {
      ++exact.positive;
      if (grouped)
        ++exact.found;
      else
        note(&miss_exact, p);
    }
    if (rel.near) {
      ++near.positive;
      if (grouped)
        ++near.found;
      else
        note(&miss_near, p);
    }
    if (rel.contained_recall) {
      ++contained.positive;
      if (grouped)
        ++contained.found;
      else
        note(&miss_contained, p);
    }
    if (o.find_partial && !rel.copy() &&
        oracle.run_words[k] >= static_cast<uint32_t>(o.min_reuse_words)) {
      ++partial.positive;
      const bool joined =
          grouped || std::binary_search(reuse_groups.begin(), reuse_groups.end(),
                                        std::make_pair(std::min(ga, gb), std::max(ga, gb)));
      if (joined)
        ++partial.found;
      else
        note(&miss_partial, p);
    }
  }

  // Precision of the reported edges.
  std::vector<std::string> wrong_edges;
  for (uint32_t i = 0; i < articles.size(); ++i) {
    const DuplicateInfo& d = r.articles[i];
    if (!testing::IsCopy(d)) continue;
    Count* c = d.kind == DuplicateKind::kExact  ? &exact
               : d.kind == DuplicateKind::kNear ? &near
                                                : &contained;
    ++c->reported;
    if (testing::EdgeConfirmed(r, i, prof, o)) {
      ++c->confirmed;
    } else if (static_cast<int>(wrong_edges.size()) < flags.show_misses) {
      PairOverlap p = testing::ComparePair(prof, i, static_cast<uint32_t>(d.duplicate_of));
      wrong_edges.push_back(std::string(DuplicateKindName(d.kind)) + ": " + Describe(articles, p));
    }
  }
  testing::SpanScore spans;
  for (const PartialReuse& rec : r.reuse) spans.Add(testing::ScoreReuse(rec, prof, o));

  printf(
      "| layer | oracle pairs | found | recall | reported edges | confirmed | precision | "
      "target R/P >= 0.99 |\n|---|---|---|---|---|---|---|---|\n");
  auto row = [](const char* name, const Count& c) {
    printf("| %s | %llu | %llu | %s | %llu | %llu | %s | %s / %s |\n", name,
           static_cast<unsigned long long>(c.positive), static_cast<unsigned long long>(c.found),
           Fmt(c.found, c.positive).c_str(), static_cast<unsigned long long>(c.reported),
           static_cast<unsigned long long>(c.confirmed), Fmt(c.confirmed, c.reported).c_str(),
           Verdict(c.found, c.positive, 0.99), Verdict(c.confirmed, c.reported, 0.99));
  };
  char name[96];
  row("exact", exact);
  snprintf(name, sizeof(name), "near (J >= %.2f)", o.near_threshold);
  row(name, near);
  snprintf(name, sizeof(name), "contained (R: C >= %.2f, P: C >= %.2f)", contain_recall,
           o.containment_threshold);
  row(name, contained);

  if (o.find_partial) {
    printf(
        "\n| partial reuse | oracle pairs | found | recall | records | spans | span bytes "
        "confirmed, copy side | source side | spans < min_reuse_words |\n"
        "|---|---|---|---|---|---|---|---|---|\n");
    printf("| run >= %d words, not copies | %llu | %llu | %s | %zu | %llu | %s | %s | %llu |\n",
           o.min_reuse_words, static_cast<unsigned long long>(partial.positive),
           static_cast<unsigned long long>(partial.found),
           Fmt(partial.found, partial.positive).c_str(), r.reuse.size(),
           static_cast<unsigned long long>(spans.spans), Fmt(spans.confirmed, spans.bytes).c_str(),
           Fmt(spans.source_confirmed, spans.source_bytes).c_str(),
           static_cast<unsigned long long>(spans.short_spans));
    if (spans.unmeasured > 0) {
      printf("(%llu spans in texts without byte offsets were not measured)\n",
             static_cast<unsigned long long>(spans.unmeasured));
    }
  }

  // Planted passages.
  uint64_t passages = 0, found = 0, via_group = 0, measured = 0, missed_in_copies = 0;
  double iou = 0, source_iou = 0, share = 0;
  for (const testing::PlantedStitch& st : pc.stitches) {
    for (const testing::PlantedPassage& p : st.passages) {
      ++passages;
      testing::PassageMatch m = testing::MatchPassage(r, st.text, p, prof);
      share += m.word_share;
      if (!m.found) {
        // The stitched text holds most of a short source and is its contained copy; the
        // passages of its other sources are still partial reuse by dedup.h's definition.
        missed_in_copies += testing::IsCopy(r.articles[st.text]);
        continue;
      }
      ++found;
      if (m.via_group) {
        ++via_group;
        continue;
      }
      ++measured;
      iou += m.iou;
      source_iou += m.source_iou;
    }
  }
  if (!o.find_partial) {
    printf(
        "\nplanted passages: partial reuse is off in this preset; %llu of %llu passages lie in "
        "stitched texts grouped with their source as copies\n",
        static_cast<unsigned long long>(via_group), static_cast<unsigned long long>(passages));
  } else {
    printf(
        "\n| planted passages >= %d words | passages | found | recall | target >= 0.95 | "
        "mean word share covered | mean IoU stitched side | mean IoU source side | "
        "found by grouping | misses in texts grouped as a copy |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n",
        kPassageWords);
    printf("| %zu stitched texts | %llu | %llu | %s | %s | %.3f | %.3f | %.3f | %llu | %llu |\n",
           pc.stitches.size(), static_cast<unsigned long long>(passages),
           static_cast<unsigned long long>(found), Fmt(found, passages).c_str(),
           Verdict(found, passages, 0.95), passages ? share / static_cast<double>(passages) : 0.0,
           measured ? iou / static_cast<double>(measured) : 0.0,
           measured ? source_iou / static_cast<double>(measured) : 0.0,
           static_cast<unsigned long long>(via_group),
           static_cast<unsigned long long>(missed_in_copies));
  }

  // Per perturbation kind.
  struct KindStats {
    uint64_t copies = 0, exact = 0, near = 0, contained = 0, none = 0;
    uint64_t positive = 0, grouped_positive = 0, grouped_negative = 0;
    uint64_t edges = 0, confirmed = 0;
    uint64_t as_exact = 0, as_near = 0, as_contained = 0;
    double jaccard = 0, containment = 0;
  };
  std::map<testing::Perturbation, KindStats> kinds;
  for (const testing::PlantedCopy& c : pc.copies) {
    KindStats& k = kinds[c.kind];
    ++k.copies;
    const PairOverlap p = testing::ComparePair(prof, c.copy, c.source);
    k.jaccard += p.jaccard;
    k.containment += p.containment;
    const testing::OracleRelation rel = testing::Relate(p, prof, o);
    const bool positive = rel.exact || rel.near || rel.contained_recall;
    if (rel.exact)
      ++k.exact;
    else if (rel.near)
      ++k.near;
    else if (rel.contained_recall)
      ++k.contained;
    else
      ++k.none;
    const bool grouped = testing::GroupOf(r, c.copy) == testing::GroupOf(r, c.source);
    if (positive) {
      ++k.positive;
      k.grouped_positive += grouped;
    } else {
      k.grouped_negative += grouped;
    }
    const DuplicateInfo& d = r.articles[c.copy];
    if (testing::IsCopy(d)) {
      ++k.edges;
      k.confirmed += testing::EdgeConfirmed(r, c.copy, prof, o);
      k.as_exact += d.kind == DuplicateKind::kExact;
      k.as_near += d.kind == DuplicateKind::kNear;
      k.as_contained += d.kind == DuplicateKind::kContained;
    }
  }
  printf(
      "\n| perturbation | copies | mean J / C with source | oracle: exact / near / contained "
      "/ below | recall (grouped with source) | grouped though below | copy edges "
      "(exact/near/contained) | edge precision |\n|---|---|---|---|---|---|---|---|\n");
  for (const auto& [kind, k] : kinds) {
    printf(
        "| %s | %llu | %.2f / %.2f | %llu / %llu / %llu / %llu | %s (%llu/%llu) | %llu | "
        "%llu (%llu/%llu/%llu) | %s |\n",
        std::string(testing::PerturbationName(kind)).c_str(),
        static_cast<unsigned long long>(k.copies), k.jaccard / static_cast<double>(k.copies),
        k.containment / static_cast<double>(k.copies), static_cast<unsigned long long>(k.exact),
        static_cast<unsigned long long>(k.near), static_cast<unsigned long long>(k.contained),
        static_cast<unsigned long long>(k.none), Fmt(k.grouped_positive, k.positive).c_str(),
        static_cast<unsigned long long>(k.grouped_positive),
        static_cast<unsigned long long>(k.positive),
        static_cast<unsigned long long>(k.grouped_negative),
        static_cast<unsigned long long>(k.edges), static_cast<unsigned long long>(k.as_exact),
        static_cast<unsigned long long>(k.as_near), static_cast<unsigned long long>(k.as_contained),
        Fmt(k.confirmed, k.edges).c_str());
  }

  auto list = [](const char* what, const std::vector<std::string>& v) {
    for (const std::string& s : v) printf("  %s: %s\n", what, s.c_str());
  };
  if (flags.show_misses > 0) {
    printf("\nexamples (up to %d each):\n", flags.show_misses);
    list("missed exact", miss_exact);
    list("missed near", miss_near);
    list("missed contained", miss_contained);
    list("missed partial", miss_partial);
    list("unconfirmed edge", wrong_edges);
  }
}

int Main(int argc, char** argv) {
  Flags flags;
  CLI::App app{
      "Dedup precision/recall per layer against an exact all-pairs oracle, on real news "
      "articles with planted perturbed copies."};
  app.add_option("--docs", flags.docs, "real articles to sample")->capture_default_str();
  app.add_option("--copy-rate", flags.copy_rate, "share of them that get one perturbed copy")
      ->capture_default_str();
  app.add_option("--stitches", flags.stitches, "stitched texts of 2-4 articles' passages")
      ->capture_default_str();
  app.add_option("--seed", flags.seed, "seed of the sample and the perturbations")
      ->capture_default_str();
  app.add_option("--threads", flags.threads, "dedup and oracle threads (0: every core)")
      ->capture_default_str();
  app.add_flag("--wcxb", flags.wcxb, "add the WCXB main texts to the DUC/TAC articles");
  app.add_option("--preset", flags.presets, "preset to evaluate (repeatable; default: all)");
  app.add_option("--show-misses", flags.show_misses, "example misses to print per layer")
      ->capture_default_str();
  app.add_option("--data", flags.data_dir, "data directory (default ../shared/data)");
  CLI11_PARSE(app, argc, argv);
  if (flags.presets.empty()) {
    for (std::string_view p : DedupPresetNames()) flags.presets.emplace_back(p);
  }

  auto t = std::chrono::steady_clock::now();
  testing::NewsCorpusOptions load;
  load.data_dir = flags.data_dir;
  load.wcxb = flags.wcxb;
  load.max_articles = flags.docs;
  load.seed = flags.seed;
  Result<std::vector<Article>> real = testing::LoadNewsArticles(load);
  if (!real.ok()) {
    fprintf(stderr, "dedup_eval: %s\n", real.status().ToString().c_str());
    return 1;
  }
  const size_t num_real = real->size();
  const double load_seconds = Seconds(t);

  t = std::chrono::steady_clock::now();
  testing::PlantSpec spec;
  spec.copy_rate = flags.copy_rate;
  spec.stitches = flags.stitches;
  spec.min_passage_words = kPassageWords;
  spec.seed = flags.seed;
  testing::PlantedCorpus pc = testing::PlantCopies(std::move(*real), spec);
  const double plant_seconds = Seconds(t);
  size_t passages = 0;
  for (const auto& s : pc.stitches) passages += s.passages.size();

  t = std::chrono::steady_clock::now();
  DedupOptions defaults;
  int max_reuse = defaults.min_reuse_words;
  for (const std::string& p : flags.presets) {
    DedupOptions o;
    if (ApplyDedupPreset(p, &o).ok()) {
      max_reuse = std::min(max_reuse, o.min_reuse_words);
      if (o.shingle_words != defaults.shingle_words) {
        fprintf(stderr, "dedup_eval: preset %s uses %d-word shingles; the oracle is built for %d\n",
                p.c_str(), o.shingle_words, defaults.shingle_words);
        return 1;
      }
    }
  }
  const Oracle oracle = BuildOracle(pc.articles, defaults.shingle_words, max_reuse, flags.threads);
  const double oracle_seconds = Seconds(t);
  size_t no_offsets = 0;
  for (const ShingleProfile& p : oracle.profiles) no_offsets += p.token_bytes.empty();

  printf("# dedup_eval --docs %zu --copy-rate %.2f --stitches %zu --seed %llu%s\n\n", flags.docs,
         flags.copy_rate, flags.stitches, static_cast<unsigned long long>(flags.seed),
         flags.wcxb ? " --wcxb" : "");
  printf(
      "corpus: %zu real articles + %zu perturbed copies + %zu stitched texts (%zu passages) = "
      "%zu texts; %zu texts without byte offsets for span scoring\n",
      num_real, pc.copies.size(), pc.stitches.size(), passages, pc.articles.size(), no_offsets);
  printf(
      "time: load %.2f s, plant %.2f s, oracle %.2f s (%zu candidate pairs kept), %u threads "
      "available\n",
      load_seconds, plant_seconds, oracle_seconds, oracle.pairs.size(),
      std::thread::hardware_concurrency());
  for (const std::string& p : flags.presets) EvaluatePreset(p, pc, oracle, flags);
  return 0;
}

}  // namespace
}  // namespace storyline

int main(int argc, char** argv) { return storyline::Main(argc, argv); }
