#include "testing/perturb.h"

#include <algorithm>
#include <cmath>

#include "storyline/text.h"
#include "testing/dedup_oracle.h"

namespace storyline::testing {
namespace {

template <size_t N>
std::string_view Pick(const std::string_view (&pool)[N], Rng& rng) {
  return pool[rng.Below(N)];
}

// ---- Our own boilerplate: six invented sites. -------------------------------------------------
// Each fixed block stays under 30 words, and the page puts text that varies from page to page
// between any two of them, so pages of one site never share a 40-word passage through the
// template alone.

struct Site {
  std::string_view masthead;  // name, tagline and section menu
  std::string_view share;
  std::string_view footer;
};

constexpr Site kSites[] = {
    {"The Harbor Ledger | Independent news for the bay since 1987\n"
     "Home · Local · Region · Business · Opinion · Sports · Weather · Obituaries",
     "Share this story: Facebook · Post on X · WhatsApp · Email · Print",
     "© 2026 The Harbor Ledger Media Group. All rights reserved. About us · Contact the newsroom · "
     "Corrections policy · Privacy · Terms of service"},
    {"Midvale Daily Courier — your hometown paper, now online\n"
     "News | Schools | Courts | Real estate | Events | Letters to the editor",
     "Found this useful? Send it to a friend or share it with your group",
     "Midvale Daily Courier is a member of the Tri-County Press Association. Subscriptions · "
     "Delivery problems · Advertise · Jobs at the Courier"},
    {"NewsPulse24 — breaking stories as they happen, around the clock\n"
     "Latest • World • Markets • Tech • Health • Video • Podcasts",
     "Like what you read? Tap the bell for alerts and never miss an update",
     "NewsPulse24 uses cookies to improve your experience. Manage preferences · Accessibility · "
     "Sitemap · Copyright 2026 Pulse Digital Ltd"},
    {"THE COPPER VALLEY GAZETTE\nServing readers across the valley every morning\n"
     "Front page / Valley / Farm report / Classifieds / Community calendar",
     "Print this page | Email the reporter | Report a typo",
     "The Copper Valley Gazette, 14 Orchard Row. Published daily except holidays. Reader services "
     "line open weekdays eight to five"},
    {"WorldWire Digest: the headlines that matter, curated for busy readers\n"
     "Top stories · Americas · Europe · Asia · Africa · Middle East · Explainers",
     "Share · Save for later · Listen to this article",
     "WorldWire Digest is reader supported. Become a member today · Newsletter sign-up · "
     "Editorial standards · Contact"},
    {"Eastgate Observer\nCommunity journalism with a regional view\n"
     "Neighbourhoods - Council watch - Transport - Arts - Food - Sport",
     "Spread the word: copy link · post to your feed · send by text",
     "All content © Eastgate Observer Cooperative. Letters may be edited for length. Our ethics "
     "code and complaints procedure are on the about page"},
};

constexpr std::string_view kAuthors[] = {
    "Staff writer", "Web desk",     "Alina Petrescu", "Marcus Obi",    "Joanne Whitfield",
    "Ravi Menon",   "Carla Duarte", "Tobias Lind",    "Night editor",  "Our correspondent",
    "Priya Valsan", "Dermot Hale",  "Ines Carvalho",  "Wendell Crisp", "Yuki Aramaki"};
constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};

constexpr std::string_view kTeaserSubjects[] = {
    "Local bakery",      "City council",      "Weekend forecast",    "High school robotics team",
    "Riverside library", "Transit authority", "Youth football club", "Harbor master",
    "Farmers market",    "New clinic",        "Retired firefighter", "Choir from the east side",
    "Ferry operator",    "Startup incubator", "Animal shelter"};
constexpr std::string_view kTeaserVerbs[] = {"wins",
                                             "plans",
                                             "faces questions over",
                                             "celebrates",
                                             "postpones",
                                             "unveils",
                                             "rethinks",
                                             "quietly drops",
                                             "asks residents about",
                                             "breaks ground on",
                                             "looks back at",
                                             "raises money for"};
constexpr std::string_view kTeaserObjects[] = {
    "a regional award",       "its summer schedule",    "the parking problem downtown",
    "fifty years of service", "a new footbridge",       "late-night bus routes",
    "the lakeside festival",  "a cheaper lunch menu",   "the empty mill building",
    "free evening classes",   "its oldest tradition",   "a record turnout",
    "the broken clock tower", "plans for a skate park", "a neighbourhood cleanup"};

constexpr std::string_view kHandles[] = {
    "riverside_reader", "Marta K.",   "old_newsman",   "pinecone42",    "J. Albright",
    "nightowl",         "Dev P.",     "skeptic_sam",   "GrandmaLou",    "tomasz_w",
    "the_real_ed",      "Harriet B.", "quietobserver", "bluefinch",     "Chuck from Ohio",
    "lena.m",           "Kwame A.",   "frostbite77",   "ParkBenchPhil", "sunny_side_up"};
constexpr std::string_view kOpeners[] = {"Honestly,",
                                         "I have to say",
                                         "Not sure why",
                                         "Great piece, but",
                                         "Funny how",
                                         "As usual,",
                                         "Say what you like,",
                                         "Read this twice and",
                                         "My two cents:",
                                         "Long-time reader here and",
                                         "Sorry but",
                                         "Can someone explain why",
                                         "Let's be real,",
                                         "With respect,",
                                         "Called it:",
                                         "Same old story,",
                                         "First time commenting.",
                                         "Well,",
                                         "I remember when",
                                         "Nobody is asking why"};
constexpr std::string_view kBodies[] = {
    "nobody in charge ever answers for any of this",
    "the numbers in the third paragraph do not add up for me",
    "this is exactly what my neighbours were saying last week",
    "you left out the part that actually matters to ordinary families",
    "the comments here are more informative than the article",
    "we went through the same thing in our town ten years ago",
    "it will be forgotten by the time the next election comes around",
    "somebody should follow the money before drawing conclusions",
    "the headline promises more than the story delivers",
    "my cousin works there and tells a very different version",
    "they always announce these things on a Friday evening",
    "I would like to see the full report rather than a summary",
    "people forget how quickly this kind of thing can change",
    "the photo caption seems to be about another place entirely",
    "this site used to do proper investigations",
    "the experts quoted never seem to live anywhere near the problem",
    "we need fewer press releases and more plain answers",
    "there is a lesson here that nobody wants to learn",
    "I shared this with my book club and it started quite a debate",
    "the timeline in this piece is confusing to follow",
    "good reporting is worth paying for and I am glad I subscribed",
    "the same promises were made the last time and the time before",
    "I doubt anyone will read past the first few lines",
    "my grandmother would have had something sharp to say about it",
    "this needs a follow-up once the dust settles",
    "they could have avoided all of it with a little common sense",
    "the map at the top does not load on my phone",
    "we should hear from the workers and not only the bosses",
    "a fair summary, though the ending felt rushed",
    "the price of everything keeps climbing while this goes on"};
constexpr std::string_view kClosers[] = {"Just my opinion.",
                                         "We will see.",
                                         "Thanks for covering it.",
                                         "Shameful.",
                                         "Keep it up.",
                                         "Who is surprised?",
                                         "Wake up, people.",
                                         "Sources, please.",
                                         "Rant over.",
                                         "Sad to watch.",
                                         "Bookmarking this.",
                                         "Agree with the above.",
                                         "Time will tell.",
                                         "Enough said.",
                                         "Good luck to them.",
                                         "Not holding my breath.",
                                         "Well written anyway.",
                                         "Typical.",
                                         "Fix the website too.",
                                         "Cheers from up north."};

std::string CommentLine(Rng& rng) {
  std::string c(Pick(kHandles, rng));
  c += " · ";
  c += std::to_string(rng.Between(1, 23));
  c += " hours ago\n";
  c += Pick(kOpeners, rng);
  c += ' ';
  c += Pick(kBodies, rng);
  c += ". ";
  c += Pick(kClosers, rng);
  c += " ";
  c += std::to_string(rng.Between(0, 120));
  c += " likes · Reply";
  return c;
}

// ---- Our own filler for stitched texts. --------------------------------------------------------

constexpr std::string_view kFillIntros[] = {
    "Meanwhile,",           "In other news,",
    "Elsewhere,",           "According to our own reporting,",
    "As we noted earlier,", "Separately,",
    "For context,",         "Closer to home,",
    "On a related note,",   "Later in the day,",
    "Before the weekend,",  "By late afternoon,"};
constexpr std::string_view kFillSubjects[] = {"our correspondent", "a spokesperson for the desk",
                                              "the editors",       "analysts we spoke to",
                                              "several readers",   "a local historian",
                                              "the weekend team",  "our data reporter",
                                              "a retired teacher", "two volunteers",
                                              "the night shift",   "a visiting lecturer"};
constexpr std::string_view kFillVerbs[] = {
    "pointed out that", "reminded us that", "wrote in to say that", "cautioned that",
    "argued that",      "suggested that",   "noted that",           "recalled that"};
constexpr std::string_view kFillClauses[] = {"the story is still developing",
                                             "few details have been confirmed so far",
                                             "the picture may change by tomorrow",
                                             "earlier reports were incomplete",
                                             "the numbers deserve a closer look",
                                             "nothing has been decided yet",
                                             "similar cases ended very differently",
                                             "the mood on the ground is hard to read",
                                             "public meetings are planned next month",
                                             "the full documents have not been released",
                                             "reactions so far have been mixed",
                                             "the background matters more than the headline",
                                             "readers have asked us to keep following it",
                                             "the official account leaves gaps"};

std::string FillerSentence(Rng& rng) {
  std::string s(Pick(kFillIntros, rng));
  s += ' ';
  s += Pick(kFillSubjects, rng);
  s += ' ';
  s += Pick(kFillVerbs, rng);
  s += ' ';
  s += Pick(kFillClauses, rng);
  s += '.';
  return s;
}

size_t CountWords(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(NormalizeText(text), &tokens);
  return tokens.size();
}

std::string Filler(size_t min_words, Rng& rng) {
  std::string out;
  size_t words = 0;
  while (words < min_words) {
    std::string s = FillerSentence(rng);
    words += CountWords(s);
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

// ---- Word swaps and content-farm rewrites: our own lists. --------------------------------------

constexpr std::string_view kSwapWords[] = {
    "apparently", "marble",  "lantern", "notably", "orchard", "velvet",  "quarterly",
    "brisk",      "harbor",  "nimble",  "granite", "meadow",  "tidal",   "copper",
    "hollow",     "frankly", "lattice", "ember",   "willow",  "pebble",  "canvas",
    "thistle",    "gravel",  "saffron", "cobalt",  "juniper", "ferry",   "quill",
    "brass",      "ripple",  "timber",  "vivid",   "lumber",  "hazel",   "prairie",
    "cinder",     "mosaic",  "tundra",  "anchor",  "falcon",  "spindle", "drizzle"};

struct Rewrite {
  std::string_view from, to;
};
constexpr Rewrite kRewrites[] = {{"Russia", "the Russian Federation"},
                                 {"U.S.", "United States"},
                                 {"Britain", "the United Kingdom"},
                                 {"China", "the People's Republic"},
                                 {"President", "Head of State"},
                                 {"Congress", "the legislature"},
                                 {"said", "stated"},
                                 {"says", "states"},
                                 {"told", "informed"},
                                 {"people", "individuals"},
                                 {"People", "Individuals"},
                                 {"police", "law enforcement officers"},
                                 {"Police", "Law enforcement officers"},
                                 {"government", "administration"},
                                 {"officials", "authorities"},
                                 {"killed", "slain"},
                                 {"children", "youngsters"},
                                 {"help", "assist"},
                                 {"because", "due to the fact that"},
                                 {"company", "firm"},
                                 {"announced", "revealed"},
                                 {"However", "Nevertheless"},
                                 {"important", "crucial"},
                                 {"country", "nation"},
                                 {"more than", "in excess of"},
                                 {"percent", "per cent"},
                                 {"attack", "assault"},
                                 {"began", "commenced"},
                                 {"use", "utilize"},
                                 {"buy", "purchase"},
                                 {"big", "massive"},
                                 {"first time", "very first occasion"}};

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// ---- Units of a text: paragraphs, or sentences when there are few paragraphs. -----------------

struct Range {
  size_t begin, end;
};

std::vector<Range> Paragraphs(std::string_view text) {
  std::vector<Range> out;
  size_t pos = 0, begin = std::string_view::npos, last_nonblank_end = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
    if (blank) {
      if (begin != std::string_view::npos) out.push_back({begin, last_nonblank_end});
      begin = std::string_view::npos;
    } else {
      if (begin == std::string_view::npos) begin = pos + line.find_first_not_of(" \t\r");
      last_nonblank_end = pos + line.find_last_not_of(" \t\r") + 1;
    }
    pos = nl + 1;
  }
  if (begin != std::string_view::npos) out.push_back({begin, last_nonblank_end});
  return out;
}

std::vector<Range> Units(std::string_view text, size_t min_paragraphs) {
  std::vector<Range> units = Paragraphs(text);
  if (units.size() >= min_paragraphs) return units;
  std::vector<SentenceSpan> sentences;
  SplitSentences(text, &sentences);
  if (sentences.size() <= units.size()) return units;
  units.clear();
  for (const SentenceSpan& s : sentences) units.push_back({s.begin, s.end});
  return units;
}

}  // namespace

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::string_view PerturbationName(Perturbation p) {
  switch (p) {
    case Perturbation::kReformat:
      return "reformat";
    case Perturbation::kBoilerplate:
      return "boilerplate";
    case Perturbation::kTruncate:
      return "truncate";
    case Perturbation::kShuffle:
      return "shuffle";
    case Perturbation::kWordSwap:
      return "word-swap";
    case Perturbation::kSubstitute:
      return "substitute";
    case Perturbation::kStitch:
      return "stitch";
  }
  return "?";
}

std::string Reformat(std::string_view text, Rng& rng) {
  const size_t width = static_cast<size_t>(rng.Between(50, 90));
  std::string out;
  bool open_quote = true;
  std::vector<Range> paragraphs = Paragraphs(text);
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    if (p > 0) out += "\n\n";
    std::string_view para =
        text.substr(paragraphs[p].begin, paragraphs[p].end - paragraphs[p].begin);
    size_t column = 0, pos = 0;
    while (pos < para.size()) {
      size_t start = para.find_first_not_of(" \t\r\n", pos);
      if (start == std::string_view::npos) break;
      size_t stop = para.find_first_of(" \t\r\n", start);
      if (stop == std::string_view::npos) stop = para.size();
      std::string word(para.substr(start, stop - start));
      pos = stop;
      std::string styled;
      for (char c : word) {
        if (c == '"') {
          styled += open_quote ? "\u201c" : "\u201d";
          open_quote = !open_quote;
        } else if (c == '\'') {
          styled += "\u2019";
        } else if (p == 0 && c >= 'a' && c <= 'z') {
          styled += static_cast<char>(c - 'a' + 'A');
        } else {
          styled += c;
        }
      }
      if (column > 0 && column + 1 + word.size() > width) {
        out += '\n';
        column = 0;
      } else if (column > 0) {
        out += ' ';
        ++column;
      }
      out += styled;
      column += word.size();
    }
  }
  return out;
}

