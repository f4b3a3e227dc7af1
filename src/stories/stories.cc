#include "storyline/stories.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "common/status_macros.h"

namespace storyline {
namespace {

// Members in publication order, input order among equals.
void SortByDate(std::span<const Article> articles, std::vector<uint32_t>* members) {
  std::sort(members->begin(), members->end(), [&](uint32_t x, uint32_t y) {
    if (PublishedBefore(articles[x], articles[y])) return true;
    if (PublishedBefore(articles[y], articles[x])) return false;
    return x < y;
  });
}

// The outlets of a story: each original under its outlet (one entry for all originals of
// unknown outlet, last), each with the copies of it from any outlet and what they changed.
std::vector<OutletEntry> GroupOutlets(std::span<const Article> articles, const DedupResult& dedup,
                                      const Story& s) {
  std::map<std::string_view, OutletEntry> by_outlet;
  for (uint32_t a : s.originals) {
    const std::string_view outlet = ArticleOutlet(articles[a]);
    OutletEntry& e = by_outlet[outlet];
    e.source.assign(outlet);
    e.originals.push_back(a);
  }
  std::unordered_map<uint32_t, std::vector<uint32_t>> copies_of;
  for (uint32_t a : s.articles) {
    const int64_t original = dedup.articles[a].duplicate_of;
    if (original >= 0) copies_of[static_cast<uint32_t>(original)].push_back(a);
  }
  std::vector<OutletEntry> out;
  out.reserve(by_outlet.size());
  for (auto& [name, e] : by_outlet) {
    for (uint32_t a : e.originals) {
      auto it = copies_of.find(a);
      e.copies.push_back(it == copies_of.end() ? std::vector<uint32_t>() : std::move(it->second));
      e.copy_changes.emplace_back();
      for (uint32_t c : e.copies.back()) {
        e.copy_changes.back().push_back(CompareCopy(articles[a].text, articles[c].text));
      }
    }
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const OutletEntry& x, const OutletEntry& y) {
    if (x.source.empty() != y.source.empty()) return y.source.empty();
    return x.originals.size() > y.originals.size();
  });
  return out;
}

}  // namespace

size_t Story::KnownOutlets() const {
  return static_cast<size_t>(std::count_if(outlets.begin(), outlets.end(),
                                           [](const OutletEntry& o) { return !o.source.empty(); }));
}

Result<Story> BuildStory(std::span<const Article> articles, const DedupResult& dedup,
                         std::span<const uint32_t> members, const BriefOptions& options) {
  if (Status st = Validate(options); !st.ok()) return st;
  if (dedup.articles.size() != articles.size()) {
    return Status::InvalidArgument("BuildStory: dedup result of another size than the articles");
  }
  Story s;
  std::vector<uint32_t> unique(members.begin(), members.end());
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (uint32_t i : unique) {
    if (i >= articles.size()) return Status::InvalidArgument("BuildStory: member out of range");
    s.articles.push_back(i);
    // A copy whose original is not a member stands as an original: it is shown, not dropped.
    const int64_t original = dedup.articles[i].duplicate_of;
    if (original < 0 ||
        !std::binary_search(unique.begin(), unique.end(), static_cast<uint32_t>(original))) {
      s.originals.push_back(i);
    }
    if (const auto& ts = articles[i].timestamp) {
      s.first_timestamp = s.first_timestamp ? std::min(*s.first_timestamp, *ts) : *ts;
      s.last_timestamp = s.last_timestamp ? std::max(*s.last_timestamp, *ts) : *ts;
    }
  }
  SortByDate(articles, &s.articles);
  SortByDate(articles, &s.originals);
  ASSIGN_OR_RETURN(Brief brief, Summarize(articles, s.originals, options));
  s.headline = std::move(brief.headline);
  s.summary = std::move(brief.sentences);
  s.entities = std::move(brief.entities);
  s.timeline = std::move(brief.timeline);
  ASSIGN_OR_RETURN(s.contributions, OutletContributions(articles, s.originals, options));
  s.outlets = GroupOutlets(articles, dedup, s);
  return s;
}

Result<std::vector<Story>> AssembleStories(std::span<const Article> articles,
                                           const DedupResult& dedup, const ClusterResult& cluster,
                                           const BriefOptions& options) {
  if (Status st = Validate(options); !st.ok()) return st;
  const size_t n = articles.size();
  if (dedup.articles.size() != n || cluster.story_of.size() != n) {
    return Status::InvalidArgument("AssembleStories: results of another size than the articles");
  }
  // Sized by the stories the articles are in, not by num_stories, which a hand-made result may
  // overstate.
  size_t num_stories = 0;
  for (const int32_t k : cluster.story_of) {
    if (k < 0 || k >= cluster.num_stories) {
      return Status::InvalidArgument("AssembleStories: story number out of range");
    }
    num_stories = std::max(num_stories, static_cast<size_t>(k) + 1);
  }
  std::vector<std::vector<uint32_t>> members(num_stories);
  for (uint32_t i = 0; i < n; ++i) {
    const int32_t k = cluster.story_of[i];
    if (k < 0 || static_cast<size_t>(k) >= num_stories) {
      return Status::InvalidArgument("AssembleStories: story number out of range");
    }
    members[static_cast<size_t>(k)].push_back(i);
  }
  // Aliases: every story merged away, under the story its chain of merges ends in.
  // Ids as ClusterResult::opened_by gives them (a hand-made result without it: creation order).
  auto IdOf = [&](int32_t k) {
    return static_cast<size_t>(k) < cluster.opened_by.size() ? StoryIdOf(cluster, k) : k + 1;
  };
  std::vector<std::vector<int32_t>> aliases(num_stories);
  const std::vector<int32_t>& into = cluster.merged_into;
  for (size_t k = 0; k < into.size(); ++k) {
    size_t root = k;
    for (size_t hops = 0;
         hops <= into.size() && into[root] >= 0 && static_cast<size_t>(into[root]) < into.size() &&
         static_cast<size_t>(into[root]) != root;
         ++hops) {
      root = static_cast<size_t>(into[root]);
    }
    if (root != k && root < num_stories) aliases[root].push_back(IdOf(static_cast<int32_t>(k)));
  }
  for (std::vector<int32_t>& a : aliases) std::sort(a.begin(), a.end());
  std::vector<Story> stories;
  for (size_t k = 0; k < num_stories; ++k) {
    if (members[k].empty()) continue;  // merged into an older story
    Result<Story> s = BuildStory(articles, dedup, members[k], options);
    if (!s.ok()) return s.status();
    s->id = IdOf(static_cast<int32_t>(k));
    s->aliases = std::move(aliases[k]);
    stories.push_back(std::move(*s));
  }
  // The listing shows the biggest stories first, then by id.
  std::sort(stories.begin(), stories.end(), [](const Story& x, const Story& y) {
    if (x.originals.size() != y.originals.size()) return x.originals.size() > y.originals.size();
    if (x.articles.size() != y.articles.size()) return x.articles.size() > y.articles.size();
    return x.id < y.id;
  });
  return stories;
}

}  // namespace storyline
