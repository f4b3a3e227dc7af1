#include "storyline/pipeline.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "common/url.h"

namespace storyline {
namespace {

constexpr std::string_view kUnknownOutlet = "(unknown)";

// The outlet of an article: its source, else its URL's host, else "(unknown)".
std::string OutletName(const Article& a) {
  if (!a.source.empty()) return a.source;
  std::string_view host = UrlHost(a.url);
  if (host.substr(0, 4) == "www.") host.remove_prefix(4);
  return std::string(host.empty() ? kUnknownOutlet : host);
}

// Renames the second and later holders of an id to "<id>~2", "<id>~3", ..., skipping every id
// the input already uses, so no article loses the id it was given uniquely.
void MakeIdsUnique(std::vector<Article>* articles) {
  std::unordered_map<std::string, int> count;
  count.reserve(articles->size());
  for (const Article& a : *articles) ++count[a.id];
  std::unordered_map<std::string, int> next_suffix;
  std::unordered_map<std::string, bool> first_seen;
  for (Article& a : *articles) {
    if (count[a.id] == 1) continue;
    if (!first_seen[a.id]) {
      first_seen[a.id] = true;
      continue;
    }
    int& suffix = next_suffix.try_emplace(a.id, 2).first->second;
    std::string id;
    do {
      id = a.id + "~" + std::to_string(suffix++);
    } while (count.count(id));
    count[id] = 1;
    a.id = std::move(id);
  }
}

// The first stages shared by RunPipeline and SummarizeStory: unique ids, cleaned texts and dedup
// (dedup reads the texts as published, the later stages the cleaned ones).
Status CleanAndDedup(std::vector<Article> articles, const PipelineOptions& options,
                     PipelineResult* r) {
  MakeIdsUnique(&articles);
  r->articles = std::move(articles);
  const size_t n = r->articles.size();

  // Cleaned texts are computed first but swapped in only after dedup: dedup compares pages as
  // published, so a wire story inside another site's header and comment box is reported as
  // contained in it; clustering and briefs read the cleaned text.
  std::vector<std::string> cleaned;
  if (options.clean_text) {
    if (options.on_stage) options.on_stage("clean", n);
    TemplateModel model;
    for (const Article& a : r->articles) model.Observe(a.source, a.text);
    cleaned.reserve(n);
    for (const Article& a : r->articles) {
      cleaned.push_back(CleanText(a.text, a.source, &model, options.text_clean));
    }
  }

  if (options.on_stage) options.on_stage("dedup", n);
  auto dedup = Deduplicate(r->articles, options.dedup);
  if (!dedup.ok()) return dedup.status();
  r->dedup = std::move(*dedup);
  for (size_t i = 0; i < cleaned.size(); ++i) {
    if (cleaned[i].find_first_not_of(" \n\t") != std::string::npos) {
      r->articles[i].text = std::move(cleaned[i]);
    }
  }
  return Status::OK();
}

}  // namespace

Result<Brief> SummarizeStory(std::vector<Article> articles, const PipelineOptions& options) {
  if (Status st = ValidateBriefOptions(options.brief); !st.ok()) return st;
  PipelineResult r;
  if (Status st = CleanAndDedup(std::move(articles), options, &r); !st.ok()) return st;
  std::vector<uint32_t> originals;
  for (uint32_t i = 0; i < r.articles.size(); ++i) {
    if (r.dedup.articles[i].duplicate_of < 0) originals.push_back(i);
  }
  if (options.on_stage) options.on_stage("summarize", r.articles.size());
  return Summarize(r.articles, originals, options.brief);
}

Result<PipelineResult> RunPipeline(std::vector<Article> articles, const PipelineOptions& options) {
  if (Status st = ValidateBriefOptions(options.brief); !st.ok()) return st;
  PipelineResult r;
  if (Status st = CleanAndDedup(std::move(articles), options, &r); !st.ok()) return st;
  const size_t n = r.articles.size();

  if (options.on_stage) options.on_stage("cluster", n);
  auto clusters = ClusterArticles(r.articles, r.dedup, options.cluster);
  if (!clusters.ok()) return clusters.status();
  r.cluster = std::move(*clusters);

  if (options.on_stage) options.on_stage("summarize", n);
  std::vector<Story> stories(static_cast<size_t>(r.cluster.num_stories));
  for (uint32_t i = 0; i < n; ++i) {
    Story& s = stories[static_cast<size_t>(r.cluster.story_of[i])];
    s.articles.push_back(i);
    if (r.dedup.articles[i].duplicate_of < 0) s.originals.push_back(i);
    const auto& ts = r.articles[i].timestamp;
    if (ts) {
      s.first_timestamp = s.first_timestamp ? std::min(*s.first_timestamp, *ts) : *ts;
      s.last_timestamp = s.last_timestamp ? std::max(*s.last_timestamp, *ts) : *ts;
    }
  }
  for (size_t k = 0; k < r.cluster.merged_into.size(); ++k) {
    const int32_t into = r.cluster.merged_into[k];
    if (into >= 0)
      stories[static_cast<size_t>(into)].aliases.push_back(static_cast<int32_t>(k + 1));
  }
  for (Story& s : stories) {
    if (s.articles.empty()) continue;  // merged into an older story
    auto by_date = [&](uint32_t x, uint32_t y) {
      if (PublishedBefore(r.articles[x], r.articles[y])) return true;
      if (PublishedBefore(r.articles[y], r.articles[x])) return false;
      return x < y;
    };
    std::sort(s.articles.begin(), s.articles.end(), by_date);
    std::sort(s.originals.begin(), s.originals.end(), by_date);
    Brief brief = Summarize(r.articles, s.originals, options.brief);
    s.headline = std::move(brief.headline);
    s.summary = std::move(brief.sentences);
    s.entities = std::move(brief.entities);
    s.timeline = std::move(brief.timeline);
    // Each original's outlet; articles of unknown origin are not assumed to share one.
    std::vector<std::string> names, outlet_of;
    for (uint32_t a : s.originals) {
      names.push_back(OutletName(r.articles[a]));
      outlet_of.push_back(names.back() == kUnknownOutlet ? names.back() + "\x01" + r.articles[a].id
                                                         : names.back());
    }
    s.contributions =
        OutletContributions(r.articles, s.originals, outlet_of, options.brief.max_contributions);
    std::map<std::string, OutletEntry> outlets;
    for (size_t k = 0; k < s.originals.size(); ++k) {
      OutletEntry& e = outlets[outlet_of[k]];
      e.source = names[k];
      e.originals.push_back(s.originals[k]);
    }
    // Copies, from any outlet, are listed under the original they copy.
    std::unordered_map<uint32_t, std::vector<uint32_t>> copies_of;
    for (uint32_t a : s.articles) {
      int64_t orig = r.dedup.articles[a].duplicate_of;
      if (orig >= 0) copies_of[static_cast<uint32_t>(orig)].push_back(a);
    }
    for (auto& [name, e] : outlets) {
      for (uint32_t a : e.originals) {
        auto it = copies_of.find(a);
        e.copies.push_back(it == copies_of.end() ? std::vector<uint32_t>() : it->second);
        e.copy_changes.emplace_back();
        for (uint32_t c : e.copies.back()) {
          e.copy_changes.back().push_back(CompareCopy(r.articles[a].text, r.articles[c].text));
        }
      }
      s.outlets.push_back(std::move(e));
    }
    std::stable_sort(s.outlets.begin(), s.outlets.end(), [](const auto& x, const auto& y) {
      return x.originals.size() > y.originals.size();
    });
  }
  // Ids follow creation order (date order of each story's first article); the listing shows the
  // biggest stories first.
  for (size_t k = 0; k < stories.size(); ++k) stories[k].id = static_cast<int32_t>(k + 1);
  stories.erase(std::remove_if(stories.begin(), stories.end(),
                               [](const Story& s) { return s.articles.empty(); }),
                stories.end());
  r.story_id.resize(n);
  for (uint32_t i = 0; i < n; ++i) r.story_id[i] = r.cluster.story_of[i] + 1;
  std::stable_sort(stories.begin(), stories.end(), [](const Story& x, const Story& y) {
    if (x.originals.size() != y.originals.size()) return x.originals.size() > y.originals.size();
    return x.articles.size() > y.articles.size();
  });
  r.stories = std::move(stories);
  return r;
}

}  // namespace storyline