std::string WrapInBoilerplate(std::string_view text, int site, double target_jaccard,
                              int shingle_words, Rng& rng) {
  const Site& s = kSites[static_cast<size_t>(site) % std::size(kSites)];
  std::string head(s.masthead);
  head += "\n\nPosted by ";
  head += Pick(kAuthors, rng);
  head += " | ";
  head += Pick(kWeekdays, rng);
  head += ' ';
  head += std::to_string(rng.Between(1, 28));
  head += ' ';
  head += Pick(kMonths, rng);
  head += " | ";
  head += std::to_string(rng.Between(2, 12));
  head += " min read\n\n";

  std::string tail = "\n\n";
  tail += s.share;
  tail += "\n\nMore from this site:\n";
  for (int k = rng.Between(2, 4); k > 0; --k) {
    tail += Pick(kTeaserSubjects, rng);
    tail += ' ';
    tail += Pick(kTeaserVerbs, rng);
    tail += ' ';
    tail += Pick(kTeaserObjects, rng);
    tail += '\n';
  }
  tail += "\nComments. Join the conversation and keep it civil.";

  // The text's shingles all stay in the page, so Jaccard = |text| / |page|: add comments until
  // the page's set is large enough, then measure exactly (repeated comment phrases add fewer new
  // shingles than words) and top up.
  const ShingleProfile base = BuildShingleProfile(text, shingle_words);
  std::string comments;
  const double target = std::clamp(target_jaccard, 0.01, 1.0);
  const size_t want_extra =
      static_cast<size_t>(static_cast<double>(base.shingles.size()) * (1 / target - 1));
  size_t words = CountWords(head) + CountWords(tail) + CountWords(s.footer);
  while (words < want_extra) {
    std::string c = CommentLine(rng);
    words += CountWords(c);
    comments += "\n\n";
    comments += c;
  }
  std::string page;
  for (;;) {
    page = head;
    page += text;
    page += tail;
    page += comments;
    page += "\n\n";
    page += s.footer;
    const ShingleProfile wrapped = BuildShingleProfile(page, shingle_words);
    std::vector<ShingleProfile> pair = {base, wrapped};
    if (ComparePair(pair, 0, 1).jaccard <= target) break;
    comments += "\n\n";
    comments += CommentLine(rng);
  }
  return page;
}

