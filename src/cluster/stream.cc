#include "cluster/stream.h"

#include <algorithm>

#include "common/bytes.h"

namespace storyline::cluster {
namespace {

constexpr uint64_t kStateVersion = 1;

void SaveStory(const StoryState& s, ByteWriter* w) {
  for (double n : s.norm2) w->Double(n);
  w->Varint((s.oldest ? 1u : 0u) | (s.newest ? 2u : 0u) | (s.frozen ? 4u : 0u));
  if (s.oldest) w->SignedVarint(*s.oldest);
  if (s.newest) w->SignedVarint(*s.newest);
  w->Double(s.ts_sum);
  w->Varint(s.dated);
  w->Varint(s.size);
  w->Varint(s.terms.size());
  uint64_t previous = 0;
  for (const TermWeight& tw : s.terms) {  // sorted: the gaps are small varints
    w->Varint(tw.term - previous);
    previous = tw.term;
    w->Float(tw.weight);
  }
}

bool LoadStory(ByteReader* r, StoryState* s) {
  for (double& n : s->norm2) n = r->Double();
  const uint64_t flags = r->Varint();
  if (flags & 1) s->oldest = r->SignedVarint();
  if (flags & 2) s->newest = r->SignedVarint();
  s->frozen = (flags & 4) != 0;
  s->ts_sum = r->Double();
  s->dated = static_cast<uint32_t>(r->Varint());
  s->size = static_cast<uint32_t>(r->Varint());
  const uint64_t n = r->Count(5);
  s->terms.clear();
  s->terms.reserve(n);
  uint64_t term = 0;
  for (uint64_t k = 0; k < n && r->ok(); ++k) {
    term += r->Varint();
    s->terms.push_back({term, r->Float()});
  }
  return r->ok();
}

}  // namespace

StoryClusterer::StoryClusterer(const ClusterOptions& options)
    : options_(options), models_(ModelsOf(options)), index_(options) {}

int32_t StoryClusterer::Root(int32_t story) const {
  while (story >= 0 && merged_into_[static_cast<size_t>(story)] >= 0) {
    story = merged_into_[static_cast<size_t>(story)];
  }
  return story;
}

StoryClusterer::BatchResult StoryClusterer::Add(std::span<const Article> batch,
                                                std::span<const Link> links) {
  const size_t n = batch.size();
  std::vector<bool> is_copy(n, false);
  for (size_t i = 0; i < n; ++i) is_copy[i] = links[i].original >= 0 || links[i].known_story >= 0;
  SurfaceMap surface;
  std::vector<ArticleVector> vectors =
      BuildArticleVectors(batch, is_copy, options_, options_.explain ? &surface : nullptr, &df_);
  ClusterResult online;
  online.story_of.assign(n, -1);
  online.score.assign(n, 0.0);
  if (options_.explain) online.explanations.resize(n);
  const std::vector<uint32_t> order = StreamOrder(batch, is_copy);
  RunOnline(&vectors, order, options_, models_, &surface, &index_, &online_, &online,
            &merged_into_);
  BatchResult out;
  out.story.assign(n, -1);
  out.score = std::move(online.score);
  out.explanations = std::move(online.explanations);
  for (uint32_t i : order) out.story[i] = Root(online.story_of[i]);
  for (size_t i = 0; i < n; ++i) {
    if (!is_copy[i]) continue;
    const Link& l = links[i];
    if (l.original >= 0) {
      const auto o = static_cast<size_t>(l.original);
      out.story[i] = out.story[o];
      out.score[i] = out.score[o];
      if (options_.explain) out.explanations[i] = out.explanations[o];
    } else {
      out.story[i] = Root(l.known_story);
      out.score[i] = 1.0;
    }
  }
  return out;
}

std::string StoryClusterer::Serialize() const {
  std::string bytes;
  ByteWriter w(&bytes);
  w.Varint(kStateVersion);
  df_.Save(&w);
  w.Varint(online_.since_merge);
  w.Varint(online_.dirty.size());
  for (int32_t s : online_.dirty) w.Varint(static_cast<uint32_t>(s));
  w.Varint(merged_into_.size());
  for (size_t s = 0; s < merged_into_.size(); ++s) {
    w.SignedVarint(merged_into_[s]);
    SaveStory(index_.Export(static_cast<int32_t>(s)), &w);
  }
  return bytes;
}

Result<StoryClusterer> StoryClusterer::Deserialize(std::string_view bytes,
                                                   const ClusterOptions& options) {
  StoryClusterer c(options);
  ByteReader r(bytes);
  if (r.Varint() != kStateVersion) return Status::Corruption("story index: unknown state version");
  if (!c.df_.Load(&r)) return Status::Corruption("story index: damaged document frequencies");
  c.online_.since_merge = r.Varint();
  const uint64_t dirty = r.Count(1);
  for (uint64_t k = 0; k < dirty && r.ok(); ++k) {
    c.online_.dirty.push_back(static_cast<int32_t>(r.Varint()));
  }
  const uint64_t stories = r.Count(40);
  StoryState state;
  for (uint64_t s = 0; s < stories && r.ok(); ++s) {
    const int64_t into = r.SignedVarint();
    if (!LoadStory(&r, &state) || into < -1 || into >= static_cast<int64_t>(stories)) break;
    c.merged_into_.push_back(static_cast<int32_t>(into));
    c.index_.Restore(state);
  }
  if (!r.ok() || !r.done() || c.merged_into_.size() != stories) {
    return Status::Corruption("story index: damaged state");
  }
  for (int32_t s : c.online_.dirty) {
    if (s < 0 || static_cast<uint64_t>(s) >= stories) {
      return Status::Corruption("story index: damaged state");
    }
  }
  return c;
}

}  // namespace storyline::cluster
