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

namespace storyline {
namespace {

bool StartsUpper(std::string_view w) {
  const auto c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c < 0xC3 || c > 0xDF || w.size() < 2) return false;
  // Latin-1 capitals À..Þ (not ×) and Latin Extended-A even code points: enough for names.
  const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(w[1]) & 0x3Fu);
  return (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0);
}

// A word of a name: capitalised, or an Arabic article glued to one ("al-Assad", "el-Sisi").
bool NameWord(std::string_view w) {
  if (StartsUpper(w)) return true;
  for (std::string_view p : {"al-", "el-", "ad-", "as-", "bin-", "ibn-"}) {
    if (w.size() > p.size() && w.substr(0, p.size()) == p && StartsUpper(w.substr(p.size()))) {
      return true;
    }
  }
  return false;
}

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

// Capitalised words that are no name on their own: calendar words, pronouns and function words
// that open sentences, and generic words of headlines.
bool IsStopName(std::string_view f) {
  static const WordSet kWords = Words(
      "monday tuesday wednesday thursday friday saturday sunday january february march april "
      "may june july august september october november december jan feb mar apr jun jul aug sep "
      "sept oct nov dec i the a an and but or in on at of for to by with from as it he she we "
      "they you his her their this that these those there here if when while after before since "
      "during so yet also not no all some many most more other one two three what who why how "
      "where which however meanwhile earlier later today yesterday tomorrow read update "
      "breaking photo video advertisement related share tags am pm a.m p.m mr mrs ms dr said "
      "says");
  return kWords.count(f) > 0;
}

