// Key people, organisations and places of a story, without a trained model: capitalised-phrase
// chunking, a stop-list, title and acronym handling, alias merging, and small word lists for
// kinds (storyline/summarize.h).

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "storyline/summarize.h"
#include "storyline/text.h"
#include "summarize/witness.h"
#include "text/names.h"

namespace storyline {
namespace {

bool AllUpper(std::string_view w) {
  int letters = 0;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}

// A word list as a hash set, built once from one space-separated literal (the views point into
// it).
using WordSet = std::unordered_set<std::string_view>;
WordSet Words(std::string_view list) {
  WordSet out;
  for (size_t b = 0; b < list.size();) {
    size_t e = list.find(' ', b);
    if (e == std::string_view::npos) e = list.size();
    if (e > b) out.insert(list.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

// Words that make a phrase an organisation.
bool IsOrgWord(std::string_view f) {
  static const WordSet kWords = Words(
      "ministry department party council agency bank company corp corporation inc ltd group "
      "university college committee commission army forces force navy organization organisation "
      "union association court government parliament congress senate assembly office institute "
      "foundation fund church times post news network channel service services authority board "
      "federation league club team airlines airways police administration cabinet embassy "
      "regime coalition movement front brigade brigades state nations house pentagon kremlin "
      "guard hospital school reuters tv press television radio exchange fbi cia nato un u.n eu "
      "opec who imf isis isil daesh hezbollah hamas taliban al-qaeda al-nusra local transit "
      "health research frontiers labs laboratories systems industries holdings partners media "
      "review journal savings trust capital securities insurance motors energy");
  return kWords.count(f) > 0;
}

// Words that make a phrase a place ("Marlow River", "Canal Street", "Kent County").
bool IsPlaceWord(std::string_view f) {
  static const WordSet kWords = Words(
      "river falls street st road rd avenue ave boulevard county city town village lake "
      "mountain mountains mount island islands bay valley park square bridge province region "
      "district port point beach hill hills heights harbor harbour coast sea ocean gulf strait "
      "peninsula desert forest canyon creek airport station highway plaza border republic "
      "kingdom state states");
  return kWords.count(f) > 0;
}

// Given names common in news: a phrase opening with one is a person ("Gerald Voss").
bool IsGivenName(std::string_view f) {
  static const WordSet kWords = Words(
      "john james robert michael william david richard joseph thomas charles daniel matthew "
      "anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald "
      "edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott "
      "brandon benjamin samuel gregory frank alexander raymond patrick jack dennis jerry tyler "
      "aaron henry peter walter gerald harold carl arthur roger keith jeremy terry lawrence "
      "sean christian albert joe ethan austin jesse willie billy bruce ralph roy eugene louis "
      "philip bobby johnny mary patricia jennifer linda elizabeth barbara susan jessica sarah "
      "karen nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy "
      "carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela "
      "shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel "
      "carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria "
      "kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha "
      "gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia "
      "grace denise amber doris marilyn danielle beverly isabella theresa diana natalie "
      "brittany charlotte marie kayla alexis lori elena paula ingrid farah vladimir sergei "
      "sergey dmitry boris mikhail igor ivan nikolai alexei mohammed muhammad ahmed ali hassan "
      "hussein omar abdullah bashar recep xi li wang kim shinzo emmanuel francois pierre "
      "jacques nicolas hans klaus wolfgang jose juan carlos luis miguel pedro antonio giuseppe "
      "giovanni marco luca yitzhak ariel narendra rahul staffan ban kofi hun norodom ehud "
      "yasser mahmoud hosni saddam osama slobodan bill hillary barack mitch al newt tony gordon "
      "helmut gerhard jiang zhu deng mao fidel raul hugo nelson cyril");
  return kWords.count(f) > 0;
}

// Countries and their demonyms.
constexpr std::pair<std::string_view, std::string_view> kCountries[] = {
    {"Afghanistan", "Afghan"},
    {"Albania", "Albanian"},
    {"Algeria", "Algerian"},
    {"Argentina", "Argentine"},
    {"Armenia", "Armenian"},
    {"Australia", "Australian"},
    {"Austria", "Austrian"},
    {"Azerbaijan", "Azerbaijani"},
    {"Bahrain", "Bahraini"},
    {"Bangladesh", "Bangladeshi"},
    {"Belarus", "Belarusian"},
    {"Belgium", "Belgian"},
    {"Bolivia", "Bolivian"},
    {"Bosnia", "Bosnian"},
    {"Brazil", "Brazilian"},
    {"Bulgaria", "Bulgarian"},
    {"Cambodia", "Cambodian"},
    {"Canada", "Canadian"},
    {"Chile", "Chilean"},
    {"China", "Chinese"},
    {"Colombia", "Colombian"},
    {"Croatia", "Croatian"},
    {"Cuba", "Cuban"},
    {"Cyprus", "Cypriot"},
    {"Denmark", "Danish"},
    {"Egypt", "Egyptian"},
    {"Estonia", "Estonian"},
    {"Ethiopia", "Ethiopian"},
    {"Finland", "Finnish"},
    {"France", "French"},
    {"Georgia", "Georgian"},
    {"Germany", "German"},
    {"Greece", "Greek"},
    {"Hungary", "Hungarian"},
    {"India", "Indian"},
    {"Indonesia", "Indonesian"},
    {"Iran", "Iranian"},
    {"Iraq", "Iraqi"},
    {"Ireland", "Irish"},
    {"Israel", "Israeli"},
    {"Italy", "Italian"},
    {"Japan", "Japanese"},
    {"Jordan", "Jordanian"},
    {"Kazakhstan", "Kazakh"},
    {"Kenya", "Kenyan"},
    {"Kosovo", "Kosovar"},
    {"Kuwait", "Kuwaiti"},
    {"Latvia", "Latvian"},
    {"Lebanon", "Lebanese"},
    {"Libya", "Libyan"},
    {"Lithuania", "Lithuanian"},
    {"Malaysia", "Malaysian"},
    {"Mexico", "Mexican"},
    {"Moldova", "Moldovan"},
    {"Morocco", "Moroccan"},
    {"Myanmar", "Burmese"},
    {"Nepal", "Nepalese"},
    {"Netherlands", "Dutch"},
    {"Nigeria", "Nigerian"},
    {"North Korea", "North Korean"},
    {"Norway", "Norwegian"},
    {"Oman", "Omani"},
    {"Pakistan", "Pakistani"},
    {"Palestine", "Palestinian"},
    {"Peru", "Peruvian"},
    {"Philippines", "Filipino"},
    {"Poland", "Polish"},
    {"Portugal", "Portuguese"},
    {"Qatar", "Qatari"},
    {"Romania", "Romanian"},
    {"Russia", "Russian"},
    {"Saudi Arabia", "Saudi"},
    {"Serbia", "Serbian"},
    {"Singapore", "Singaporean"},
    {"Slovakia", "Slovak"},
    {"Somalia", "Somali"},
    {"South Africa", "South African"},
    {"South Korea", "South Korean"},
    {"Spain", "Spanish"},
    {"Sudan", "Sudanese"},
    {"Sweden", "Swedish"},
    {"Switzerland", "Swiss"},
    {"Syria", "Syrian"},
    {"Taiwan", "Taiwanese"},
    {"Thailand", "Thai"},
    {"Tunisia", "Tunisian"},
    {"Turkey", "Turkish"},
    {"Ukraine", "Ukrainian"},
    {"United Kingdom", "British"},
    {"United States", "American"},
    {"Uzbekistan", "Uzbek"},
    {"Venezuela", "Venezuelan"},
    {"Vietnam", "Vietnamese"},
    {"Yemen", "Yemeni"},
    {"Zimbabwe", "Zimbabwean"},
    {"New Zealand", "New Zealander"},
    {"Sri Lanka", "Sri Lankan"},
    {"Haiti", "Haitian"},
    {"Iceland", "Icelandic"},
    {"Czech Republic", "Czech"},
    {"Slovenia", "Slovenian"}};

// World capitals and regions of world news.
constexpr std::string_view kOtherPlaces[] = {
    "Europe",       "Asia",        "Africa",     "Middle East", "Gulf",     "Balkans",
    "Caucasus",     "Crimea",      "Gaza",       "West Bank",   "Kashmir",  "Chechnya",
    "Kurdistan",    "Aleppo",      "Damascus",   "Homs",        "Raqqa",    "Idlib",
    "Moscow",       "Washington",  "London",     "Paris",       "Berlin",   "Beijing",
    "Tokyo",        "Geneva",      "Brussels",   "Vienna",      "Rome",     "Madrid",
    "Ankara",       "Istanbul",    "Tehran",     "Baghdad",     "Kabul",    "Beirut",
    "Cairo",        "Jerusalem",   "Tel Aviv",   "Riyadh",      "Doha",     "Dubai",
    "New York",     "Los Angeles", "Chicago",    "Kiev",        "Kyiv",     "Minsk",
    "Warsaw",       "Athens",      "Delhi",      "New Delhi",   "Mumbai",   "Islamabad",
    "Seoul",        "Pyongyang",   "Hong Kong",  "Shanghai",    "Sydney",   "Toronto",
    "Ottawa",       "Mexico City", "Havana",     "Caracas",     "Brasilia", "Nairobi",
    "Johannesburg", "Lagos",       "Tripoli",    "Tunis",       "Algiers",  "Amman",
    "Sanaa",        "Phnom Penh",  "Bangkok",    "Jakarta",     "Manila",   "Hanoi",
    "Texas",        "California",  "Florida",    "Scotland",    "Wales",    "England",
    "Sochi",        "Latakia",     "Palmyra",    "Mosul",       "Sinai",    "Siberia",
    "Belgrade",     "Sarajevo",    "Zagreb",     "Bucharest",   "Budapest", "Prague",
    "Stockholm",    "Oslo",        "Copenhagen", "Helsinki",    "Dublin",   "Lisbon",
    "Kuala Lumpur", "Singapore",   "Taipei"};

// Countries, their demonyms and a few capitals and regions of world news: the place list, and
// demonyms pointing at their country ("Russian" -> "Russia").
struct Gazetteer {
  std::unordered_set<std::string> places;
  std::unordered_map<std::string, std::string> demonym;  // folded demonym -> place name
  Gazetteer() {
    for (const auto& [country, dem] : kCountries) {
      places.insert(NormalizeText(country));
      demonym.emplace(NormalizeText(dem), std::string(country));
    }
    demonym.emplace("britons", "United Kingdom");
    demonym.emplace("americans", "United States");

    for (std::string_view p : kOtherPlaces) places.insert(NormalizeText(p));
  }
};

const Gazetteer& Places() {
  static const Gazetteer g;
  return g;
}

// The letters of an acronym ("U.S." -> "US"), or empty when `w` is none.
std::string AcronymLetters(std::string_view w) {
  std::string out;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back(c);
    } else if (c != '.') {
      return {};
    }
  }
  return out.size() >= 2 ? out : std::string();
}

// The initials of a phrase's capitalised words ("United States" -> "US", "Bank of England" ->
// "BE"; "Islamic State" -> "IS").
std::string Initials(std::string_view phrase) {
  std::string out;
  bool start = true;
  for (char c : phrase) {
    if (c == ' ') {
      start = true;
      continue;
    }
    if (start && c >= 'A' && c <= 'Z') out.push_back(c);
    start = false;
  }
  return out;
}

struct Mention {
  std::string display;  // as written, title and possessive stripped
  std::string folded;   // NormalizeText(display)
  bool person_evidence = false;
  bool opening_single = false;  // one word opening a sentence: a name only if seen elsewhere
};

struct Candidate {
  std::string display;  // the most frequent written form
  std::map<std::string, int> forms;
  std::unordered_set<uint32_t> outlets;
  int mentions = 0;
  int person_evidence = 0;
  int words = 1;
  int32_t merged_into = -1;
};

// True when the folded word (a final dot dropped) is a title or a nationality written before a
// name ("Secretary", "Gen.", "Russian Foreign Minister ..."): dropped from the name, and evidence
// of a person.
bool IsNamePrefix(const std::string& f) {
  return text::IsPersonTitle(f) || Places().demonym.count(f) > 0 || f == "us" || f == "u.s";
}

// NormalizeText of a word without a final dot ("Gen." -> "gen").
std::string FoldWord(std::string_view w) {
  std::string f = NormalizeText(w);
  if (!f.empty() && f.back() == '.') f.pop_back();
  return f;
}

// The end of the run of capitalised words that starts at token k, with joiners ("of", "al",
// "de") between two of them; an acronym ends a run and stands alone ("U.N. Syria envoy": U.N.,
// Syria).
size_t RunEnd(std::string_view text, const std::vector<Token>& tokens, size_t k) {
  auto raw = [&](size_t i) {
    return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  };
  auto dotted_acronym = [&](std::string_view w) {
    return !AcronymLetters(w).empty() && w.find('.') != std::string_view::npos;
  };
  size_t end = k + 1;
  while (end < tokens.size()) {
    if (tokens[end].begin > tokens[end - 1].end + 1) break;  // punctuation between
    if (dotted_acronym(raw(end - 1))) break;
    const std::string_view w = raw(end);
    if (tokens[end].kind == TokenKind::kWord && text::IsNameWord(w)) {
      if (dotted_acronym(w)) break;
      ++end;
      continue;
    }
    if (text::IsNameJoiner(NormalizeText(w)) && end + 1 < tokens.size() &&
        tokens[end + 1].kind == TokenKind::kWord && text::StartsWithCapital(raw(end + 1)) &&
        tokens[end + 1].begin <= tokens[end].end + 1) {
      end += 2;
      continue;
    }
    break;
  }
  return end;
}

// Appends the capitalised phrases of `text` (titles stripped) to `*out`. A single capitalised
// word that opens a sentence is marked: it is a name only when the story also capitalises it
// inside a sentence.
void ChunkNames(std::string_view text, std::vector<Mention>* out) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  auto raw = [&](size_t i) {
    return text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  };
  size_t k = 0;
  while (k < tokens.size()) {
    if (tokens[k].kind != TokenKind::kWord || !text::StartsWithCapital(raw(k))) {
      ++k;
      continue;
    }
    const size_t end = RunEnd(text, tokens, k);
    size_t b = k;
    bool person = false;
    // Titles and opening function words are dropped from the front.
    for (; b < end; ++b) {
      const std::string f = FoldWord(raw(b));
      if (IsNamePrefix(f) && b + 1 < end && !IsOrgWord(NormalizeText(raw(b + 1)))) {
        person = true;
        // "Russian Foreign Minister Sergei Lavrov" still mentions Russia.
        if (Places().demonym.count(f))
          out->push_back(Mention{std::string(raw(b)), f, false, false});
      } else if (!text::IsStopName(f)) {
        break;
      }
    }
    // Joiners and stop names left at the end are not names.
    size_t e = end;
    while (e > b) {
      const std::string f = NormalizeText(raw(e - 1));
      if (!text::IsStopName(f) && !text::IsNameJoiner(f)) break;
      --e;
    }
    if (e > b) {
      std::string display(
          text::StripPossessive(text.substr(tokens[b].begin, tokens[e - 1].end - tokens[b].begin)));
      const bool opening_single =
          e - b == 1 && b == k && text::OpensSentence(text, tokens[k].begin);
      std::string folded = NormalizeText(display);
      // "Said" after a name is person evidence ("Kerry said").
      if (e < tokens.size() && raw(e) == "said") person = true;
      out->push_back(Mention{std::move(display), std::move(folded), person, opening_single});
    }
    k = end;
  }
}

}  // namespace

const char* EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kPerson:
      return "person";
    case EntityKind::kOrganization:
      return "organization";
    case EntityKind::kPlace:
      return "place";
    case EntityKind::kOther:
      break;
  }
  return "other";
}