std::string Truncate(std::string_view text, double drop_fraction) {
  std::vector<Range> units = Units(text, 4);
  if (units.empty()) return std::string(text);
  const double keep = std::ceil(static_cast<double>(units.size()) * (1 - drop_fraction));
  size_t k = static_cast<size_t>(std::clamp(keep, 1.0, static_cast<double>(units.size())));
  return std::string(text.substr(0, units[k - 1].end));
}

std::string ShuffleParagraphs(std::string_view text, Rng& rng) {
  std::vector<Range> units = Units(text, 3);
  if (units.size() < 2) return std::string(text);
  std::vector<size_t> order(units.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  do {
    for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng.Below(i + 1)]);
  } while (std::is_sorted(order.begin(), order.end()));
  std::string out;
  for (size_t i : order) {
    if (!out.empty()) out += "\n\n";
    out += text.substr(units[i].begin, units[i].end - units[i].begin);
  }
  return out;
}

std::string SwapWords(std::string_view text, int one_in, Rng& rng) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  const uint64_t n = static_cast<uint64_t>(std::max(1, one_in));
  const uint64_t offset = rng.Below(n);
  std::string out;
  size_t copied = 0;
  uint64_t word = 0;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kWord || word++ % n != offset) continue;
    std::string_view old = text.substr(t.begin, t.end - t.begin);
    size_t pick = rng.Below(std::size(kSwapWords));
    if (NormalizeText(old) == kSwapWords[pick]) pick = (pick + 1) % std::size(kSwapWords);
    out.append(text, copied, t.begin - copied);
    out += kSwapWords[pick];
    copied = t.end;
  }
  out.append(text, copied);
  return out;
}

