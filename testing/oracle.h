// Test-only reference implementations: slow, obviously correct. Never linked into the library.

#ifndef STORYLINE_TESTING_ORACLE_H_
#define STORYLINE_TESTING_ORACLE_H_

#include <set>
#include <string>
#include <string_view>

namespace storyline::testing {

// The set of `w`-word shingles of `text` as strings ("w1 w2 ... ww"), over NormalizeText and
// Tokenize. A text shorter than `w` words gives one shingle of all its words.
std::set<std::string> ShingleSet(std::string_view text, int w);

// |A ∩ B| / |A ∪ B| (0 when both are empty).
double ExactJaccard(const std::set<std::string>& a, const std::set<std::string>& b);
// |A ∩ B| / |A| (0 when A is empty).
double ExactContainment(const std::set<std::string>& a, const std::set<std::string>& b);

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_ORACLE_H_
