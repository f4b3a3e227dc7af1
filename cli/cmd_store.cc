// The store's subcommands: `ingest` adds articles to a store, `stories`, `show` and `search`
// query it, `export` writes it as `run` would. Thin layers over storyline/store.h.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "input.h"
#include "storyline/storyline.h"

namespace storyline::cli {
namespace {

int Fail(const Status& st) {
  std::fprintf(stderr, "storyline: %s\n", st.ToString().c_str());
  return st.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

void Print(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }

std::unique_ptr<Store> OpenStore(const std::string& path, bool read_only, StoreOptions options,
                                 int* exit_code) {
  options.read_only = read_only;
  if (read_only && !std::filesystem::exists(path)) {
    std::fprintf(stderr, "storyline: no store at %s\n", path.c_str());
    *exit_code = kExitFailure;
    return nullptr;
  }
  auto store = Store::Open(path, options);
  if (!store.ok()) {
    std::fprintf(stderr, "storyline: %s: %s\n", path.c_str(), store.status().ToString().c_str());
    *exit_code = kExitFailure;
    return nullptr;
  }
  return std::move(*store);
}

// ---- ingest ------------------------------------------------------------------------------------

struct IngestArgs {
  std::string db;
  std::vector<std::string> inputs;
  size_t batch = 5000;
  bool quiet = false;
  size_t max_error_lines = 20;
  StoreOptions store;
  IngestOptions ingest;
};

int Ingest(IngestArgs& args) {
  const bool progress = !args.quiet && isatty(STDERR_FILENO);
  std::vector<Article> articles;
  IngestStats stats;
  ReadCliInputs(args.inputs, args.ingest, args.quiet, progress, args.max_error_lines, &articles,
                &stats);
  int code = kExitOk;
  std::unique_ptr<Store> store = OpenStore(args.db, false, args.store, &code);
  if (!store) return code;
  if (articles.empty()) {
    std::fprintf(stderr, "storyline: no articles to ingest\n");
    return kExitFailure;
  }
  IngestReport total;
  const size_t batch = args.batch == 0 ? articles.size() : args.batch;
  for (size_t b = 0; b < articles.size(); b += batch) {
    const size_t e = std::min(articles.size(), b + batch);
    std::vector<Article> slice(std::make_move_iterator(articles.begin() + b),
                               std::make_move_iterator(articles.begin() + e));
    auto r = store->Ingest(std::move(slice));
    if (!r.ok()) {
      std::fprintf(stderr, "storyline: batch of articles %zu..%zu not stored: %s\n", b + 1, e,
                   r.status().ToString().c_str());
      return kExitFailure;
    }
    total.added += r->added;
    total.already_stored += r->already_stored;
    total.copies += r->copies;
    total.stories_created += r->stories_created;
    total.stories_updated += r->stories_updated;
    if (progress) std::fprintf(stderr, "\rstoryline: stored %zu of %zu", e, articles.size());
  }
  if (progress) std::fputc('\n', stderr);
  if (!args.quiet) {
    auto counts = store->Count();
    std::printf(
        "stored %llu new articles (%llu already stored, %llu copies); %llu stories "
        "created, %llu updated\n",
        static_cast<unsigned long long>(total.added),
        static_cast<unsigned long long>(total.already_stored),
        static_cast<unsigned long long>(total.copies),
        static_cast<unsigned long long>(total.stories_created),
        static_cast<unsigned long long>(total.stories_updated));
    if (counts.ok()) {
      std::printf("%s now holds %lld articles in %lld stories\n", args.db.c_str(),
                  static_cast<long long>(counts->articles),
                  static_cast<long long>(counts->stories));
    }
  }
  return kExitOk;
}

// ---- stories / show / search / export ----------------------------------------------------------

struct QueryArgs {
  std::string db;
  std::string since, until, outlet, query;
  int64_t min_articles = 1;
  size_t limit = 20;
  int32_t story = 0;
  bool json = false, articles = false;
  std::string out_dir;
};

std::optional<int64_t> DateArg(const std::string& s, bool* bad) {
  if (s.empty()) return std::nullopt;
  auto t = ParseIsoDate(s);
  if (!t.ok()) {
    std::fprintf(stderr, "storyline: %s is not a date (YYYY-MM-DD or ISO 8601)\n", s.c_str());
    *bad = true;
    return std::nullopt;
  }
  return *t;
}

std::string Count(int64_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

std::string Day(const std::optional<int64_t>& t) {
  return t ? FormatIsoDate(*t).substr(0, 10) : std::string();
}

int ListStories(QueryArgs& a) {
  int code = kExitOk;
  auto store = OpenStore(a.db, true, StoreOptions(), &code);
  if (!store) return code;
  bool bad = false;
  StoryQuery q;
  q.since = DateArg(a.since, &bad);
  q.until = DateArg(a.until, &bad);
  if (bad) return kExitUsage;
  q.outlet = a.outlet;
  q.min_articles = a.min_articles;
  q.limit = a.limit;
  auto stories = store->Stories(q);
  if (!stories.ok()) return Fail(stories.status());
  for (const StoryListing& s : *stories) {
    if (a.json) {
      auto js = store->StoryJson(s.story);
      if (!js.ok()) return Fail(js.status());
      Print(*js);
      Print("\n");
      continue;
    }
    std::string when;
    if (s.first_timestamp) {
      when = ", " + Day(s.first_timestamp);
      if (Day(s.last_timestamp) != Day(s.first_timestamp)) when += " .. " + Day(s.last_timestamp);
    }
    std::printf("#%d  %s\n    %s, %s, %s%s\n", s.story, s.headline.c_str(),
                Count(s.size, "article").c_str(), Count(s.originals, "original").c_str(),
                s.outlets == 0 ? "outlet unknown" : Count(s.outlets, "outlet").c_str(),
                when.c_str());
    if (!s.summary.empty()) std::printf("    * %s\n", s.summary.front().c_str());
  }
  return kExitOk;
}

int Show(QueryArgs& a) {
  int code = kExitOk;
  auto store = OpenStore(a.db, true, StoreOptions(), &code);
  if (!store) return code;
  if (a.json) {
    auto js = store->StoryJson(a.story);
    if (!js.ok()) return Fail(js.status());
    Print(*js);
    Print("\n");
    return kExitOk;
  }
  auto r = store->StoryResult(a.story);
  if (!r.ok()) return Fail(r.status());
  const std::string report = FormatReport(*r, 0);
  // The report's first line counts the corpus; for one story it is the story's own line below.
  Print(std::string_view(report).substr(report.find('\n') + 1));
  return kExitOk;
}

int Search(QueryArgs& a) {
  int code = kExitOk;
  auto store = OpenStore(a.db, true, StoreOptions(), &code);
  if (!store) return code;
  auto hits = store->Search(a.query, a.articles, a.limit);
  if (!hits.ok()) return Fail(hits.status());
  for (const SearchHit& h : *hits) {
    if (a.json) {
      Print(SearchHitToJson(h, a.articles) + "\n");
    } else if (a.articles) {
      std::printf("%s  (story #%d, %s, %.2f)\n    %s\n", h.article.c_str(), h.story,
                  h.source.empty() ? "unknown outlet" : h.source.c_str(), h.score,
                  h.snippet.c_str());
    } else {
      std::printf("#%d  %s  (%.2f)\n    %s\n", h.story, h.headline.c_str(), h.score,
                  h.snippet.c_str());
    }
  }
  return kExitOk;
}

int Export(QueryArgs& a) {
  int code = kExitOk;
  auto store = OpenStore(a.db, true, StoreOptions(), &code);
  if (!store) return code;
  std::error_code ec;
  std::filesystem::create_directories(a.out_dir, ec);
  const std::filesystem::path dir(a.out_dir);
  std::ofstream stories(dir / "stories.jsonl.tmp", std::ios::binary | std::ios::trunc);
  std::ofstream articles(dir / "articles.jsonl.tmp", std::ios::binary | std::ios::trunc);
  if (ec || !stories || !articles) {
    std::fprintf(stderr, "storyline: cannot write to %s\n", a.out_dir.c_str());
    return kExitFailure;
  }
  Status st = store->Export([&](std::string_view l) { stories << l << '\n'; },
                            [&](std::string_view l) { articles << l << '\n'; });
  stories.close();
  articles.close();
  if (!st.ok()) return Fail(st);
  if (!stories || !articles) {
    std::fprintf(stderr, "storyline: cannot write to %s\n", a.out_dir.c_str());
    return kExitFailure;
  }
  std::filesystem::rename(dir / "stories.jsonl.tmp", dir / "stories.jsonl", ec);
  if (!ec) std::filesystem::rename(dir / "articles.jsonl.tmp", dir / "articles.jsonl", ec);
  if (ec) {
    std::fprintf(stderr, "storyline: %s\n", ec.message().c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void AddStoreCommands(CLI::App* app, std::function<int()>* action) {
  auto ing = std::make_shared<IngestArgs>();
  CLI::App* cmd = app->add_subcommand(
      "ingest",
      "Add articles to a store (created if missing): each batch is deduplicated and clustered\n"
      "against everything the store holds, and the briefs of the stories it changed are rebuilt.\n"
      "INPUT as for run: files, directories, saved web pages, JSON Lines, or - for stdin.");
  cmd->add_option("--db", ing->db, "the store (a SQLite file)")->required();
  cmd->add_option("INPUT", ing->inputs, "files, directories, or - for stdin")->required();
  cmd->add_option("--batch", ing->batch, "articles per transaction (0: all in one)")
      ->capture_default_str();
  cmd->add_option("--warmup", ing->store.cluster.idf_warmup,
                  "until it has clustered this many originals, the store clusters everything\n"
                  "again with each batch (0: never)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", ing->quiet, "print nothing but errors");
  cmd->callback([ing, action] { *action = [ing] { return Ingest(*ing); }; });

  auto q = std::make_shared<QueryArgs>();
  CLI::App* st = app->add_subcommand("stories", "List a store's stories, newest-updated first.");
  st->add_option("--db", q->db, "the store")->required();
  st->add_option("--since", q->since, "only stories with an article on or after this date");
  st->add_option("--until", q->until, "only stories that began on or before this date");
  st->add_option("--outlet", q->outlet, "only stories with an original from this outlet");
  st->add_option("--min-articles", q->min_articles, "only stories of at least N articles")
      ->capture_default_str();
  st->add_option("--limit", q->limit, "at most N stories")->capture_default_str();
  st->add_flag("--json", q->json, "one stories.jsonl object a line");
  st->callback([q, action] { *action = [q] { return ListStories(*q); }; });

  CLI::App* sh = app->add_subcommand("show", "Show one story of a store (an alias id resolves).");
  sh->add_option("--db", q->db, "the store")->required();
  sh->add_option("STORY_ID", q->story, "the story's id")->required();
  sh->add_flag("--json", q->json, "the stories.jsonl object");
  sh->callback([q, action] { *action = [q] { return Show(*q); }; });

  CLI::App* se = app->add_subcommand(
      "search",
      "Full-text search (bm25) over a store's titles and texts: stories, or articles.\n"
      "QUERY: words, \"a phrase\", AND, OR, NOT, prefix*.");
  se->add_option("--db", q->db, "the store")->required();
  se->add_option("QUERY", q->query, "what to look for")->required();
  se->add_flag("--articles", q->articles, "list matching articles instead of stories");
  se->add_option("--limit", q->limit, "at most N results")->capture_default_str();
  se->add_flag("--json", q->json, "one JSON object a line");
  se->callback([q, action] { *action = [q] { return Search(*q); }; });

  CLI::App* ex = app->add_subcommand(
      "export", "Write a store's stories.jsonl and articles.jsonl exactly as run does.");
  ex->add_option("--db", q->db, "the store")->required();
  ex->add_option("-o,--out", q->out_dir, "output directory (created if missing)")->required();
  ex->callback([q, action] { *action = [q] { return Export(*q); }; });
}

}  // namespace storyline::cli
