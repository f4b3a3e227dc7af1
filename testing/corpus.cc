#include "testing/corpus.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "storyline/ingest.h"

namespace storyline::testing {
namespace {

constexpr const char* kFunctionWords[] = {
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with", "as", "by",
    "at", "from", "his", "her", "their", "it", "an", "were", "are", "which", "this", "be", "has",
    "had", "not", "but", "after", "said", "would", "will", "who", "they", "have", "been", "more",
    "than", "its", "about", "into", "over", "also", "new", "two", "one", "last", "year"};

constexpr const char* kSyllables[] = {
    "ka", "lo", "mer", "dan", "ti", "ver", "so", "ran", "bel", "to", "mi", "nor", "ga", "les",
    "pra", "ton", "vi", "ster", "co", "rin", "al", "de", "fu", "ham", "is", "jor", "ke", "lun",
    "ma", "nes", "or", "pel", "qua", "ros", "sa", "tur", "ul", "vos", "wen", "yar", "zi", "bro"};

std::string MakeWord(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> parts(2, 4);
  std::uniform_int_distribution<size_t> syl(0, std::size(kSyllables) - 1);
  std::string w;
  for (int p = parts(rng); p > 0; --p) w += kSyllables[syl(rng)];
  return w;
}

class Writer {
 public:
  explicit Writer(uint64_t seed) : rng_(seed) {
    vocab_.reserve(20000);
    for (int i = 0; i < 20000; ++i) vocab_.push_back(MakeWord(rng_));
    // Zipf(1.0) over the vocabulary via the cumulative distribution.
    cdf_.resize(vocab_.size());
    double sum = 0;
    for (size_t i = 0; i < vocab_.size(); ++i) cdf_[i] = (sum += 1.0 / (i + 10));
    for (double& c : cdf_) c /= sum;
  }

  std::mt19937_64& rng() { return rng_; }

  std::string Word() {
    std::uniform_real_distribution<double> u(0, 1);
    double x = u(rng_);
    if (x < 0.42) return kFunctionWords[static_cast<size_t>(u(rng_) * std::size(kFunctionWords))];
    double y = u(rng_);
    size_t i = static_cast<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), y) - cdf_.begin());
    return vocab_[std::min(i, vocab_.size() - 1)];
  }

  std::string Sentence(const std::vector<std::string>& topic) {
    std::uniform_int_distribution<int> len(8, 28);
    std::uniform_real_distribution<double> u(0, 1);
    int n = len(rng_);
    std::string s;
    for (int i = 0; i < n; ++i) {
      std::string w = !topic.empty() && u(rng_) < 0.12 ? topic[rng_() % topic.size()] : Word();
      if (i == 0) w[0] = static_cast<char>(w[0] - 'a' + 'A');
      if (!s.empty()) s += (i > 2 && u(rng_) < 0.06) ? ", " : " ";
      s += w;
    }
    return s + ".";
  }

  std::string Article(size_t words, const std::vector<std::string>& topic) {
    std::string text;
    size_t count = 0;
    std::uniform_int_distribution<int> sentences(2, 5);
    while (count < words) {
      if (!text.empty()) text += "\n\n";
      for (int k = sentences(rng_); k > 0 && count < words; --k) {
        std::string s = Sentence(topic);
        count += static_cast<size_t>(std::count(s.begin(), s.end(), ' ') + 1);
        if (text.size() && text.back() != '\n') text += ' ';
        text += s;
      }
    }
    return text;
  }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> vocab_;
  std::vector<double> cdf_;
};

}  // namespace

GeneratedCorpus GenerateCorpus(const CorpusSpec& spec) {
  GeneratedCorpus c;
  Writer w(spec.seed);
  const int64_t base = 1767225600;  // 2026-01-01
  std::vector<std::string> topic;
  int32_t story = -1;
  int64_t story_time = base;
  double copy_credit = 0;
  int copy_kind = 0;
  for (size_t i = 0; i < spec.num_originals; ++i) {
    if (i % std::max<size_t>(1, spec.story_size) == 0) {
      ++story;
      topic.clear();
      for (int k = 0; k < 8; ++k) topic.push_back(MakeWord(w.rng()));
      story_time = base + static_cast<int64_t>(story) * 3600 * 7;
    }
    Article a;
    a.id = "g" + std::to_string(i);
    a.source = "Outlet " + std::to_string(w.rng()() % 50);
    a.title = w.Sentence(topic);
    a.title.pop_back();
    a.timestamp = story_time + static_cast<int64_t>(w.rng()() % 7200);
    a.date = FormatIsoDate(*a.timestamp);
    a.text = w.Article(spec.words, topic);
    const size_t orig = c.articles.size();
    c.articles.push_back(a);
    c.copy_of.push_back(-1);
    c.kind.push_back(DuplicateKind::kNone);
    c.story.push_back(story);
    for (copy_credit += spec.copy_rate; copy_credit >= 1; copy_credit -= 1) {
      Article copy = a;
      copy.id = a.id + "c" + std::to_string(c.articles.size());
      copy.source = "Outlet " + std::to_string(50 + w.rng()() % 50);
      *copy.timestamp += 600 + static_cast<int64_t>(w.rng()() % 3600);
      copy.date = FormatIsoDate(*copy.timestamp);
      DuplicateKind kind;
      switch (copy_kind++ % 3) {
        case 0:
          kind = DuplicateKind::kExact;
          break;
        case 1: {
          kind = DuplicateKind::kContained;
          copy.text = "Subscribe to our newsletter\n\nShare this article: Facebook | X | Email\n\n" +
                      w.Sentence({}) + "\n\n" + copy.text + "\n\nAdvertisement\n\n" +
                      w.Sentence({}) + " " + w.Sentence({}) +
                      "\n\nLeave a comment. Your email address will not be published.";
          break;
        }
        default: {
          kind = DuplicateKind::kNear;
          std::string out;
          size_t word = 0;
          size_t start = 0;
          const std::string& t = copy.text;
          for (size_t p = 0; p <= t.size(); ++p) {
            if (p == t.size() || t[p] == ' ') {
              std::string_view tok(t.data() + start, p - start);
              if (++word % 25 == 0 && tok.find_first_of(".\n,") == std::string_view::npos) {
                out += "swapped";
              } else {
                out += tok;
              }
              if (p < t.size()) out += ' ';
              start = p + 1;
            }
          }
          copy.text = out;
        }
      }
      c.articles.push_back(std::move(copy));
      c.copy_of.push_back(static_cast<int64_t>(orig));
      c.kind.push_back(kind);
      c.story.push_back(story);
    }
  }
  return c;
}

std::vector<Article> LoadArticles(const std::vector<std::string>& paths) {
  std::vector<Article> out;
  (void)ReadInputs(
      paths, IngestOptions(), [&](Article&& a) { out.push_back(std::move(a)); },
      [](const IngestError&) {}, nullptr);
  return out;
}

std::string SharedDir() { return STORYLINE_SHARED_DIR; }
std::string SourceDir() { return STORYLINE_SOURCE_DIR; }

}  // namespace storyline::testing
