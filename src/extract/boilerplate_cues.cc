#include "extract/boilerplate_cues.h"

#include "extract/tuning.h"

#include <array>
#include <vector>

namespace storyline::extract {
namespace {

constexpr uint16_t kStrong = kStrongCue;
constexpr uint16_t kAction = kActionCue;
constexpr uint16_t kCredit = kCreditCue;
constexpr uint16_t kPosition = kPositionCue;
constexpr uint16_t kPlaceholder = kPlaceholderCue;
constexpr uint16_t kAddress = kAddressCue;
constexpr uint16_t kLabel = kLabelCue;
constexpr uint16_t kLead = kLeadCue;
constexpr uint16_t kComment = kCommentHeaderCue;
constexpr uint16_t kPageLabel = kPageLabelCue;
constexpr uint16_t kWhole = kWholeLabelCue;
constexpr uint16_t kCaption = kCaptionCreditCue;
constexpr uint16_t kSoftAction = kSoftActionCue;

// English unless marked; German (de), French (fr), Spanish and Portuguese (es/pt), Polish (pl).
constexpr BoilerplateCue kCues[] = {
    // ---- Comment forms and comment sections ----
    {"commenting using", kStrong},
    {"fill in your details", kStrong},
    {"notify me of new", kStrong},
    {"notify me of follow-up", kStrong},
    {"leave a reply", kStrong | kComment},
    {"leave a comment", kStrong | kComment},
    {"commenting rules", kStrong},
    {"comment policy", kStrong},
    {"comments policy", kStrong},
    {"commenting policy", kStrong},
    {"bloggers like this", kStrong},
    {"reblogged this on", kStrong},
    {"email address will not be published", kStrong},
    {"required fields are marked", kStrong},
    {"save my name, email", kStrong},
    {"comments are closed", kStrong | kComment},
    {"log in to comment", kStrong},
    {"log in to post", kStrong},
    {"login to comment", kStrong},
    {"sign in to comment", kStrong},
    {"must be logged in to", kStrong},
    {"to post a comment", kStrong},
    {"email (required)", kStrong},
    {"name (required)", kStrong},
    {"mail (will not be published)", kStrong},
    {"post a comment", kComment},
    {"add a comment", kComment},
    {"add comment", kComment},
    {"join the discussion", kComment},
    {"join the conversation", kComment},
    {"show comments", kComment},
    {"view comments", kComment},
    {"load comments", kComment},
    {"reader comments", kComment},
    {"readers' comments", kComment},
    {"discuss this", kComment},

    // ---- Banners, syndication notes, site furniture ----
    {"all rights reserved", kStrong},
    {"alle angaben ohne gewähr", kStrong},  // de
    {"we use cookies", kStrong},
    {"this site uses cookies", kStrong},
    {"this website uses cookies", kStrong},
    {"by continuing to use this", kStrong},
    {"by continuing to browse", kStrong},
    {"by using this site", kStrong},
    {"by using our site", kStrong},
    {"subscribe to our", kStrong},
    {"sign up for our", kStrong},
    {"sign up to our", kStrong},
    {"sign up to receive", kStrong},
    {"subscribe now", kStrong},
    {"follow us on", kStrong},
    {"follow us at", kStrong},
    {"like us on facebook", kStrong},
    {"find us on facebook", kStrong},
    {"click here", kStrong},
    {"share this article", kStrong},
    {"share this story", kStrong},
    {"share this post", kStrong},
    {"share this:", kStrong},
    {"share on facebook", kStrong},
    {"share on twitter", kStrong},
    {"tweet this", kStrong},
    {"print this article", kStrong},
    {"print this page", kStrong},
    {"email this article", kStrong},
    {"email this story", kStrong},
    {"continue reading below", kStrong},
    {"continue reading the main story", kStrong},
    {"click to share", kStrong},
    {"opens in new window", kStrong},
    {"enable javascript", kStrong},
    {"javascript is disabled", kStrong},
    {"your browser does not support", kStrong},
    {"can also be accessed", kStrong},
    {"this article was originally published", kStrong},
    {"this story was originally published", kStrong},
    {"this post was originally published", kStrong},
    {"this article originally appeared", kStrong},
    {"this story originally appeared", kStrong},
    {"this article first appeared", kStrong},
    {"this story first appeared", kStrong},
    {"this story has been updated", kStrong},
    {"this article has been updated", kStrong},
    {"views expressed in this", kStrong},
    {"opinions expressed in this", kStrong},
    {"support our journalism", kStrong},
    {"support independent journalism", kStrong},
    {"become a patron", kStrong},
    {"donate now", kStrong},
    {"download the app", kStrong},
    {"download our app", kStrong},
    {"get the app", kStrong},
    {"get our app", kStrong},
    {"skip to content", kStrong},
    {"skip to main content", kStrong},
    {"back to top", kStrong},
    {"go ad-free", kStrong},
    {"was this article helpful", kStrong},

    // ---- Calls to action and widget phrases ----
    {"ad-free", kSoftAction},
    {"subscribe", kAction | kLead},
    {"support us", kSoftAction | kLead},
    {"sign up", kAction | kLead},
    {"sign-up", kSoftAction},
    {"log in", kAction},
    {"sign in", kPageLabel},
    {"follow us", kAction | kLead},
    {"share this", kAction | kLead},
    {"share on", kPageLabel},
    {"read more", kAction | kLead},
    {"continue reading", kSoftAction},
    {"sponsored content", kSoftAction},
    {"paid content", kSoftAction},
    {"partner content", kSoftAction},
    {"newsletter", kAction, kOpenEnd},
    {"cookie", kAction, kOpenEnd},
    {"email address", kAction},
    {"required fields", kAction},
    {"advertisement", kAction | kLead | kWhole},
    {"if you enjoyed", kPageLabel},
    {"did you like", kPageLabel},
    {"mehr lesen", kPageLabel},        // de
    {"weiterlesen", kPageLabel},       // de
    {"abonnieren", kPageLabel},        // de
    {"artikel teilen", kPageLabel},    // de
    {"wie bewerten sie", kPageLabel},  // de
    {"könnte sie auch", kPageLabel},   // de
    {"en savoir plus", kPageLabel},    // fr
    {"leer más", kPageLabel},          // es
    {"udostępnij", kPageLabel},        // pl

    // ---- Labels that open a line ----
    {"tags:", kLabel},
    {"tags :", kLabel},
    {"tag:", kLabel},
    {"tagged:", kLabel},
    {"filed under:", kLabel},
    {"filed in:", kLabel},
    {"categories:", kLabel},
    {"category:", kLabel},
    {"topics:", kLabel},
    {"keywords:", kLabel},
    {"related:", kLabel | kAction},
    {"read more:", kLabel},
    {"read also:", kLabel},
    {"see also:", kLabel},
    {"also read:", kLabel},
    {"more:", kLabel},
    {"photo:", kLabel | kCaption},
    {"photos:", kLabel | kCaption},
    {"image:", kLabel | kAction},
    {"picture:", kLabel},
    {"video:", kLabel},
    {"watch:", kLabel},
    {"listen:", kLabel},
    {"audio:", kLabel},
    {"credit:", kLabel | kCaption},
    {"credits:", kLabel},
    {"photo credit:", kLabel},
    {"source:", kLabel},
    {"sources:", kLabel},
    {"published:", kLabel},
    {"updated:", kLabel},
    {"last updated:", kLabel},
    {"last modified:", kLabel},
    {"posted:", kLabel},
    {"recommended:", kLabel},
    {"advertisement:", kLabel},
    {"sponsored:", kLabel},
    {"share:", kLabel},
    {"follow:", kLabel},
    {"print:", kLabel},
    {"email:", kLabel},
    {"previous:", kLabel},
    {"next:", kLabel},
    {"contact:", kLabel},
    {"kontakt:", kLabel},            // de, pl
    {"pressekontakt:", kLabel},      // de
    {"quelle:", kLabel | kCaption},  // de
    {"themen:", kLabel},             // de
    {"foto:", kLabel | kCaption},    // de, es, pl
    {"fotos:", kLabel | kCaption},   // de, es
    {"bild:", kLabel | kCaption},    // de

    // ---- Phrases that open a line that is not a sentence ----
    {"tagged with", kLead},
    {"tagged in", kLead},
    {"filed under", kLead},
    {"related articles", kLead},
    {"related stories", kLead},
    {"related posts", kLead},
    {"related news", kLead},
    {"related coverage", kLead},
    {"related content", kLead},
    {"related topics", kLead},
    {"related links", kLead},
    {"read also", kLead},
    {"read next", kLead},
    {"also read", kLead},
    {"also see", kLead},
    {"see also", kLead},
    {"more on this", kLead},
    {"like us", kLead},
    {"sponsored", kLead},
    {"promoted", kLead},
    {"(c)", kLead},
    {"posted by", kLead},
    {"posted on", kLead},
    {"posted in", kLead},
    {"published by", kLead},
    {"published on", kLead},
    {"last updated", kLead},
    {"skip to", kLead},
    {"jump to", kLead},
    {"previous article", kLead},
    {"next article", kLead},
    {"previous post", kLead},
    {"next post", kLead},
    {"previous story", kLead},
    {"next story", kLead},
    {"you are here", kLead},
    {"about the author", kLead},
    {"contact us", kLead},
    {"terms of use", kLead},
    {"terms of service", kLead},
    {"privacy policy", kLead},
    {"cookie policy", kLead},
    {"you may also like", kLead},
    {"you might also like", kLead},
    {"recommended for you", kLead},
    {"more from", kLead},
    {"more stories", kLead},
    {"more news", kLead},
    {"most popular", kLead},
    {"most read", kLead},
    {"trending now", kLead},
    {"print this", kLead},
    {"email this", kLead},
    {"watch the video", kLead},
    {"über den autor", kLead},    // de
    {"weitere artikel", kLead},   // de
    {"mehr zum thema", kLead},    // de
    {"zum thema", kLead},         // de
    {"lesen sie auch", kLead},    // de
    {"lies auch", kLead},         // de
    {"auch interessant", kLead},  // de
    {"lire aussi", kLead},        // fr
    {"à lire aussi", kLead},      // fr
    {"a lire aussi", kLead},      // fr, capital À written without its accent
    {"voir aussi", kLead},        // fr
    {"lea también", kLead},       // es
    {"ver también", kLead},       // es
    {"veja também", kLead},       // pt
    {"leia também", kLead},       // pt
    {"czytaj także", kLead},      // pl
    {"czytaj też", kLead},        // pl
    {"zobacz też", kLead},        // pl
    {"zobacz także", kLead},      // pl

    // ---- Photo credits and agency marks ----
    {"©", kCredit | kLead},
    {"(c) 20", kCredit, kOpenEnd},
    {"(photo by", kCredit},
    {"(photos by", kCredit},
    {"(photo:", kCredit},
    {"(photo)", kCredit},
    {"(file photo)", kCredit},
    {"(image:", kCredit},
    {"(picture:", kCredit},
    {"(pictured)", kCredit},
    {"photo credit", kCredit},
    {"image credit", kCredit},
    {"photo courtesy", kCredit},
    {"courtesy photo", kCredit},
    {"afp photo", kCredit},
    {"reuters photo", kCredit},
    {"ap photo", kCredit},
    {"epa photo", kCredit},
    {"file photo", kCredit},
    {"handout photo", kCredit},
    {"(getty", kCredit},
    {"getty images", kCredit},
    {"/getty", kCredit},
    {"/afp", kCredit},
    {"/reuters", kCredit},
    {"/epa", kCredit},
    {"reuters/", kCredit},
    {"afp/", kCredit},
    {"| afp", kCredit},
    {"| reuters", kCredit},
    {"| getty", kCredit},
    {"photograph:", kCredit},
    {"crédit photo", kCaption},   // fr
    {"archivfoto:", kCaption},    // de
    {"pressefoto:", kCaption},    // de
    {"symbolfoto:", kCaption},    // de
    {"titelfoto:", kCaption},     // de
    {"bildquelle:", kCaption},    // de
    {"fotoquelle:", kCaption},    // de
    {"symbolbild:", kCaption},    // de
    {"titelbild:", kCaption},     // de
    {"beitragsbild:", kCaption},  // de
    {"vorschaubild:", kCaption},  // de

    // ---- Where in the picture ----
    {"(l)", kPosition},
    {"(r)", kPosition},
    {"(l-r)", kPosition},
    {"(r-l)", kPosition},
    {"(l to r)", kPosition},
    {"(left)", kPosition},
    {"(right)", kPosition},
    {"(center)", kPosition},
    {"(centre)", kPosition},
    {"(2nd l)", kPosition},
    {"(2nd r)", kPosition},
    {"(2nd-l)", kPosition},
    {"(2nd-r)", kPosition},
    {"(3rd l)", kPosition},
    {"(3rd r)", kPosition},
    {"(front)", kPosition},
    {"(front l)", kPosition},
    {"(front r)", kPosition},
    {"(back)", kPosition},
    {"(top)", kPosition},
    {"(bottom)", kPosition},
    {"(top l)", kPosition},
    {"(top r)", kPosition},
    {"(bottom l)", kPosition},
    {"(bottom r)", kPosition},
    {"(from left)", kPosition},
    {"(left to right)", kPosition},
    {"(from l)", kPosition},

    // ---- Unfilled placeholders ("Connecting to %s", "%d bloggers like this") ----
    {"%s", kPlaceholder},
    {"%d", kPlaceholder},
    {"{{", kPlaceholder},
    {"}}", kPlaceholder},

    // ---- Web addresses ----
    {"http://", kAddress},
    {"https://", kAddress},
    {"www.", kAddress},

    // ---- Widget labels of web pages ----
    {"comments", kPageLabel},
    {"anzeige", kPageLabel, kOpenBoth},     // de: "Anzeigen", "Stellenanzeige"
    {"werbung", kPageLabel},                // de
    {"kommentar", kPageLabel, kOpenBoth},   // de: "Kommentare", "Leserkommentar"
    {"teilen", kPageLabel},                 // de
    {"schlagworte", kPageLabel},            // de
    {"stichworte", kPageLabel},             // de
    {"hilfreich", kPageLabel},              // de
    {"weitere informationen", kPageLabel},  // de
    {"partager", kPageLabel},               // fr
    {"publicité", kPageLabel},              // fr
    {"relacionad", kPageLabel, kOpenEnd},   // es, pt
    {"compartir", kPageLabel},              // es
    {"publicidad", kPageLabel, kOpenEnd},   // es, pt "publicidade"
    {"reklama", kPageLabel},                // pl
    {"share", kWhole},
    {"tweet", kWhole},
    {"email", kWhole},
    {"print", kWhole},
    {"contact", kWhole},
    {"kontakt", kWhole},  // de, pl
    {"menu", kWhole},
    {"more", kWhole},
    {"mehr", kWhole},  // de
    {"next", kWhole},
    {"previous", kWhole},
    {"weiter", kWhole},  // de
    {"zurück", kWhole},  // de
    {"top", kWhole},
    {"home", kWhole},
};

constexpr bool EveryPhraseOnceWithTwoBytes() {
  for (size_t i = 0; i < std::size(kCues); ++i) {
    if (kCues[i].phrase.size() < 2 || kCues[i].kinds == 0) return false;
    for (size_t j = i + 1; j < std::size(kCues); ++j) {
      if (kCues[i].phrase == kCues[j].phrase) return false;
    }
  }
  return true;
}
// The matcher compares a cue's second byte before the rest; one phrase, one entry.
static_assert(EveryPhraseOnceWithTwoBytes());

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Non-ASCII bytes count as word bytes: letters of other scripts must not end a word.
bool IsWordByte(char c) { return IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

// A phrase ending at `end` of `text` ends on a word boundary (or needs none: its last byte is
// not a letter or digit).
bool EndsOnBoundary(std::string_view text, size_t end, std::string_view phrase) {
  return !IsAsciiAlnum(phrase.back()) || end >= text.size() || !IsWordByte(text[end]);
}

// The cues bucketed by their first two bytes, so one pass over a text tests, at each position,
// only the cues that can start there (one search per cue dominated the CleanText profile, and
// first-byte buckets still compared dozens of cues per word).
class CueMatcher {
 public:
  CueMatcher() : kinds_(kBuckets, 0), begin_(kBuckets + 1, 0) {
    for (const BoilerplateCue& cue : kCues) ++begin_[Bucket(cue.phrase) + 1];
    for (size_t b = 0; b < kBuckets; ++b) begin_[b + 1] += begin_[b];
    cues_.resize(std::size(kCues));
    std::vector<uint32_t> fill(begin_.begin(), begin_.end() - 1);
    for (const BoilerplateCue& cue : kCues) {
      const size_t b = Bucket(cue.phrase);
      cues_[fill[b]++] = &cue;
      kinds_[b] |= cue.kinds;
      open_start_[static_cast<unsigned char>(cue.phrase[0])] |= (cue.edges & kOpenStart) != 0;
    }
  }

  uint16_t Find(std::string_view text, uint16_t kinds, size_t from) const {
    uint16_t found = 0;
    for (size_t i = from; i + 1 < text.size() && found != kinds; ++i) {
      const size_t b = Bucket(text.substr(i, 2));
      if ((kinds_[b] & kinds & ~found) == 0) continue;
      // Inside a word only compound tails can start (most positions end here).
      const bool inside_word = IsAsciiAlnum(text[i]) && i > 0 && IsWordByte(text[i - 1]);
      if (inside_word && !open_start_[static_cast<unsigned char>(text[i])]) continue;
      found |= MatchAt(text, i, kinds & ~found, inside_word, /*whole=*/false);
    }
    return found;
  }

  uint16_t Leading(std::string_view text, uint16_t kinds, bool whole) const {
    return text.size() < 2 ? 0 : MatchAt(text, 0, kinds, /*inside_word=*/false, whole);
  }

 private:
  static constexpr size_t kBuckets = size_t{1} << 16;
  // REQUIRES: s.size() >= 2 (every cue has two bytes: EveryPhraseOnceWithTwoBytes).
  static size_t Bucket(std::string_view s) {
    return static_cast<size_t>(static_cast<unsigned char>(s[0])) << 8 |
           static_cast<unsigned char>(s[1]);
  }

  // The kinds, among `kinds`, of the cues at `pos` (only compound tails when `inside_word`), that
  // end the text when `whole`. REQUIRES: pos + 2 <= text.size().
  uint16_t MatchAt(std::string_view text, size_t pos, uint16_t kinds, bool inside_word,
                   bool whole) const {
    uint16_t found = 0;
    const size_t b = Bucket(text.substr(pos, 2));
    for (uint32_t k = begin_[b]; k < begin_[b + 1]; ++k) {
      const BoilerplateCue* cue = cues_[k];
      const std::string_view p = cue->phrase;
      if ((cue->kinds & kinds) == 0 || p.size() > text.size() - pos) continue;
      if (inside_word && (cue->edges & kOpenStart) == 0) continue;
      if (text.compare(pos + 2, p.size() - 2, p.substr(2)) != 0) continue;
      const size_t end = pos + p.size();
      if (whole ? end != text.size()
                : (cue->edges & kOpenEnd) == 0 && !EndsOnBoundary(text, end, p)) {
        continue;
      }
      found |= cue->kinds & kinds;
    }
    return found;
  }

  std::vector<uint16_t> kinds_;                // per two-byte bucket: the kinds of its cues
  std::vector<uint32_t> begin_;                // per bucket: its cues are cues_[begin_[b]..]
  std::vector<const BoilerplateCue*> cues_;    // by bucket
  std::array<bool, 256> open_start_{};         // per first byte: a compound tail starts with it
};

const CueMatcher& Matcher() {
  static const CueMatcher* const matcher = new CueMatcher();  // never destroyed: no exit order
  return *matcher;
}

}  // namespace

std::span<const BoilerplateCue> BoilerplateCues() { return kCues; }

uint16_t FindCues(std::string_view normalized, uint16_t kinds, size_t from) {
  return Matcher().Find(normalized, kinds, from);
}

uint16_t LeadingCues(std::string_view normalized, uint16_t kinds) {
  return Matcher().Leading(normalized, kinds, /*whole=*/false);
}

uint16_t WholeCues(std::string_view normalized, uint16_t kinds) {
  return Matcher().Leading(normalized, kinds, /*whole=*/true);
}

bool StartsWithWords(std::string_view normalized, std::string_view words) {
  return !words.empty() && normalized.starts_with(words) &&
         EndsOnBoundary(normalized, words.size(), words);
}

bool HasBoilerplateCue(std::string_view normalized) {
  if (FindCues(normalized, kSentenceCueKinds) != 0) return true;
  if (LeadingCues(normalized, kSentenceCreditKinds) != 0) return true;  // "Photo: ..."
  const size_t tail = normalized.size() > kSentenceCreditTailBytes ? normalized.size() - kSentenceCreditTailBytes : 0;
  return FindCues(normalized, kSentenceCreditKinds, tail) != 0;
}

}  // namespace storyline::extract