std::string SubstitutePhrases(std::string_view text, double rate, Rng& rng) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    bool at_start = pos == 0 || !IsWordByte(static_cast<unsigned char>(text[pos - 1]));
    const Rewrite* hit = nullptr;
    if (at_start) {
      for (const Rewrite& r : kRewrites) {
        size_t end = pos + r.from.size();
        if (text.compare(pos, r.from.size(), r.from) != 0) continue;
        // "U.S." ends in a dot, so its right edge is the end of the pattern itself.
        if (end < text.size() && IsWordByte(static_cast<unsigned char>(text[end])) &&
            IsWordByte(static_cast<unsigned char>(r.from.back())))
          continue;
        hit = &r;
        break;
      }
    }
    if (hit != nullptr && rng.Chance(rate)) {
      out += hit->to;
      pos += hit->from.size();
    } else if (hit != nullptr) {
      out += hit->from;
      pos += hit->from.size();
    } else {
      out += text[pos++];
    }
  }
  return out;
}

std::string PerturbCopy(Perturbation kind, std::string_view text, int shingle_words, Rng& rng) {
  switch (kind) {
    case Perturbation::kReformat:
      return Reformat(text, rng);
    case Perturbation::kBoilerplate: {
      int site = static_cast<int>(rng.Below(std::size(kSites)));
      return WrapInBoilerplate(text, site, 0.4 + 0.3 * rng.Unit(), shingle_words, rng);
    }
    case Perturbation::kTruncate:
      return Truncate(text, 0.1 + 0.5 * rng.Unit());
    case Perturbation::kShuffle:
      return ShuffleParagraphs(text, rng);
    case Perturbation::kWordSwap: {
      constexpr int kOneIn[] = {8, 12, 20, 40, 80};
      return SwapWords(text, kOneIn[rng.Below(std::size(kOneIn))], rng);
    }
    case Perturbation::kSubstitute:
      return SubstitutePhrases(text, 0.6 + 0.4 * rng.Unit(), rng);
    case Perturbation::kStitch:
      break;
  }
  return std::string(text);
}