namespace {

// Every mention of the bodies and titles, then the candidates they make: a name seen inside
// sentences admits its sentence-opening mentions, titles (which capitalise every word) count
// only names the bodies have, and demonyms name their country ("Russian officials" -> Russia).
std::vector<Candidate> CollectCandidates(std::span<const Article> articles,
                                         std::span<const uint32_t> members,
                                         const std::vector<uint32_t>& outlet_of) {
  const Gazetteer& gaz = Places();
  std::vector<std::vector<Mention>> found(2 * members.size());
  std::unordered_set<std::string> known;
  for (size_t m = 0; m < members.size(); ++m) {
    const Article& art = articles[members[m]];
    ChunkNames(art.title, &found[2 * m]);
    ChunkNames(art.text, &found[2 * m + 1]);
    for (const Mention& mn : found[2 * m + 1]) {
      if (!mn.opening_single) known.insert(mn.folded);
    }
  }
  std::vector<Candidate> cands;
  std::unordered_map<std::string, int32_t> index;
  for (size_t m = 0; m < members.size(); ++m) {
    for (int part = 0; part < 2; ++part) {
      const bool title = part == 0;
      for (Mention& mn : found[2 * m + static_cast<size_t>(part)]) {
        std::string& key = mn.folded;
        if ((title || mn.opening_single) && !known.count(key)) continue;
        if (auto d = gaz.demonym.find(key); d != gaz.demonym.end()) {
          mn.display = d->second;
          key = NormalizeText(mn.display);
        }
        if (key.size() < 2) continue;
        auto [it, fresh] = index.try_emplace(key, static_cast<int32_t>(cands.size()));
        if (fresh) cands.emplace_back();
        Candidate& c = cands[static_cast<size_t>(it->second)];
        ++c.forms[mn.display];
        c.outlets.insert(outlet_of[m]);
        ++c.mentions;
        c.person_evidence += mn.person_evidence;
        c.words = static_cast<int>(std::count(key.begin(), key.end(), ' ') + 1);
      }
    }
  }
  for (Candidate& c : cands) {
    int best = -1;
    for (const auto& [form, n] : c.forms) {
      if (n > best) {
        best = n;
        c.display = form;
      }
    }
  }
  return cands;
}

// Alias merging: an acronym into the phrase whose initials it spells ("U.S." -> "United
// States"); a single word into the one longer name ending with it ("Kerry" -> "John Kerry",
// "Assad" -> "Bashar al-Assad"). The most mentioned longer name wins when it leads ("Lavrov" ->
// "Sergei Lavrov" over a rarer "Sergey Lavrov"); ties merge nothing.
void MergeAliases(std::vector<Candidate>* cands_ptr) {
  std::vector<Candidate>& cands = *cands_ptr;
  auto folded_last = [](const std::string& display) {
    std::string f = NormalizeText(display);
    const size_t sp = f.find_last_of(" -");
    return sp == std::string::npos ? f : f.substr(sp + 1);
  };
  // The longer names by their last word and by their initials, built once (linear, not a pass
  // over every name for every single word).
  std::unordered_map<std::string, std::vector<int32_t>> by_last, by_initials;
  for (size_t j = 0; j < cands.size(); ++j) {
    if (cands[j].words < 2) continue;
    by_last[folded_last(cands[j].display)].push_back(static_cast<int32_t>(j));
    by_initials[Initials(cands[j].display)].push_back(static_cast<int32_t>(j));
  }
  const Gazetteer& gaz = Places();
  for (Candidate& c : cands) {
    if (c.words != 1) continue;
    const std::string key = NormalizeText(c.display);
    const std::string letters = AcronymLetters(c.display);
    if (letters.empty() && gaz.places.count(key)) continue;  // "Syria" is no one's surname
    const auto& map = letters.empty() ? by_last : by_initials;
    auto found = map.find(letters.empty() ? key : letters);
    if (found == map.end()) continue;
    int32_t target = -1;
    int best = 0, second = 0;
    for (int32_t j : found->second) {
      const int mentions = cands[static_cast<size_t>(j)].mentions;
      if (mentions > best) {
        second = best;
        best = mentions;
        target = j;
      } else {
        second = std::max(second, mentions);
      }
    }
    if (target >= 0 && best > second) c.merged_into = target;
  }
  for (Candidate& c : cands) {
    if (c.merged_into < 0) continue;
    Candidate& t = cands[static_cast<size_t>(c.merged_into)];
    for (const auto& [form, n] : c.forms) t.forms[form] += n;
    for (uint32_t o : c.outlets) t.outlets.insert(o);
    t.mentions += c.mentions;
    t.person_evidence += c.person_evidence;
  }
}

// True when a word of the space-separated `key` satisfies `pred`.
template <typename Pred>
bool AnyWord(std::string_view key, Pred pred) {
  for (size_t p = 0, q; p <= key.size(); p = q + 1) {
    q = key.find(' ', p);
    if (q == std::string_view::npos) q = key.size();
    if (pred(key.substr(p, q - p))) return true;
  }
  return false;
}

// The kind of a name: a known place, an organisation (all capitals, or an organisation word),
// a place word ("Marlow River"), a person (evidence, or a given name opening two words), else
// other.
EntityKind KindOf(const Candidate& c) {
  const std::string key = NormalizeText(c.display);
  if (Places().places.count(key)) return EntityKind::kPlace;
  if (AllUpper(c.display) || AnyWord(key, IsOrgWord)) return EntityKind::kOrganization;
  if (AnyWord(key, IsPlaceWord)) return EntityKind::kPlace;
  if (c.person_evidence > 0 || (c.words >= 2 && IsGivenName(key.substr(0, key.find(' '))))) {
    return EntityKind::kPerson;
  }
  return EntityKind::kOther;
}

}  // namespace

