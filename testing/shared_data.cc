#include "testing/shared_data.h"

#include <fstream>
#include <sstream>

namespace storyline::testing {

std::string ReadSeed(std::string_view prefix) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(SharedPath("seeds"), ec)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      return buffer.str();
    }
  }
  return "";
}

}  // namespace storyline::testing