StitchedText Stitch(std::span<const uint32_t> ids, std::span<const std::string_view> texts,
                    int min_words, Rng& rng) {
  StitchedText out;
  const size_t need = static_cast<size_t>(std::max(1, min_words));
  out.text = Filler(static_cast<size_t>(rng.Between(20, 60)), rng);
  for (size_t t = 0; t < texts.size(); ++t) {
    const std::string_view src = texts[t];
    std::vector<SentenceSpan> sentences;
    SplitSentences(src, &sentences);
    if (sentences.empty()) continue;
    std::vector<size_t> words(sentences.size());
    for (size_t i = 0; i < sentences.size(); ++i) {
      words[i] = CountWords(src.substr(sentences[i].begin, sentences[i].end - sentences[i].begin));
    }
    const size_t target =
        static_cast<size_t>(rng.Between(static_cast<int>(need), static_cast<int>(3 * need)));
    // A random first sentence from which enough words follow; a few tries, then the first one.
    size_t first = 0, last = 0;
    bool found = false;
    for (int attempt = 0; attempt < 9 && !found; ++attempt) {
      first = attempt < 8 ? rng.Below(sentences.size()) : 0;
      size_t total = 0;
      for (last = first; last < sentences.size() && total < target; ++last) total += words[last];
      found = total >= need;
    }
    if (!found) continue;
    PlantedPassage p;
    p.source = ids[t];
    p.source_begin = sentences[first].begin;
    p.source_end = sentences[last - 1].end;
    const std::string_view passage = src.substr(p.source_begin, p.source_end - p.source_begin);
    p.words = static_cast<uint32_t>(CountWords(passage));
    if (p.words < need) continue;  // sentence word counts can differ from the whole's at joins
    out.text += "\n\n";
    p.begin = static_cast<uint32_t>(out.text.size());
    out.text += passage;
    p.end = static_cast<uint32_t>(out.text.size());
    out.text += "\n\n";
    out.text += Filler(static_cast<size_t>(rng.Between(20, 60)), rng);
    out.passages.push_back(p);
  }
  return out;
}