// Titles and honorifics before a name: dropped from the name, and evidence of a person.
bool IsPersonTitle(std::string_view f) {
  static const WordSet kWords = Words(
      "mr mrs ms miss dr sir dame lord lady president vice prime minister secretary foreign "
      "defence defense interior finance state general gen lt col maj capt sgt adm admiral "
      "commander chief gov governor sen senator rep representative mayor judge justice king "
      "queen prince princess pope rev father sheikh ayatollah chancellor premier ambassador "
      "envoy spokesman spokeswoman director chairman chairwoman ceo leader counterpart deputy "
      "acting former us u.s russian syrian american british french german chinese iranian iraqi "
      "israeli palestinian turkish egyptian saudi officer detective inspector professor prof "
      "coach attorney sergeant district circuit supreme appeals federal magistrate lieutenant "
      "colonel major captain emir crown");
  return kWords.count(f) > 0;
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

// Countries, their demonyms and a few capitals and regions of world news: the place list, and
// demonyms pointing at their country ("Russian" -> "Russia").
struct Gazetteer {
  std::unordered_set<std::string> places;
  std::unordered_map<std::string, std::string> demonym;  // folded demonym -> place name
  Gazetteer() {
    static constexpr std::pair<std::string_view, std::string_view> kCountries[] = {
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
    for (const auto& [country, dem] : kCountries) {
      places.insert(NormalizeText(country));
      demonym.emplace(NormalizeText(dem), std::string(country));
    }
    demonym.emplace("britons", "United Kingdom");
    demonym.emplace("americans", "United States");
    static constexpr std::string_view kOther[] = {
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
    for (std::string_view p : kOther) places.insert(NormalizeText(p));
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

// Appends the capitalised phrases of `text` (titles stripped) to `*out`. A single capitalised
// word that opens a sentence is marked: it is a name only when the story also capitalises it
// inside a sentence.
void ChunkNames(std::string_view text, std::vector<Mention>* out) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  auto raw = [&](size_t k) {
    return text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
  };
  auto opens_sentence = [&](size_t k) {
    size_t i = tokens[k].begin;
    while (i > 0) {
      const char c = text[i - 1];
      if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == '\t' || c == '`') {
        --i;
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0x80) {  // curly quotes, dashes
        while (i > 0 && (static_cast<unsigned char>(text[i - 1]) & 0xC0) == 0x80) --i;
        if (i > 0) --i;
        continue;
      }
      return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '-' || c == '_';
    }
    return true;
  };
  size_t k = 0;
  while (k < tokens.size()) {
    if (tokens[k].kind != TokenKind::kWord || !StartsUpper(raw(k))) {
      ++k;
      continue;
    }
    // A run of capitalised words, with joiners ("of", "al-", "de") between two of them.
    size_t end = k + 1;
    while (end < tokens.size()) {
      if (tokens[end].begin > tokens[end - 1].end + 1) break;  // punctuation between
      const std::string_view w = raw(end);
      // An acronym ends a run and stands alone ("U.N. Syria envoy": U.N., Syria).
      if (!AcronymLetters(raw(end - 1)).empty() &&
          raw(end - 1).find('.') != std::string_view::npos) {
        break;
      }
      if (tokens[end].kind == TokenKind::kWord && NameWord(w)) {
        if (!AcronymLetters(w).empty() && w.find('.') != std::string_view::npos) break;
        ++end;
        continue;
      }
      const std::string f = NormalizeText(w);
      if ((f == "of" || f == "de" || f == "al" || f == "bin" || f == "van" || f == "von" ||
           f == "la" || f == "du" || f == "del") &&
          end + 1 < tokens.size() && tokens[end + 1].kind == TokenKind::kWord &&
          StartsUpper(raw(end + 1)) && tokens[end + 1].begin <= tokens[end].end + 1) {
        end += 2;
        continue;
      }
      break;
    }
    const bool at_open = opens_sentence(k);
    size_t b = k;
    bool person = false;
    // Titles and opening function words are dropped from the front.
    while (b < end) {
      const std::string f = NormalizeText(raw(b));
      std::string f_nodot = f;
      if (!f_nodot.empty() && f_nodot.back() == '.') f_nodot.pop_back();
      if (IsPersonTitle(f_nodot) && b + 1 < end && !IsOrgWord(NormalizeText(raw(b + 1)))) {
        person = true;
        // "Russian Foreign Minister Sergei Lavrov" still mentions Russia.
        if (Places().demonym.count(f_nodot)) {
          out->push_back(Mention{std::string(raw(b)), f_nodot, false, false});
        }
        ++b;
      } else if (IsStopName(f_nodot)) {
        ++b;
      } else {
        break;
      }
    }
    // Joiners left at the ends are not names.
    size_t e = end;
    while (e > b) {
      const std::string f = NormalizeText(raw(e - 1));
      if (IsStopName(f) || f == "of" || f == "de" || f == "al") {
        --e;
      } else {
        break;
      }
    }
    if (e > b) {
      std::string display(text.substr(tokens[b].begin, tokens[e - 1].end - tokens[b].begin));
      if (display.size() > 2 && (display.compare(display.size() - 2, 2, "'s") == 0)) {
        display.resize(display.size() - 2);
      }
      if (display.size() > 4 && display.compare(display.size() - 4, 4, "\xE2\x80\x99s") == 0) {
        display.resize(display.size() - 4);
      }
      const bool single = e - b == 1;
      const bool opening_single = single && b == k && at_open;
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

std::vector<StoryEntity> StoryEntities(std::span<const Article> articles,
                                       std::span<const uint32_t> members, size_t max_entities) {
  const Gazetteer& gaz = Places();
  const std::vector<uint32_t> outlet_of = summarize::WitnessIds(articles, members);
  // Every mention of the bodies and titles, once; then the names seen inside sentences admit
  // the sentence-opening ones.
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
      // Titles capitalise every word: only names also seen in the bodies count there.
      const bool title = part == 0;
      for (Mention& mn : found[2 * m + static_cast<size_t>(part)]) {
        std::string& key = mn.folded;
        if ((title || mn.opening_single) && !known.count(key)) continue;
        // Demonyms name their country ("Russian officials" -> Russia).
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
  // Alias merging: an acronym into the phrase whose initials it spells ("U.S." -> "United
  // States"); a single word into the one longer name ending with it ("Kerry" -> "John Kerry",
  // "Assad" -> "Bashar al-Assad"), when exactly one does.
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
  for (size_t i = 0; i < cands.size(); ++i) {
    Candidate& c = cands[i];
    if (c.words != 1) continue;
    const std::string key = NormalizeText(c.display);
    const std::string letters = AcronymLetters(c.display);
    if (letters.empty() && gaz.places.count(key)) continue;  // "Syria" is no one's surname
    // The longer names it abbreviates; the most mentioned wins when it leads ("Lavrov" ->
    // "Sergei Lavrov" over a rarer "Sergey Lavrov"), ties merge nothing.
    const auto& map = letters.empty() ? by_last : by_initials;
    auto found = map.find(letters.empty() ? key : letters);
    if (found == map.end()) continue;
    int32_t target = -1;
    int best = 0, second = 0;
    for (int32_t j : found->second) {
      if (cands[static_cast<size_t>(j)].mentions > best) {
        second = best;
        best = cands[static_cast<size_t>(j)].mentions;
        target = j;
      } else {
        second = std::max(second, cands[static_cast<size_t>(j)].mentions);
      }
    }
    if (target >= 0 && best > second) c.merged_into = target;
  }
  for (size_t i = 0; i < cands.size(); ++i) {
    Candidate& c = cands[i];
    if (c.merged_into < 0) continue;
    Candidate& t = cands[static_cast<size_t>(c.merged_into)];
    for (const auto& [form, n] : c.forms) t.forms[form] += n;
    for (uint32_t o : c.outlets) t.outlets.insert(o);
    t.mentions += c.mentions;
    t.person_evidence += c.person_evidence;
  }
  std::vector<StoryEntity> out;
  for (const Candidate& c : cands) {
    if (c.merged_into >= 0) continue;
    StoryEntity e;
    e.name = c.display;
    e.outlets = static_cast<int>(c.outlets.size());
    e.mentions = c.mentions;
    for (const auto& [form, n] : c.forms) {
      if (form != c.display) e.aliases.push_back(form);
    }
    const std::string key = NormalizeText(c.display);
    bool org = AllUpper(c.display);
    for (size_t p = 0, q; p <= key.size(); p = q + 1) {
      q = key.find(' ', p);
      if (q == std::string::npos) q = key.size();
      org |= IsOrgWord(key.substr(p, q - p));
    }
    bool place_word = false;
    for (size_t p = 0, q; p <= key.size(); p = q + 1) {
      q = key.find(' ', p);
      if (q == std::string::npos) q = key.size();
      place_word |= IsPlaceWord(key.substr(p, q - p));
    }
    const std::string first = key.substr(0, key.find(' '));
    if (gaz.places.count(key)) {
      e.kind = EntityKind::kPlace;
    } else if (org) {
      e.kind = EntityKind::kOrganization;
    } else if (place_word) {
      e.kind = EntityKind::kPlace;
    } else if (c.person_evidence > 0 || (c.words >= 2 && IsGivenName(first))) {
      e.kind = EntityKind::kPerson;
    } else {
      e.kind = EntityKind::kOther;
    }
    out.push_back(std::move(e));
  }
  // Ranked by outlets, then mentions, then name; a name mentioned once by one outlet of many is
  // noise.
  const size_t outlets = outlet_of.empty() ? 0 : *std::max_element(outlet_of.begin(), outlet_of.end()) + 1;
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const StoryEntity& e) { return outlets > 1 && e.mentions < 2; }),
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
