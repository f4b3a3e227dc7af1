// JSON Lines records (storyline/format.h): articles, stories, dedup groups, extracted pages.

#include <algorithm>
#include <string>

#include "common/json_writer.h"
#include "storyline/format.h"

namespace storyline {
namespace {

void OptionalDateField(JsonWriter* w, std::string_view key, const std::optional<int64_t>& ts) {
  if (ts) {
    w->StringField(key, FormatIsoDate(*ts));
  } else {
    w->NullField(key);
  }
}

// Passages of other articles reused in article i (dedup's partial reuse), by source. Byte
// offsets are left out: they refer to the text as published, and the text here may be cleaned.
void ReusedFrom(JsonWriter* w, const PipelineResult& r, size_t i) {
  w->Key("reused_from");
  w->BeginArray();
  auto it = std::lower_bound(r.dedup.reuse.begin(), r.dedup.reuse.end(), i,
                             [](const PartialReuse& pr, size_t copy) { return pr.copy < copy; });
  for (; it != r.dedup.reuse.end() && it->copy == i; ++it) {
    uint64_t words = 0;
    for (const ReuseSpan& sp : it->spans) words += sp.words;
    w->BeginObject();
    w->StringField("id", r.articles[it->source].id);
    w->IntField("passages", static_cast<int64_t>(it->spans.size()));
    w->IntField("words", static_cast<int64_t>(words));
    w->DoubleField("coverage", it->coverage);
    w->EndObject();
  }
  w->EndArray();
}

// "key": [{"from": ..., "to": ...}].
void WordChanges(JsonWriter* w, std::string_view key, const std::vector<WordChange>& changes) {
  w->Key(key);
  w->BeginArray();
  for (const WordChange& c : changes) {
    w->BeginObject();
    w->StringField("from", c.from);
    w->StringField("to", c.to);
    w->EndObject();
  }
  w->EndArray();
}

void Entities(JsonWriter* w, const Story& s) {
  w->Key("entities");
  w->BeginArray();
  for (const StoryEntity& e : s.entities) {
    w->BeginObject();
    w->StringField("name", e.name);
    w->StringField("kind", EntityKindName(e.kind));
    w->IntField("outlets", e.outlets);
    w->IntField("mentions", e.mentions);
    w->StringArrayField("aliases", e.aliases);
    w->EndObject();
  }
  w->EndArray();
}

void Timeline(JsonWriter* w, const PipelineResult& r, const Story& s) {
  w->Key("timeline");
  w->BeginArray();
  for (const TimelineEvent& e : s.timeline) {
    w->BeginObject();
    w->StringField("date", e.date);
    w->StringField("text", e.text);
    w->StringField("article", r.articles[e.article].id);
    w->BoolField("relative", e.relative);
    w->EndObject();
  }
  w->EndArray();
}

void Contributions(JsonWriter* w, const PipelineResult& r, const Story& s) {
  w->Key("contributions");
  w->BeginArray();
  for (const OutletContribution& c : s.contributions) {
    w->BeginObject();
    w->StringField("article", r.articles[c.article].id);
    w->StringOrNullField("source", ArticleOutlet(r.articles[c.article]));
    w->StringArrayField("unique", c.unique);
    w->Key("rewrites");
    w->BeginArray();
    for (const SentenceRewrite& rw : c.rewrites) {
      w->BeginObject();
      w->StringField("text", rw.text);
      w->StringField("other", rw.other);
      w->StringField("other_article", r.articles[rw.other_article].id);
      WordChanges(w, "changes", rw.changes);
      w->EndObject();
    }
    w->EndArray();
    w->EndObject();
  }
  w->EndArray();
}

void Copy(JsonWriter* w, const PipelineResult& r, uint32_t c, const CopyChanges& changes) {
  const DuplicateInfo& d = r.dedup.articles[c];
  w->BeginObject();
  w->StringField("id", r.articles[c].id);
  w->StringOrNullField("source", ArticleOutlet(r.articles[c]));
  w->StringField("kind", DuplicateKindName(d.kind));
  w->DoubleField("similarity", d.similarity);
  w->Key("changes");
  w->BeginObject();
  WordChanges(w, "words", changes.changes);
  w->StringArrayField("added", changes.added);
  w->StringArrayField("dropped", changes.dropped);
  w->EndObject();
  w->EndObject();
}

void Outlets(JsonWriter* w, const PipelineResult& r, const Story& s) {
  w->Key("outlets");
  w->BeginArray();
  for (const OutletEntry& o : s.outlets) {
    w->BeginObject();
    w->StringField("source", OutletDisplayName(o.source));
    w->Key("articles");
    w->BeginArray();
    for (size_t k = 0; k < o.originals.size(); ++k) {
      const Article& a = r.articles[o.originals[k]];
      w->BeginObject();
      w->StringField("id", a.id);
      w->StringOrNullField("title", a.title);
      w->Key("copies");
      w->BeginArray();
      for (size_t j = 0; j < o.copies[k].size(); ++j)
        Copy(w, r, o.copies[k][j], o.copy_changes[k][j]);
      w->EndArray();
      w->EndObject();
    }
    w->EndArray();
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

std::string JsonString(std::string_view s) {
  std::string out;
  JsonWriter w(&out);
  w.String(s);
  return out;
}

std::string_view OutletDisplayName(std::string_view outlet) {
  return outlet.empty() ? std::string_view("(unknown)") : outlet;
}

std::string ArticleToJson(const PipelineResult& r, size_t i) {
  const Article& a = r.articles[i];
  const DuplicateInfo& d = r.dedup.articles[i];
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.StringField("id", a.id);
  w.StringOrNullField("url", a.url);
  w.StringOrNullField("source", a.source);
  w.StringOrNullField("title", a.title);
  w.StringOrNullField("date", a.date);
  w.IntField("story", r.story_id[i]);
  w.DoubleField("story_score", r.cluster.score[i]);
  if (d.duplicate_of >= 0) {
    w.StringField("duplicate_of", r.articles[static_cast<size_t>(d.duplicate_of)].id);
    w.StringField("duplicate_kind", DuplicateKindName(d.kind));
  } else {
    w.NullField("duplicate_of");
    w.NullField("duplicate_kind");
  }
  w.DoubleField("similarity", d.similarity);
  w.DoubleField("jaccard", d.jaccard);
  w.DoubleField("containment", d.containment);
  ReusedFrom(&w, r, i);
  if (!r.cluster.explanations.empty()) {
    const ClusterExplanation& e = r.cluster.explanations[i];
    w.Key("story_explain");
    w.BeginObject();
    w.DoubleField("probability", e.probability);
    w.StringArrayField("entities", e.entities);
    w.StringArrayField("terms", e.terms);
    w.EndObject();
  }
  w.EndObject();
  return out;
}

std::string StoryToJson(const PipelineResult& r, const Story& s) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.IntField("story", s.id);
  w.StringField("headline", s.headline);
  w.Key("summary");
  w.BeginArray();
  for (const SummarySentence& sent : s.summary) w.String(sent.text);
  w.EndArray();
  w.Key("summary_sources");
  w.BeginArray();
  for (const SummarySentence& sent : s.summary) w.String(r.articles[sent.article].id);
  w.EndArray();
  Entities(&w, s);
  Timeline(&w, r, s);
  Contributions(&w, r, s);
  w.Key("aliases");  // ids of stories merged into this one
  w.BeginArray();
  for (int32_t id : s.aliases) w.Int(id);
  w.EndArray();
  w.IntField("size", static_cast<int64_t>(s.articles.size()));
  w.IntField("originals", static_cast<int64_t>(s.originals.size()));
  w.Key("articles");
  w.BeginArray();
  for (uint32_t a : s.articles) w.String(r.articles[a].id);
  w.EndArray();
  Outlets(&w, r, s);
  OptionalDateField(&w, "first_date", s.first_timestamp);
  OptionalDateField(&w, "last_date", s.last_timestamp);
  w.EndObject();
  return out;
}

std::string PageToJson(std::string_view input, const Result<ExtractedPage>& page) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.StringField("input", input);
  if (!page.ok()) {
    w.StringField("error", page.status().ToString());
  } else {
    const ExtractedPage& p = *page;
    w.StringField("title", p.title);
    w.StringField("date", p.date);
    w.StringField("author", p.author);
    w.StringField("site", p.site);
    w.StringField("url", p.url);
    w.StringField("lang", p.lang);
    w.StringField("charset", p.charset);
    w.StringField("text", p.text);
  }
  w.EndObject();
  return out;
}

}  // namespace storyline