std::vector<StoryEntity> StoryEntities(std::span<const Article> articles,
                                       std::span<const uint32_t> members, size_t max_entities) {
  const std::vector<uint32_t> outlet_of = summarize::WitnessIds(articles, members);
  std::vector<Candidate> cands = CollectCandidates(articles, members, outlet_of);
  MergeAliases(&cands);
  std::vector<StoryEntity> out;
  for (const Candidate& c : cands) {
    if (c.merged_into >= 0) continue;
    StoryEntity e;
    e.name = c.display;
    e.kind = KindOf(c);
    e.outlets = static_cast<int>(c.outlets.size());
    e.mentions = c.mentions;
    for (const auto& [form, n] : c.forms) {
      if (form != c.display) e.aliases.push_back(form);
    }
    out.push_back(std::move(e));
  }
  // Ranked by outlets, then mentions, then name; a name mentioned once by one outlet of many is
  // noise.
  const uint32_t witnesses =
      outlet_of.empty() ? 0 : *std::max_element(outlet_of.begin(), outlet_of.end()) + 1;
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const StoryEntity& e) { return witnesses > 1 && e.mentions < 2; }),
            out.end());
  std::sort(out.begin(), out.end(), [](const StoryEntity& x, const StoryEntity& y) {
    if (x.outlets != y.outlets) return x.outlets > y.outlets;
    if (x.mentions != y.mentions) return x.mentions > y.mentions;
    return x.name < y.name;
  });
  if (out.size() > max_entities) out.resize(max_entities);
  return out;
}

}  // namespace storyline
