#include "cluster/stream.h"

#include <algorithm>

#include "common/bytes.h"

namespace storyline::cluster {
namespace {

constexpr uint64_t kStateVersion = 2;

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
  *s = StoryState();  // fields absent from the bytes (an undated story's dates) stay unset
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

// The head's bytes (kStateVersion): document frequencies, merge bookkeeping, merges.
std::string WriteHead(const text::DocumentFrequencies& df, uint64_t since_merge,
                      std::span<const int32_t> dirty, std::span<const int32_t> merged_into) {
  std::string bytes;
  ByteWriter w(&bytes);
  w.Varint(kStateVersion);
  df.Save(&w);
  w.Varint(since_merge);
  w.Varint(dirty.size());
  for (int32_t s : dirty) w.Varint(static_cast<uint32_t>(s));
  w.Varint(merged_into.size());
  for (int32_t into : merged_into) w.SignedVarint(into);
  return bytes;
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
  const std::vector<uint32_t> order = StreamOrder(batch, is_copy);
  std::vector<ArticleVector> vectors = BuildArticleVectors(
      batch, is_copy, order, options_, options_.explain ? &surface : nullptr, &df_);
  ClusterResult online;
  online.story_of.assign(n, -1);
  online.score.assign(n, 0.0);
  if (options_.explain) online.explanations.resize(n);
  const std::vector<int32_t> merged_before = merged_into_;
  RunOnline(&vectors, order, options_, models_, &surface, &index_, &online_, &online,
            &merged_into_);
  BatchResult out;
  out.opened_by.assign(merged_into_.size() - merged_before.size(), UINT32_MAX);
  for (uint32_t i : order) {
    const int32_t s = online.story_of[i];
    if (s >= static_cast<int32_t>(merged_before.size())) {
      uint32_t& by = out.opened_by[static_cast<size_t>(s) - merged_before.size()];
      if (by == UINT32_MAX) by = i;  // the first article a new story took opened it
    }
  }
  // Stories whose state changed: joined or opened, merged away, and the stories they went into.
  for (int32_t s : online.story_of) {
    if (s >= 0) changed_.push_back(s);
  }
  for (size_t s = 0; s < merged_into_.size(); ++s) {
    if (s >= merged_before.size() || merged_into_[s] != merged_before[s]) {
      changed_.push_back(static_cast<int32_t>(s));
      if (merged_into_[s] >= 0) changed_.push_back(merged_into_[s]);
    }
  }
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

std::string StoryClusterer::SerializeHead() const {
  return WriteHead(df_, online_.since_merge, online_.dirty, merged_into_);
}

StoryClusterer::SavedStory StoryClusterer::SaveStoryState(int32_t story) const {
  const StoryState st = index_.Export(story);
  SavedStory out;
  out.story = story;
  out.newest = st.newest;
  out.frozen = st.frozen;
  ByteWriter w(&out.bytes);
  SaveStory(st, &w);
  return out;
}

std::vector<StoryClusterer::SavedStory> StoryClusterer::TakeChanged() {
  std::sort(changed_.begin(), changed_.end());
  changed_.erase(std::unique(changed_.begin(), changed_.end()), changed_.end());
  std::vector<SavedStory> out;
  out.reserve(changed_.size());
  for (int32_t s : changed_) out.push_back(SaveStoryState(s));
  changed_.clear();
  return out;
}

std::vector<StoryClusterer::SavedStory> StoryClusterer::SaveAll() const {
  std::vector<SavedStory> out;
  for (size_t s = 0; s < merged_into_.size(); ++s) {
    out.push_back(SaveStoryState(static_cast<int32_t>(s)));
  }
  return out;
}

Status StoryClusterer::SplitVersion1(std::string_view bytes, std::string* head,
                                     std::vector<SavedStory>* stories) {
  // Version 1 was the head with each story's state after its merged_into entry.
  const Status bad = Status::Corruption("story index: damaged version-1 state");
  ByteReader r(bytes);
  if (r.Varint() != 1) return bad;
  text::DocumentFrequencies df;
  if (!df.Load(&r)) return bad;
  const uint64_t since_merge = r.Varint();
  std::vector<int32_t> dirty(r.Count(1));
  for (int32_t& d : dirty) d = static_cast<int32_t>(r.Varint());
  const uint64_t n = r.Count(40);
  std::vector<int32_t> into;
  StoryState state;
  stories->clear();
  for (uint64_t s = 0; s < n && r.ok(); ++s) {
    into.push_back(static_cast<int32_t>(r.SignedVarint()));
    if (!LoadStory(&r, &state)) return bad;
    SavedStory saved;
    saved.story = static_cast<int32_t>(s);
    saved.newest = state.newest;
    saved.frozen = state.frozen;
    ByteWriter sw(&saved.bytes);
    SaveStory(state, &sw);
    stories->push_back(std::move(saved));
  }
  if (!r.ok() || !r.done() || into.size() != n) return bad;
  *head = WriteHead(df, since_merge, dirty, into);
  return Status::OK();
}

Result<StoryClusterer> StoryClusterer::Restore(std::string_view head,
                                               std::span<const SavedStory> live,
                                               const ClusterOptions& options) {
  StoryClusterer c(options);
  const Status bad = Status::Corruption("story index: damaged state");
  ByteReader r(head);
  if (r.Varint() != kStateVersion) return Status::Corruption("story index: unknown state version");
  if (!c.df_.Load(&r)) return Status::Corruption("story index: damaged document frequencies");
  c.online_.since_merge = r.Varint();
  const uint64_t dirty = r.Count(1);
  for (uint64_t k = 0; k < dirty && r.ok(); ++k) {
    c.online_.dirty.push_back(static_cast<int32_t>(r.Varint()));
  }
  const uint64_t stories = r.Count(1);
  for (uint64_t s = 0; s < stories && r.ok(); ++s) {
    const int64_t into = r.SignedVarint();
    // A story merges into an older one: anything else (itself, a later one) would loop.
    if (into < -1 || into >= static_cast<int64_t>(s)) return bad;
    c.merged_into_.push_back(static_cast<int32_t>(into));
  }
  if (!r.ok() || !r.done() || c.merged_into_.size() != stories) return bad;
  for (int32_t s : c.online_.dirty) {
    if (s < 0 || static_cast<uint64_t>(s) >= stories) return bad;
  }
  // Stories not given are frozen: they take no members and are no candidates.
  StoryState frozen;
  frozen.frozen = true;
  StoryState state;
  size_t next = 0;
  for (size_t s = 0; s < stories; ++s) {
    const bool given = next < live.size() && live[next].story == static_cast<int32_t>(s);
    if (!given) {
      c.index_.Restore(frozen);
      continue;
    }
    ByteReader sr(live[next++].bytes);
    if (!LoadStory(&sr, &state) || !sr.done()) return bad;
    c.index_.Restore(state);
  }
  if (next != live.size()) return bad;  // unsorted, repeated or unknown stories
  return c;
}

}  // namespace storyline::cluster
