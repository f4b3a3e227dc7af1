// JSON Lines and terminal renderings of a PipelineResult.

#include <algorithm>
#include <string>

#include "common/json_writer.h"
#include "storyline/pipeline.h"

namespace storyline {
namespace {

void OptionalString(JsonWriter* w, std::string_view key, const std::string& value) {
  w->Key(key);
  if (value.empty()) {
    w->Null();
  } else {
    w->String(value);
  }
}

void OptionalDate(JsonWriter* w, std::string_view key, const std::optional<int64_t>& ts) {
  w->Key(key);
  if (ts) {
    w->String(FormatIsoDate(*ts));
  } else {
    w->Null();
  }
}

std::string Truncate(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  // Never split a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace

std::string ArticleToJson(const PipelineResult& r, size_t i) {
  const Article& a = r.articles[i];
  const DuplicateInfo& d = r.dedup.articles[i];
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("id");
  w.String(a.id);
  OptionalString(&w, "url", a.url);
  OptionalString(&w, "source", a.source);
  OptionalString(&w, "title", a.title);
  OptionalString(&w, "date", a.date);
  w.Key("story");
  w.Int(r.story_id[i]);
  w.Key("story_score");
  w.Double(r.cluster.score[i]);
  w.Key("duplicate_of");
  if (d.duplicate_of >= 0) {
    w.String(r.articles[static_cast<size_t>(d.duplicate_of)].id);
  } else {
    w.Null();
  }
  w.Key("duplicate_kind");
  if (d.duplicate_of >= 0) {
    w.String(DuplicateKindName(d.kind));
  } else {
    w.Null();
  }
  w.Key("similarity");
  w.Double(d.similarity);
  w.Key("jaccard");
  w.Double(d.jaccard);
  w.Key("containment");
  w.Double(d.containment);
  // Passages of other articles reused in this one (dedup's partial reuse), by source. Byte
  // offsets are left out: they refer to the text as published, and the text here may be cleaned.
  w.Key("reused_from");
  w.BeginArray();
  auto it = std::lower_bound(r.dedup.reuse.begin(), r.dedup.reuse.end(), i,
                             [](const PartialReuse& pr, size_t copy) { return pr.copy < copy; });
  for (; it != r.dedup.reuse.end() && it->copy == i; ++it) {
    uint64_t words = 0;
    for (const ReuseSpan& sp : it->spans) words += sp.words;
    w.BeginObject();
    w.Key("id");
    w.String(r.articles[it->source].id);
    w.Key("passages");
    w.Int(static_cast<int64_t>(it->spans.size()));
    w.Key("words");
    w.Int(static_cast<int64_t>(words));
    w.Key("coverage");
    w.Double(it->coverage);
    w.EndObject();
  }
  w.EndArray();
  if (!r.cluster.explanations.empty()) {
    const ClusterExplanation& e = r.cluster.explanations[i];
    w.Key("story_explain");
    w.BeginObject();
    w.Key("probability");
    w.Double(e.probability);
    for (const auto& [key, list] : {std::pair{"entities", &e.entities}, {"terms", &e.terms}}) {
      w.Key(key);
      w.BeginArray();
      for (const std::string& t : *list) w.String(t);
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndObject();
  return out;
}

namespace {

// "changes": [{"from": ..., "to": ...}] (under `key`).
void WordChanges(JsonWriter* w, const std::vector<WordChange>& changes,
                 const char* key = "changes") {
  w->Key(key);
  w->BeginArray();
  for (const WordChange& c : changes) {
    w->BeginObject();
    w->Key("from");
    w->String(c.from);
    w->Key("to");
    w->String(c.to);
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

std::string StoryToJson(const PipelineResult& r, const Story& s) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("story");
  w.Int(s.id);
  w.Key("headline");
  w.String(s.headline);
  w.Key("summary");
  w.BeginArray();
  for (const SummarySentence& sent : s.summary) w.String(sent.text);
  w.EndArray();
  w.Key("summary_sources");
  w.BeginArray();
  for (const SummarySentence& sent : s.summary) w.String(r.articles[sent.article].id);
  w.EndArray();
  w.Key("entities");
  w.BeginArray();
  for (const StoryEntity& e : s.entities) {
    w.BeginObject();
    w.Key("name");
    w.String(e.name);
    w.Key("kind");
    w.String(EntityKindName(e.kind));
    w.Key("outlets");
    w.Int(e.outlets);
    w.Key("mentions");
    w.Int(e.mentions);
    w.Key("aliases");
    w.BeginArray();
    for (const std::string& a : e.aliases) w.String(a);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("timeline");
  w.BeginArray();
  for (const TimelineEvent& e : s.timeline) {
    w.BeginObject();
    w.Key("date");
    w.String(e.date);
    w.Key("text");
    w.String(e.text);
    w.Key("article");
    w.String(r.articles[e.article].id);
    w.Key("relative");
    w.Bool(e.relative);
    w.EndObject();
  }
  w.EndArray();
  w.Key("contributions");
  w.BeginArray();
  for (const OutletContribution& c : s.contributions) {
    w.BeginObject();
    w.Key("article");
    w.String(r.articles[c.article].id);
    OptionalString(&w, "source", r.articles[c.article].source);
    w.Key("unique");
    w.BeginArray();
    for (const std::string& u : c.unique) w.String(u);
    w.EndArray();
    w.Key("rewrites");
    w.BeginArray();
    for (const SentenceRewrite& rw : c.rewrites) {
      w.BeginObject();
      w.Key("text");
      w.String(rw.text);
      w.Key("other");
      w.String(rw.other);
      w.Key("other_article");
      w.String(r.articles[rw.other_article].id);
      WordChanges(&w, rw.changes);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("aliases");  // ids of stories merged into this one
  w.BeginArray();
  for (int32_t id : s.aliases) w.Int(id);
  w.EndArray();
  w.Key("size");
  w.Int(static_cast<int64_t>(s.articles.size()));
  w.Key("originals");
  w.Int(static_cast<int64_t>(s.originals.size()));
  w.Key("articles");
  w.BeginArray();
  for (uint32_t a : s.articles) w.String(r.articles[a].id);
  w.EndArray();
  w.Key("outlets");
  w.BeginArray();
  for (const OutletEntry& o : s.outlets) {
    w.BeginObject();
    w.Key("source");
    w.String(o.source);
    w.Key("articles");
    w.BeginArray();
    for (size_t k = 0; k < o.originals.size(); ++k) {
      const uint32_t a = o.originals[k];
      w.BeginObject();
      w.Key("id");
      w.String(r.articles[a].id);
      OptionalString(&w, "title", r.articles[a].title);
      w.Key("copies");
      w.BeginArray();
      for (size_t j = 0; j < o.copies[k].size(); ++j) {
        const uint32_t c = o.copies[k][j];
        const DuplicateInfo& d = r.dedup.articles[c];
        w.BeginObject();
        w.Key("id");
        w.String(r.articles[c].id);
        OptionalString(&w, "source", r.articles[c].source);
        w.Key("kind");
        w.String(DuplicateKindName(d.kind));
        w.Key("similarity");
        w.Double(d.similarity);
        const CopyChanges& ch = o.copy_changes[k][j];
        w.Key("changes");
        w.BeginObject();
        WordChanges(&w, ch.changes, "words");
        for (const auto& [key, list] : {std::pair{"added", &ch.added}, {"dropped", &ch.dropped}}) {
          w.Key(key);
          w.BeginArray();
          for (const std::string& t : *list) w.String(t);
          w.EndArray();
        }
        w.EndObject();
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  OptionalDate(&w, "first_date", s.first_timestamp);
  OptionalDate(&w, "last_date", s.last_timestamp);
  w.EndObject();
  return out;
}

std::string FormatReport(const PipelineResult& r, size_t max_stories) {
  std::string out;
  size_t copies = r.dedup.stats.copies;
  size_t multi = static_cast<size_t>(std::count_if(
      r.stories.begin(), r.stories.end(), [](const Story& s) { return s.originals.size() > 1; }));
  out += std::to_string(r.articles.size()) + " articles, " + std::to_string(copies) + " copies, " +
         std::to_string(r.stories.size()) + " stories (" + std::to_string(multi) +
         " reported by more than one article)\n";
  size_t shown = 0;
  for (const Story& s : r.stories) {
    if (max_stories > 0 && shown == max_stories) {
      out += "\n… " + std::to_string(r.stories.size() - shown) + " more stories\n";
      break;
    }
    ++shown;
    out += "\n#" + std::to_string(s.id) + "  " + Truncate(s.headline, 200) + "\n";
    std::string when;
    if (s.first_timestamp) {
      when = FormatIsoDate(*s.first_timestamp).substr(0, 10);
      std::string last = FormatIsoDate(*s.last_timestamp).substr(0, 10);
      if (last != when) when += " .. " + last;
      when = ", " + when;
    }
    out += "    " + std::to_string(s.articles.size()) + " articles, " +
           std::to_string(s.originals.size()) + " original, " + std::to_string(s.outlets.size()) +
           (s.outlets.size() == 1 ? " outlet" : " outlets") + when + "\n";
    for (const SummarySentence& sent : s.summary) {
      out += "    * " + Truncate(sent.text, 400) + "\n";
    }
    for (const OutletEntry& o : s.outlets) {
      for (size_t k = 0; k < o.originals.size(); ++k) {
        const uint32_t a = o.originals[k];
        out += "    - " + o.source + ": " + r.articles[a].id;
        if (!r.articles[a].title.empty()) out += " \"" + Truncate(r.articles[a].title, 90) + "\"";
        out += "\n";
        for (uint32_t c : o.copies[k]) {
          const DuplicateInfo& d = r.dedup.articles[c];
          char score[16];
          snprintf(score, sizeof(score), "%.2f", d.similarity);
          out += "        copy " + r.articles[c].id + " (" +
                 (r.articles[c].source.empty() ? std::string("?") : r.articles[c].source) + ", " +
                 std::string(DuplicateKindName(d.kind)) + " " + score + ")\n";
        }
      }
    }
  }
  return out;
}

}  // namespace storyline
