// The web app's files (server/web/), embedded in the binary at build time
// (cmake/EmbedAssets.cmake writes the table): nothing is read from disk at run time, so no
// request can name a file outside the app.

#ifndef STORYLINE_SERVER_ASSETS_H_
#define STORYLINE_SERVER_ASSETS_H_

#include <string_view>

namespace storyline::server {

struct Asset {
  std::string_view name;  // file name, e.g. "app.js"
  std::string_view content_type;
  std::string_view bytes;
};

// The asset called exactly `name`, or null.
const Asset* FindAsset(std::string_view name);

}  // namespace storyline::server

#endif  // STORYLINE_SERVER_ASSETS_H_
