// A reference gzip compressor for tests (zlib's deflate with a gzip wrapper).

#ifndef STORYLINE_TESTING_GZIP_H_
#define STORYLINE_TESTING_GZIP_H_

#include <string>
#include <string_view>

namespace storyline::testing {

// `data` as one gzip member; `level` as zlib's (-1: default, 0: stored blocks, 9: best).
std::string Gzip(std::string_view data, int level = -1);

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_GZIP_H_
