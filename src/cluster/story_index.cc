#include "cluster/story_index.h"

#include <algorithm>
#include <cmath>

#include "storyline/text.h"

namespace storyline::cluster {

const char* const kFeatureNames[kNumFeatures] = {
    "bias",         "cos_all",      "cos_entity",     "cos_title",    "cos_number",  "all_x_entity",
    "time_newest",  "time_oldest",  "time_mean",      "log_gap_days", "log_size",    "no_entities",
    "entity_novel", "number_novel", "entity_covered", "all_covered",  "entity_clash"};

double JoinProbability(const Weights& w, const Features& f) {
  double z = 0;
  for (int k = 0; k < kNumFeatures; ++k) z += static_cast<double>(w[k]) * f[k];
  return 1.0 / (1.0 + std::exp(-z));
}

ArticleVector MakeArticleVector(TermVector terms, std::optional<int64_t> timestamp) {
  ArticleVector v;
  v.terms = std::move(terms);
  v.timestamp = timestamp;
  for (const TermWeight& tw : v.terms) v.has_field[FieldOf(tw.term)] = true;
  return v;
}

int32_t StoryIndex::NewStory() {
  live_.push_back(static_cast<int32_t>(stories_.size()));
  stories_.emplace_back();
  marks_.emplace_back();
  gate_.push_back(kClosed);
  return static_cast<int32_t>(stories_.size() - 1);
}

void StoryIndex::Candidates(const ArticleVector& v, std::vector<Candidate>* out) {
  out->clear();
  if (v.timestamp && options_.time_window_seconds > 0) Freeze(*v.timestamp);
  touched_.clear();
  popular_.clear();
  walked_.clear();
  if (++epoch_ == 0) {  // wrapped: no mark may look current
    for (Mark& m : marks_) m.epoch = 0;
    epoch_ = 1;
  }
  // Two passes over the posting lists. The first sums only the all-words dot product, in 12-byte
  // marks, to reject the many stories that share a word or two before any feature is computed;
  // the second accumulates every field for the few that pass. (One pass with a full accumulator
  // per touched story spent most of its time missing the cache on accumulators it then threw
  // away.)
  const bool gate_on_all = options_.min_similarity > 0;
  // The lookups miss the cache (a random slot, then the list it points to): issue them all
  // before walking any list.
  for (const TermWeight& tw : v.terms) index_.Prefetch(tw.term);
  for (const TermWeight& tw : v.terms) {
    const Postings* postings = index_.Find(tw.term);
    if (postings == nullptr) continue;
    // A term carried by more than kMaxPostings stories says little about which one an article
    // belongs to (and would cost a pass over most of them): it proposes no story, but still
    // counts towards the similarity with the stories that other terms propose.
    if (postings->size() > kMaxPostings) {
      popular_.emplace_back(&tw, postings);
      continue;
    }
    walked_.emplace_back(&tw, postings);
    __builtin_prefetch(postings->data());
  }
  for (const auto& [tw_ptr, postings] : walked_) {
    const TermWeight& tw = *tw_ptr;
    const bool all = FieldOf(tw.term) == kAllField;
    // Under a positive gate only the all-words field can let a story through (a story reached
    // by a name alone has an all-words dot of 0), so the other fields propose nothing.
    if (!all && gate_on_all) continue;
    const float a = all ? tw.weight : 0.0f;
    for (const auto& [story, w] : *postings) {
      if (w <= 0) continue;  // a merged story's emptied posting
      Mark& m = marks_[static_cast<size_t>(story)];
      if (m.epoch != epoch_) {
        m.epoch = epoch_;
        m.dot = 0;
        m.slot = -1;
        touched_.push_back(story);
      }
      m.dot += a * w;
    }
  }
  // Stories in the order the article's terms first reached them: deterministic, and the
  // caller breaks ties by that order.
  const bool window = v.timestamp && options_.time_window_seconds > 0;
  survivors_.clear();
  for (int32_t s : touched_) {
    Mark& m = marks_[static_cast<size_t>(s)];
    // Most touched stories share a word or two: rejected on the terms that proposed them (the
    // popular ones can only add); gate_ is infinite for frozen and empty stories.
    if (m.dot < gate_[static_cast<size_t>(s)]) continue;
    // Freezing runs in steps of a tenth of the window; a story idle longer than the window is
    // no candidate even between steps.
    const Story& st = stories_[static_cast<size_t>(s)];
    if (window && st.newest && *st.newest < *v.timestamp - options_.time_window_seconds) continue;
    m.slot = static_cast<int32_t>(survivors_.size());
    survivors_.push_back(s);
  }
  if (survivors_.empty()) return;
  acc_.assign(survivors_.size(), Acc());
  for (const auto& [tw, postings] : walked_) {
    const int f = FieldOf(tw->term);
    for (const auto& [story, w] : *postings) {
      if (w <= 0) continue;
      const Mark& m = marks_[static_cast<size_t>(story)];
      if (m.epoch == epoch_ && m.slot >= 0) acc_[static_cast<size_t>(m.slot)].Add(f, tw->weight, w);
    }
  }
  for (size_t k = 0; k < survivors_.size(); ++k) {
    const Story& st = stories_[static_cast<size_t>(survivors_[k])];
    Acc& a = acc_[k];
    // The survivors' features count the popular terms too: a name every story carries is
    // still a shared name (without it the entity-clash veto would keep a repeat out).
    for (const auto& [tw, postings] : popular_) {
      const uint32_t* pos = st.posting_of.Find(tw->term);
      if (pos == nullptr) continue;
      a.Add(FieldOf(tw->term), tw->weight, (*postings)[*pos].second);
    }
    Candidate c;
    c.story = survivors_[k];
    c.features = FeaturesOf(v, st, a);
    out->push_back(c);
  }
}

Features StoryIndex::FeaturesOf(const ArticleVector& v, const Story& st, const Acc& a) const {
  Features f;
  f.fill(0);
  f[kBias] = 1;
  double cos[kNumFields];
  // Fields of unit length: what the story lacks is 1 minus what it has.
  const double entity_novel = v.has_field[kEntityField] ? 1.0 - a.matched[kEntityField] : 0.0;
  const double number_novel = v.has_field[kNumberField] ? 1.0 - a.matched[kNumberField] : 0.0;
  f[kEntityCovered] = static_cast<float>(
      st.norm2[kEntityField] > 0 ? std::min(1.0, a.covered[kEntityField] / st.norm2[kEntityField])
                                 : 0);
  f[kAllCovered] = static_cast<float>(
      st.norm2[kAllField] > 0 ? std::min(1.0, a.covered[kAllField] / st.norm2[kAllField]) : 0);
  for (int k = 0; k < kNumFields; ++k) {
    cos[k] = st.norm2[k] > 0 ? a.dot[k] / std::sqrt(st.norm2[k]) : 0.0;
  }
  f[kEntityNovel] = static_cast<float>(std::max(0.0, entity_novel));
  f[kEntityClash] =
      v.has_field[kEntityField] && st.norm2[kEntityField] > 0 && entity_novel > 1 - 1e-6 ? 1.0f
                                                                                         : 0.0f;
  f[kNumberNovel] = static_cast<float>(std::max(0.0, number_novel));
  f[kCosAll] = static_cast<float>(cos[kAllField]);
  f[kCosEntity] = static_cast<float>(cos[kEntityField]);
  f[kCosTitle] = static_cast<float>(cos[kTitleField]);
  f[kCosNumber] = static_cast<float>(cos[kNumberField]);
  f[kAllTimesEntity] = static_cast<float>(cos[kAllField] * cos[kEntityField]);
  if (v.timestamp && st.dated > 0) {
    const double sigma2 = 2 * options_.time_sigma_days * options_.time_sigma_days;
    const double t = static_cast<double>(*v.timestamp) / 86400.0;
    const double newest = static_cast<double>(*st.newest) / 86400.0;
    const double oldest = static_cast<double>(*st.oldest) / 86400.0;
    const double mean = st.ts_sum / st.dated;
    auto g = [&](double d) { return static_cast<float>(std::exp(-d * d / sigma2)); };
    const float c = f[kCosAll];
    f[kTimeNewest] = g(t - newest) * c;
    f[kTimeOldest] = g(t - oldest) * c;
    f[kTimeMean] = g(t - mean) * c;
    const double gap = t < oldest ? oldest - t : (t > newest ? t - newest : 0.0);
    f[kLogGapDays] = static_cast<float>(std::log1p(gap)) * c;
  }
  f[kLogSize] = static_cast<float>(std::log1p(st.size)) * f[kCosAll];
  f[kNoEntities] = (!v.has_field[kEntityField] || st.norm2[kEntityField] == 0) ? 1.0f : 0.0f;
  return f;
}

void StoryIndex::Add(int32_t story, const ArticleVector& v) {
  Story& st = stories_[static_cast<size_t>(story)];
  // |S + v|^2 = |S|^2 + 2 S.v + |v|^2 per field, with |v| = 1 where the field is present.
  double dot[kNumFields] = {0, 0, 0, 0};
  for (const TermWeight& tw : v.terms) {
    dot[FieldOf(tw.term)] += static_cast<double>(AddWeight(story, tw.term, tw.weight)) * tw.weight;
  }
  for (int k = 0; k < kNumFields; ++k) {
    if (v.has_field[k]) st.norm2[k] += 2 * dot[k] + 1.0;
  }
  UpdateGate(story);
  if (v.timestamp) {
    st.oldest = st.oldest ? std::min(*st.oldest, *v.timestamp) : *v.timestamp;
    st.newest = st.newest ? std::max(*st.newest, *v.timestamp) : *v.timestamp;
    st.ts_sum += static_cast<double>(*v.timestamp) / 86400.0;
    ++st.dated;
  }
  ++st.size;
}

float StoryIndex::AddWeight(int32_t story, uint64_t term, float weight) {
  Postings& postings = index_[term];
  bool inserted = false;
  uint32_t& pos = stories_[static_cast<size_t>(story)].posting_of.Insert(term, &inserted);
  if (inserted) {
    pos = static_cast<uint32_t>(postings.size());
    postings.emplace_back(story, weight);
    ++total_postings_;
    return 0;
  }
  float& w = postings[pos].second;
  const float before = w;
  w += weight;
  return before;
}

void StoryIndex::Freeze(int64_t now) {
  if (last_freeze_ != INT64_MIN && now - last_freeze_ < options_.time_window_seconds / 10) return;
  last_freeze_ = now;
  const int64_t cutoff = now - options_.time_window_seconds;
  size_t kept = 0;
  for (int32_t s : live_) {
    Story& st = stories_[static_cast<size_t>(s)];
    if (st.frozen) continue;  // merged
    if (st.newest && *st.newest < cutoff) {
      st.frozen = true;
      gate_[static_cast<size_t>(s)] = kClosed;
      frozen_postings_ += st.posting_of.size();
      st.posting_of.Clear();
      continue;
    }
    live_[kept++] = s;
  }
  live_.resize(kept);
  // Frozen stories' postings are skipped where they lie, and leave the index once they are
  // half of it (the others' positions are then renumbered): linear cost, amortised.
  if (frozen_postings_ * 2 <= total_postings_) return;
  frozen_postings_ = 0;
  total_postings_ = 0;
  index_.Retain([&](uint64_t term, Postings& postings) {
    postings.erase(std::remove_if(postings.begin(), postings.end(),
                                  [&](const auto& p) {
                                    return stories_[static_cast<size_t>(p.first)].frozen;
                                  }),
                   postings.end());
    if (postings.empty()) return false;
    for (uint32_t k = 0; k < postings.size(); ++k) {
      stories_[static_cast<size_t>(postings[k].first)].posting_of[term] = k;
    }
    total_postings_ += postings.size();
    return true;
  });
}

std::vector<std::pair<uint64_t, float>> StoryIndex::TopShared(const ArticleVector& v, int32_t story,
                                                              int n) const {
  const Story& st = stories_[static_cast<size_t>(story)];
  std::vector<std::pair<uint64_t, float>> all, ent;
  for (const TermWeight& tw : v.terms) {
    const Field f = FieldOf(tw.term);
    if (f != kAllField && f != kEntityField) continue;
    const uint32_t* pos = st.posting_of.Find(tw.term);
    if (pos == nullptr || st.norm2[f] <= 0) continue;
    const float w = (*index_.Find(tw.term))[*pos].second;
    const float c = static_cast<float>(tw.weight * w / std::sqrt(st.norm2[f]));
    (f == kAllField ? all : ent).emplace_back(tw.term, c);
  }
  auto top = [n](std::vector<std::pair<uint64_t, float>>* x) {
    std::sort(x->begin(), x->end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (x->size() > static_cast<size_t>(n)) x->resize(static_cast<size_t>(n));
  };
  top(&all);
  top(&ent);
  ent.insert(ent.end(), all.begin(), all.end());
  return ent;
}

ArticleVector StoryIndex::StoryVector(int32_t story) const {
  const Story& st = stories_[static_cast<size_t>(story)];
  TermVector terms;
  terms.reserve(st.posting_of.size());
  st.posting_of.ForEach([&](uint64_t term, uint32_t pos) {
    const double norm2 = st.norm2[FieldOf(term)];
    if (norm2 <= 0) return;
    terms.push_back(
        {term, static_cast<float>((*index_.Find(term))[pos].second / std::sqrt(norm2))});
  });
  std::sort(terms.begin(), terms.end(),
            [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
  std::optional<int64_t> ts;
  if (st.dated > 0) ts = static_cast<int64_t>(st.ts_sum / st.dated * 86400.0);
  return MakeArticleVector(std::move(terms), ts);
}

void StoryIndex::Merge(int32_t into, int32_t from) {
  Story& a = stories_[static_cast<size_t>(into)];
  Story& b = stories_[static_cast<size_t>(from)];
  b.posting_of.ForEach([&](uint64_t term, uint32_t pos) {
    float& w = (*index_.Find(term))[pos].second;
    const float moved = w;
    w = 0;  // a zero weight never makes `from` a candidate
    AddWeight(into, term, moved);
  });
  for (double& x : a.norm2) x = 0;
  a.posting_of.ForEach([&](uint64_t term, uint32_t pos) {
    const double w = (*index_.Find(term))[pos].second;
    a.norm2[FieldOf(term)] += w * w;
  });
  if (b.dated > 0) {
    a.oldest = a.oldest ? std::min(*a.oldest, *b.oldest) : *b.oldest;
    a.newest = a.newest ? std::max(*a.newest, *b.newest) : *b.newest;
  }
  a.ts_sum += b.ts_sum;
  a.dated += b.dated;
  a.size += b.size;
  b.frozen = true;
  frozen_postings_ += b.posting_of.size();
  b.posting_of.Clear();
  for (double& x : b.norm2) x = 0;
  UpdateGate(into);
  UpdateGate(from);
}

void StoryIndex::UpdateGate(int32_t story) {
  const Story& st = stories_[static_cast<size_t>(story)];
  gate_[static_cast<size_t>(story)] =
      st.frozen || st.norm2[kAllField] <= 0
          ? kClosed
          : static_cast<float>(options_.min_similarity * std::sqrt(st.norm2[kAllField]));
}

namespace {

// The article's title, or when it has none its first sentence after any dateline: bare text
// bodies (DUC 2004's files) then still have the headline-like field the join model weighs.
std::string_view TitleOrLead(const Article& a, std::vector<SentenceSpan>* sentences) {
  if (!a.title.empty()) return a.title;
  const std::string_view body = std::string_view(a.text).substr(DatelineLength(a.text));
  sentences->clear();
  SplitSentences(body, sentences);
  if (sentences->empty()) return {};
  return body.substr((*sentences)[0].begin, (*sentences)[0].end - (*sentences)[0].begin);
}

}  // namespace

std::vector<ArticleVector> BuildArticleVectors(std::span<const Article> articles,
                                               const std::vector<bool>& skip,
                                               std::span<const uint32_t> order,
                                               const ClusterOptions& options, SurfaceMap* surface,
                                               text::DocumentFrequencies* df_ptr) {
  text::DocumentFrequencies& df = *df_ptr;
  const size_t n = articles.size();
  std::vector<TermVector> counts(n);
  ArticleTermExtractor extractor;
  text::TermCounts scratch;
  std::vector<SentenceSpan> sentences;
  for (size_t i = 0; i < n; ++i) {
    if (skip[i]) continue;
    extractor.Add(TitleOrLead(articles[i], &sentences), articles[i].text, articles[i].source,
                  options, &scratch, surface);
    scratch.Drain(&counts[i]);
    if (options.idf_warmup == 0) df.Add(counts[i]);
  }
  std::vector<ArticleVector> out(n);
  auto weigh = [&](size_t i) {
    // Dates beyond years 0..9999 (only the API can set them) are treated as unknown, so that
    // time arithmetic cannot overflow.
    std::optional<int64_t> ts = articles[i].timestamp;
    if (ts && (*ts < -62167219200 || *ts > 253402300799)) ts.reset();
    out[i] = MakeArticleVector(WeightAndNormalizeFields(counts[i], df, options.max_terms), ts);
    TermVector().swap(counts[i]);
  };
  if (options.idf_warmup == 0) {
    for (size_t i = 0; i < n; ++i) {
      if (!skip[i]) weigh(i);
    }
    return out;
  }
  // The originals still inside the warm-up join the frequencies together, then the rest one by
  // one in stream order, each weighted with the frequencies up to itself.
  std::vector<uint32_t> originals;
  for (uint32_t i : order) {
    if (!skip[i]) originals.push_back(i);
  }
  size_t warm = 0;
  while (warm < originals.size() && df.num_docs() < options.idf_warmup) {
    df.Add(counts[originals[warm++]]);
  }
  for (size_t k = 0; k < warm; ++k) weigh(originals[k]);
  for (size_t k = warm; k < originals.size(); ++k) {
    df.Add(counts[originals[k]]);
    weigh(originals[k]);
  }
  return out;
}

StoryState StoryIndex::Export(int32_t story) const {
  const Story& st = stories_[static_cast<size_t>(story)];
  StoryState out;
  for (int k = 0; k < kNumFields; ++k) out.norm2[k] = st.norm2[k];
  out.oldest = st.oldest;
  out.newest = st.newest;
  out.ts_sum = st.ts_sum;
  out.dated = st.dated;
  out.size = st.size;
  out.frozen = st.frozen;
  out.terms.reserve(st.posting_of.size());
  st.posting_of.ForEach([&](uint64_t term, uint32_t pos) {
    out.terms.push_back({term, (*index_.Find(term))[pos].second});
  });
  std::sort(out.terms.begin(), out.terms.end(),
            [](const TermWeight& a, const TermWeight& b) { return a.term < b.term; });
  return out;
}

int32_t StoryIndex::Restore(const StoryState& state) {
  const int32_t story = NewStory();
  Story& st = stories_[static_cast<size_t>(story)];
  if (!state.frozen) {
    for (const TermWeight& tw : state.terms) AddWeight(story, tw.term, tw.weight);
  }
  for (int k = 0; k < kNumFields; ++k) st.norm2[k] = state.norm2[k];
  st.oldest = state.oldest;
  st.newest = state.newest;
  st.ts_sum = state.ts_sum;
  st.dated = state.dated;
  st.size = state.size;
  st.frozen = state.frozen;
  UpdateGate(story);
  return story;
}

size_t StoryIndex::MemoryBytes() const {
  size_t bytes = stories_.capacity() * sizeof(Story) + acc_.capacity() * sizeof(Acc) +
                 marks_.capacity() * sizeof(Mark) + gate_.capacity() * sizeof(float) +
                 live_.capacity() * sizeof(int32_t) + index_.MemoryBytes();
  for (const Story& st : stories_) bytes += st.posting_of.MemoryBytes();
  index_.ForEach([&](uint64_t, const Postings& p) { bytes += p.capacity() * sizeof(p[0]); });
  return bytes;
}

}  // namespace storyline::cluster
