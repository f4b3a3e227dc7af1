// The self-contained HTML report of a PipelineResult (storyline/format.h): one page, inline CSS,
// no script and no external resource; every text from the input is escaped.

#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "format/text_util.h"
#include "storyline/format.h"

namespace storyline {
namespace {

// Escapes text for HTML element content and double-quoted attributes.
void Esc(std::string* out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        *out += "&quot;";
        break;
      case '\'':
        *out += "&#39;";
        break;
      default:
        out->push_back(c);
    }
  }
}

std::string E(std::string_view s) {
  std::string out;
  Esc(&out, s);
  return out;
}

constexpr std::string_view kStyle = R"css(
:root { --ink:#1d2330; --muted:#667085; --line:#e4e7ec; --bg:#f7f8fa; --card:#fff;
        --accent:#2f5bd3; --person:#7a3fc9; --org:#0f7b6c; --place:#b45309; --other:#667085;
        --mark:#fff3bf; --del:#fde2e1; --ins:#dcfce7; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
       font:16px/1.55 Georgia, 'DejaVu Serif', serif; }
header.top { background:#111827; color:#fff; padding:28px 40px; }
header.top h1 { margin:0; font:600 26px/1.2 'DejaVu Sans', Arial, sans-serif; letter-spacing:.5px; }
header.top p { margin:6px 0 0; color:#cbd5e1; font:14px 'DejaVu Sans', Arial, sans-serif; }
main { max-width:1040px; margin:0 auto; padding:24px 24px 60px; }
nav.toc { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:14px 20px; }
nav.toc h2, section h3 { font:600 13px 'DejaVu Sans', Arial, sans-serif; text-transform:uppercase;
        letter-spacing:.8px; color:var(--muted); margin:10px 0 8px; }
nav.toc ol { margin:0; padding-left:22px; }
nav.toc li { margin:4px 0; }
nav.toc a { color:var(--ink); text-decoration:none; }
nav.toc a:hover { color:var(--accent); text-decoration:underline; }
.meta { color:var(--muted); font:13px 'DejaVu Sans', Arial, sans-serif; }
section.story { background:var(--card); border:1px solid var(--line); border-radius:10px;
        padding:22px 28px; margin:22px 0; box-shadow:0 1px 2px rgba(16,24,40,.04); }
section.story h2 { margin:0 0 4px; font:700 23px/1.3 Georgia, 'DejaVu Serif', serif; }
.brief p { margin:8px 0; }
.src { color:var(--muted); font:12px 'DejaVu Sans', Arial, sans-serif; margin-left:6px; white-space:nowrap; }
.chips { display:flex; flex-wrap:wrap; gap:6px; }
.chip { border:1px solid var(--line); border-radius:999px; padding:2px 10px 2px 8px;
        font:13px 'DejaVu Sans', Arial, sans-serif; background:#fafafa; }
.chip b { font-weight:600; }
.chip i { font-style:normal; color:var(--muted); margin-left:4px; }
.chip::before { content:''; display:inline-block; width:8px; height:8px; border-radius:50%;
        margin-right:6px; background:var(--other); }
.chip.person::before { background:var(--person); } .chip.organization::before { background:var(--org); }
.chip.place::before { background:var(--place); }
ol.timeline { list-style:none; padding:0; margin:0; border-left:2px solid var(--line); }
ol.timeline li { position:relative; padding:2px 0 8px 18px; }
ol.timeline li::before { content:''; position:absolute; left:-6px; top:9px; width:10px; height:10px;
        border-radius:50%; background:var(--accent); }
ol.timeline time { font:600 13px 'DejaVu Sans', Arial, sans-serif; color:var(--accent); margin-right:8px; }
.outlet { border-top:1px solid var(--line); padding:10px 0; }
.outlet > .name { font:600 15px 'DejaVu Sans', Arial, sans-serif; }
.article { margin:6px 0 6px 14px; }
.article .title { font-style:italic; }
.adds { margin:4px 0 4px 14px; }
.adds p { margin:4px 0; }
mark { background:var(--mark); padding:0 2px; }
del { background:var(--del); text-decoration:line-through; padding:0 2px; }
ins { background:var(--ins); text-decoration:none; padding:0 2px; }
details.copy { margin:4px 0 4px 14px; font-size:15px; }
details.copy summary { cursor:pointer; color:var(--muted); font:13px 'DejaVu Sans', Arial, sans-serif; }
.kind { display:inline-block; border-radius:4px; padding:0 6px; background:#eef2ff; color:#3730a3;
        font:12px 'DejaVu Sans', Arial, sans-serif; }
footer { text-align:center; color:var(--muted); font:12px 'DejaVu Sans', Arial, sans-serif; padding:20px; }
)css";

void Changes(std::string* out, const std::vector<WordChange>& changes) {
  for (const WordChange& c : changes) {
    *out += "<span class=\"change\">";
    if (!c.from.empty()) *out += "<del>" + E(c.from) + "</del>";
    if (!c.to.empty()) *out += "<ins>" + E(c.to) + "</ins>";
    *out += "</span> ";
  }
}

// How an article is credited in the report: its outlet, or "(unknown)".
std::string Outlet(const Article& a) { return E(OutletDisplayName(ArticleOutlet(a))); }

void Header(const PipelineResult& r, size_t shown, std::string* out) {
  *out +=
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Storyline report</title>\n<style>";
  *out += kStyle;
  *out += "</style></head><body>\n<header class=\"top\"><h1>Storyline</h1><p>";
  *out += format::Count(r.articles.size(), "article") + " &middot; " +
          format::Count(r.articles.size() - r.dedup.stats.copies, "original") + " &middot; " +
          format::Count(r.dedup.stats.copies, "copy") + " folded &middot; " +
          format::Count(r.stories.size(), "story");
  if (shown < r.stories.size()) *out += " (the " + std::to_string(shown) + " largest shown)";
  *out += "</p></header>\n<main>\n<nav class=\"toc\"><h2>Stories</h2><ol>\n";
  for (size_t k = 0; k < shown; ++k) {
    const Story& s = r.stories[k];
    *out += "<li><a href=\"#story-" + std::to_string(s.id) + "\">" + E(s.headline) +
            "</a> <span class=\"meta\">" + format::Count(s.articles.size(), "article") + ", " +
            format::OutletCount(s) + "</span></li>\n";
  }
  *out += "</ol></nav>\n";
}

void StoryMeta(const Story& s, std::string* out) {
  *out += "<div class=\"meta\">Story " + std::to_string(s.id) + " &middot; " +
          format::Count(s.articles.size(), "article") + " (" +
          format::Count(s.originals.size(), "original") + ") from " + format::OutletCount(s);
  const std::string first = format::Day(s.first_timestamp), last = format::Day(s.last_timestamp);
  if (!first.empty()) *out += " &middot; " + first + (last != first ? " to " + last : "");
  if (!s.aliases.empty()) {
    *out += " &middot; merged stories:";
    for (int32_t a : s.aliases) *out += " " + std::to_string(a);
  }
  *out += "</div>\n";
}

void BriefSection(const PipelineResult& r, const Story& s, std::string* out) {
  *out += "<h3>Brief</h3><div class=\"brief\">\n";
  for (const SummarySentence& sent : s.summary) {
    *out += "<p>" + E(sent.text) + "<span class=\"src\">&mdash; " +
            Outlet(r.articles[sent.article]) + "</span></p>\n";
  }
  *out += "</div>\n";
}

void Entities(const Story& s, std::string* out) {
  if (s.entities.empty()) return;
  *out += "<h3>Who and where</h3><div class=\"chips\">\n";
  for (const StoryEntity& e : s.entities) {
    *out += "<span class=\"chip " + std::string(EntityKindName(e.kind)) + "\" title=\"" +
            EntityKindName(e.kind);
    if (!e.aliases.empty()) {
      *out += "; also:";
      for (const std::string& al : e.aliases) *out += " " + E(al);
    }
    *out += "\"><b>" + E(e.name) + "</b><i>" +
            format::Count(static_cast<size_t>(e.outlets), "outlet") + "</i></span>\n";
  }
  *out += "</div>\n";
}

void Timeline(const Story& s, std::string* out) {
  if (s.timeline.empty()) return;
  *out += "<h3>Timeline</h3><ol class=\"timeline\">\n";
  for (const TimelineEvent& t : s.timeline) {
    *out += "<li><time>" + E(t.date) + "</time>" + E(t.text) + "</li>\n";
  }
  *out += "</ol>\n";
}

// The article's title (linked when its URL is http(s)) and its id and day.
void ArticleLine(const Article& a, std::string* out) {
  *out += "<div class=\"article\">";
  const std::string title = E(a.title.empty() ? a.id : a.title);
  if (a.url.rfind("http://", 0) == 0 || a.url.rfind("https://", 0) == 0) {
    *out += "<a class=\"title\" href=\"" + E(a.url) + "\" rel=\"noreferrer\">" + title + "</a>";
  } else {
    *out += "<span class=\"title\">" + title + "</span>";
  }
  // The id, unless it already stands in for the title, and the day.
  std::string meta = a.title.empty() ? std::string() : E(a.id);
  if (a.timestamp) meta += (meta.empty() ? "" : " &middot; ") + format::Day(a.timestamp);
  if (!meta.empty()) *out += " <span class=\"meta\">" + meta + "</span>";
  *out += "</div>\n";
}

// What only this article says, and its sentences another outlet words differently.
void OnlyHere(const PipelineResult& r, const OutletContribution* c, std::string* out) {
  if (c == nullptr || (c->unique.empty() && c->rewrites.empty())) return;
  *out += "<div class=\"adds\"><div class=\"meta\">Only here:</div>\n";
  for (const std::string& u : c->unique) *out += "<p><mark>" + E(u) + "</mark></p>\n";
  for (const SentenceRewrite& rw : c->rewrites) {
    *out += "<p class=\"rewrite\">" + E(rw.text) + "<br><span class=\"meta\">vs " +
            Outlet(r.articles[rw.other_article]) + ":</span> ";
    Changes(out, rw.changes);
    *out += "</p>\n";
  }
  *out += "</div>\n";
}

void CopyDetails(const PipelineResult& r, uint32_t cid, const CopyChanges& ch, std::string* out) {
  const Article& ca = r.articles[cid];
  const DuplicateInfo& d = r.dedup.articles[cid];
  char sim[16];
  std::snprintf(sim, sizeof(sim), "%.2f", d.similarity);
  *out += "<details class=\"copy\"><summary>copy: " + Outlet(ca) + " <span class=\"kind\">" +
          std::string(DuplicateKindName(d.kind)) + " " + sim + "</span> " + E(ca.id) +
          " &middot; " + format::Count(ch.changes.size(), "word change") + ", " +
          std::to_string(ch.added.size()) + " added, " + std::to_string(ch.dropped.size()) +
          " dropped sentences</summary>\n";
  if (!ch.changes.empty()) {
    *out += "<p>";
    Changes(out, ch.changes);
    *out += "</p>\n";
  }
  for (const std::string& t : ch.added) *out += "<p><ins>" + E(t) + "</ins></p>\n";
  for (const std::string& t : ch.dropped) *out += "<p><del>" + E(t) + "</del></p>\n";
  *out += "</details>\n";
}

void Outlets(const PipelineResult& r, const Story& s, std::string* out) {
  std::unordered_map<uint32_t, const OutletContribution*> contribution_of;
  for (const OutletContribution& c : s.contributions) contribution_of[c.article] = &c;
  *out += "<h3>Outlets</h3>\n";
  size_t listed = 0;
  for (const OutletEntry& o : s.outlets) {
    if (listed >= format::kMaxListedOriginals) break;
    *out +=
        "<div class=\"outlet\"><div class=\"name\">" + E(OutletDisplayName(o.source)) + "</div>\n";
    for (size_t i = 0; i < o.originals.size() && listed < format::kMaxListedOriginals; ++i) {
      ++listed;
      ArticleLine(r.articles[o.originals[i]], out);
      auto c = contribution_of.find(o.originals[i]);
      OnlyHere(r, c == contribution_of.end() ? nullptr : c->second, out);
      const size_t copies = o.copies[i].size();
      for (size_t j = 0; j < std::min(copies, format::kMaxListedCopies); ++j) {
        CopyDetails(r, o.copies[i][j], o.copy_changes[i][j], out);
      }
      if (copies > format::kMaxListedCopies) {
        *out += "<p class=\"more\">… and " +
                format::Count(copies - format::kMaxListedCopies, "more copy") + "</p>\n";
      }
    }
    *out += "</div>\n";
  }
  if (s.originals.size() > listed) {
    *out += "<p class=\"more\">… and " +
            format::Count(s.originals.size() - listed, "more original") + "</p>\n";
  }
}

}  // namespace

std::string FormatHtmlReport(const PipelineResult& r, size_t max_stories) {
  const size_t shown =
      max_stories == 0 ? r.stories.size() : std::min(max_stories, r.stories.size());
  std::string out;
  out.reserve(64 * 1024);
  Header(r, shown, &out);
  for (size_t k = 0; k < shown; ++k) {
    const Story& s = r.stories[k];
    out += "<section class=\"story\" id=\"story-" + std::to_string(s.id) + "\">\n<h2>" +
           E(s.headline) + "</h2>\n";
    StoryMeta(s, &out);
    BriefSection(r, s, &out);
    Entities(s, &out);
    Timeline(s, &out);
    Outlets(r, s, &out);
    out += "</section>\n";
  }
  out += "</main><footer>Made by Storyline</footer></body></html>\n";
  return out;
}

}  // namespace storyline
