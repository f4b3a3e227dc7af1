// JSON Lines output of dedup groups and the printed LSH curve (storyline/format.h).

#include <algorithm>
#include <cstdio>

#include "common/json_writer.h"
#include "format/json_parts.h"
#include "common/status_macros.h"
#include "storyline/format.h"

namespace storyline {

std::string DedupGroupsToJsonLines(std::span<const Article> articles, const DedupResult& result) {
  const size_t n = std::min(articles.size(), result.articles.size());
  // Members of each original's group: whole copies first, then partial reusers.
  struct Member {
    uint32_t index;
    DuplicateKind kind;
    double score;
    const PartialReuse* reuse;  // for kPartial
  };
  std::vector<std::vector<Member>> groups(n);
  for (uint32_t i = 0; i < n; ++i) {
    const DuplicateInfo& d = result.articles[i];
    if (d.duplicate_of < 0 || static_cast<size_t>(d.duplicate_of) >= n) continue;
    groups[static_cast<size_t>(d.duplicate_of)].push_back({i, d.kind, d.similarity, nullptr});
  }
  for (const PartialReuse& r : result.reuse) {
    if (r.source >= n || r.copy >= n) continue;
    groups[r.source].push_back({r.copy, DuplicateKind::kPartial, r.coverage, &r});
  }
  std::string out;
  for (uint32_t g = 0; g < n; ++g) {
    std::vector<Member>& members = groups[g];
    if (members.empty()) continue;
    std::stable_sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
      if (a.kind != b.kind) return a.kind < b.kind;
      if (a.score != b.score) return a.score > b.score;
      return a.index < b.index;
    });
    const Article& o = articles[g];
    JsonWriter w(&out);
    w.BeginObject();
    w.StringField("original", o.id);
    w.IntField("index", g);
    w.StringField("source", o.source);
    w.StringField("date", o.date);
    w.StringField("title", o.title);
    w.Key("copies");
    w.BeginArray();
    for (const Member& m : members) {
      const Article& c = articles[m.index];
      const DuplicateInfo& d = result.articles[m.index];
      w.BeginObject();
      w.StringField("id", c.id);
      w.IntField("index", m.index);
      w.StringField("kind", DuplicateKindName(m.kind));
      w.DoubleField("score", m.score);
      if (m.kind != DuplicateKind::kPartial) {
        w.DoubleField("jaccard", d.jaccard);
        w.DoubleField("containment", d.containment);
      }
      w.StringField("source", c.source);
      w.StringField("date", c.date);
      if (m.reuse != nullptr) {
        w.Key("spans");
        w.BeginArray();
        for (const ReuseSpan& s : m.reuse->spans) format::WriteReuseSpan(s, &w);
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    out += '\n';
  }
  return out;
}

Result<std::string> FormatLshCurve(const DedupOptions& options) {
  int bands = 0, rows = 0;
  RETURN_IF_ERROR(LshParameters(options, &bands, &rows));
  std::string out;
  char line[160];
  std::snprintf(line, sizeof(line),
                "LSH: %d bands x %d rows of %d one-permutation MinHash values; near-duplicate "
                "threshold J >= %.2f, containment >= %.2f\n",
                bands, rows, options.num_hashes, options.near_threshold,
                options.containment_threshold);
  out += line;
  out += "Jaccard  P(candidate)\n";
  for (int k = 1; k <= 20; ++k) {
    double j = k / 20.0;
    std::snprintf(line, sizeof(line), "%7.2f  %12.4f\n", j, LshMatchProbability(j, bands, rows));
    out += line;
  }
  out +=
      "Every candidate is verified on the exact shingle sets; containment candidates come from "
      "the winnowed-shingle index, not from LSH.\n";
  return out;
}

}  // namespace storyline
