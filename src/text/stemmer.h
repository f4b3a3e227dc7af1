// English stemming (Snowball "english", i.e. Porter2) over libstemmer (internal).

#ifndef STORYLINE_TEXT_STEMMER_H_
#define STORYLINE_TEXT_STEMMER_H_

#include <string>
#include <string_view>

struct sb_stemmer;

namespace storyline::text {

// Not thread-safe: use one Stemmer per thread. Not copyable (owns a libstemmer handle).
class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // Returns the stem of `folded_word` (lower-case UTF-8). Words with digits or longer than 64
  // bytes are returned unchanged. The view is valid until the next call.
  std::string_view Stem(std::string_view folded_word);

 private:
  sb_stemmer* stemmer_;
  std::string buffer_;
};

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_STEMMER_H_