PlantedCorpus PlantCopies(std::vector<Article> originals, const PlantSpec& spec) {
  PlantedCorpus pc;
  pc.articles = std::move(originals);
  const size_t n = pc.articles.size();
  pc.num_originals = n;
  Rng rng(spec.seed);

  std::vector<uint32_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint32_t>(i);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  const size_t num_copies = std::min(
      n, static_cast<size_t>(std::llround(std::max(0.0, spec.copy_rate) * static_cast<double>(n))));
  std::vector<uint8_t> copied(n, 0);
  constexpr int64_t kDay = 86400;
  for (size_t j = 0; j < num_copies; ++j) {
    const uint32_t src = order[j];
    const Perturbation kind = kCopyPerturbations[j % std::size(kCopyPerturbations)];
    copied[src] = 1;
    Article copy = pc.articles[src];
    copy.id += "~";
    copy.id += PerturbationName(kind);
    copy.source = "planted";
    copy.text = PerturbCopy(kind, pc.articles[src].text, spec.shingle_words, rng);
    if (copy.timestamp) {
      *copy.timestamp += kDay + static_cast<int64_t>(rng.Below(kDay));
      copy.date = FormatIsoDate(*copy.timestamp);
    }
    pc.copies.push_back({static_cast<uint32_t>(pc.articles.size()), src, kind});
    pc.articles.push_back(std::move(copy));
  }
  if (spec.stitches == 0) return pc;

  // Stitch sources: long enough for a passage to be a minority of the text, not copied, and
  // sharing no 20-word run with another input article, so no other article could be the source.
  std::vector<ShingleProfile> profiles(n);
  {
    std::span<const Article> input(pc.articles.data(), n);
    profiles = BuildShingleProfiles(input, spec.shingle_words);
  }
  std::vector<uint8_t> eligible(n, 0);
  for (size_t i = 0; i < n; ++i) {
    eligible[i] =
        !copied[i] && profiles[i].num_words >= 3 * static_cast<uint32_t>(spec.min_passage_words);
  }
  const uint32_t run_words = 20;
  const uint32_t run_shingles = run_words - static_cast<uint32_t>(spec.shingle_words) + 1;
  auto pairs =
      AllOverlappingPairs(profiles, [&](const PairOverlap& o) { return o.shared >= run_shingles; });
  for (const PairOverlap& o : pairs) {
    if (LongestSharedRunWords(profiles[o.a], profiles[o.b]) >= run_words) {
      eligible[o.a] = eligible[o.b] = 0;
    }
  }
  std::vector<uint32_t> pool;
  for (uint32_t i : order) {
    if (eligible[i]) pool.push_back(i);
  }
  size_t next = 0;
  for (size_t s = 0; s < spec.stitches && next + 2 <= pool.size(); ++s) {
    const size_t k = std::min<size_t>(static_cast<size_t>(rng.Between(2, 4)), pool.size() - next);
    std::vector<uint32_t> ids(pool.begin() + next, pool.begin() + next + k);
    next += k;
    std::vector<std::string_view> texts;
    for (uint32_t id : ids) texts.push_back(pc.articles[id].text);
    StitchedText st = Stitch(ids, texts, spec.min_passage_words, rng);
    Article a;
    a.id = pc.articles[ids[0]].id + "~stitch";
    a.source = "planted";
    a.text = std::move(st.text);
    bool dated = true;
    int64_t latest = 0;
    for (uint32_t id : ids) {
      dated = dated && pc.articles[id].timestamp.has_value();
      if (dated) latest = std::max(latest, *pc.articles[id].timestamp);
    }
    if (dated) {
      a.timestamp = latest + kDay;
      a.date = FormatIsoDate(*a.timestamp);
    }
    pc.stitches.push_back({static_cast<uint32_t>(pc.articles.size()), std::move(st.passages)});
    pc.articles.push_back(std::move(a));
  }
  return pc;
}

}  // namespace storyline::testing
