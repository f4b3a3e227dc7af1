// The layering of src/ (cmake/StorylineHelpers.cmake, STORYLINE_LAYERS): every folder includes
// only its own headers and those of lower layers, public headers include only public headers of
// their layer or lower ones, and the folder include graph has no cycle. The build enforces the
// same order (each layer sees only the layers below it); this test states it on the sources, so
// a folder that reaches up is named even where the build would not catch it (a header that
// happens to be found through another path).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace storyline {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

struct Layers {
  std::map<std::string, int> rank;           // folder -> position in STORYLINE_LAYERS
  std::map<std::string, std::string> owner;  // public header -> its layer
};

Layers ReadLayers() {
  Layers l;
  int k = 0;
  for (const std::string& f : Split(STORYLINE_LAYER_ORDER, ',')) l.rank[f] = k++;
  for (const std::string& entry : Split(STORYLINE_LAYER_HEADERS, ' ')) {
    const size_t colon = entry.find(':');
    for (const std::string& h : Split(entry.substr(colon + 1), ',')) {
      l.owner[h] = entry.substr(0, colon);
    }
  }
  return l;
}

// The quoted includes of a file.
std::vector<std::string> Includes(const fs::path& file) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::ifstream in(file);
  std::vector<std::string> out;
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, m, kInclude)) out.push_back(m[1]);
  }
  return out;
}

bool IsTestFile(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.find("_test.") != std::string::npos;
}

// The layer an include names: its folder, or the layer owning a public header; empty for
// anything else (third-party headers).
std::string LayerOf(const Layers& l, const std::string& include) {
  const size_t slash = include.find('/');
  if (slash == std::string::npos) return {};
  const std::string head = include.substr(0, slash);
  if (head == "storyline") {
    auto it = l.owner.find(include.substr(slash + 1));
    return it == l.owner.end() ? "?" + include : it->second;
  }
  return l.rank.count(head) ? head : std::string();
}

TEST(Layering, EveryFolderOfSrcIsALayer) {
  const Layers l = ReadLayers();
  for (const auto& entry : fs::directory_iterator(fs::path(STORYLINE_SOURCE_DIR) / "src")) {
    if (!entry.is_directory()) continue;
    EXPECT_TRUE(l.rank.count(entry.path().filename().string()))
        << entry.path() << " is not in STORYLINE_LAYERS";
  }
}

TEST(Layering, EveryPublicHeaderBelongsToOneLayer) {
  const Layers l = ReadLayers();
  for (const auto& entry :
       fs::directory_iterator(fs::path(STORYLINE_SOURCE_DIR) / "include" / "storyline")) {
    EXPECT_TRUE(l.owner.count(entry.path().filename().string()))
        << entry.path() << " is in no layer's HEADERS";
  }
}

TEST(Layering, FoldersIncludeOnlyTheirOwnAndLowerLayers) {
  const Layers l = ReadLayers();
  for (const auto& [folder, rank] : l.rank) {
    const fs::path dir = fs::path(STORYLINE_SOURCE_DIR) / "src" / folder;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (IsTestFile(entry.path())) continue;
      for (const std::string& inc : Includes(entry.path())) {
        const std::string layer = LayerOf(l, inc);
        if (layer.empty()) continue;
        ASSERT_TRUE(l.rank.count(layer)) << entry.path() << " includes unknown header " << inc;
        EXPECT_LE(l.rank.at(layer), rank)
            << entry.path() << " (layer " << folder << ") includes " << inc << " of the higher "
            << "layer " << layer;
      }
    }
  }
}

TEST(Layering, PublicHeadersIncludeOnlyPublicHeadersOfTheirLayerOrLower) {
  const Layers l = ReadLayers();
  for (const auto& [header, layer] : l.owner) {
    const fs::path file = fs::path(STORYLINE_SOURCE_DIR) / "include" / "storyline" / header;
    for (const std::string& inc : Includes(file)) {
      EXPECT_EQ(inc.rfind("storyline/", 0), 0u) << header << " includes internal " << inc;
      const std::string to = LayerOf(l, inc);
      ASSERT_TRUE(l.rank.count(to)) << header << " includes " << inc;
      EXPECT_LE(l.rank.at(to), l.rank.at(layer)) << header << " reaches up to " << inc;
    }
  }
}

// The folder graph (an edge per include from one folder into another) has no cycle.
TEST(Layering, FolderIncludeGraphIsAcyclic) {
  const Layers l = ReadLayers();
  std::map<std::string, std::set<std::string>> edges;
  for (const auto& [folder, rank] : l.rank) {
    for (const auto& entry :
         fs::directory_iterator(fs::path(STORYLINE_SOURCE_DIR) / "src" / folder)) {
      if (IsTestFile(entry.path())) continue;
      for (const std::string& inc : Includes(entry.path())) {
        const std::string to = LayerOf(l, inc);
        if (!to.empty() && to != folder && l.rank.count(to)) edges[folder].insert(to);
      }
    }
  }
  std::map<std::string, int> state;  // 0 unvisited, 1 on the path, 2 done
  std::vector<std::string> path;
  std::function<bool(const std::string&)> cyclic = [&](const std::string& f) {
    if (state[f] == 1) {
      path.push_back(f);
      return true;
    }
    if (state[f] == 2) return false;
    state[f] = 1;
    path.push_back(f);
    for (const std::string& to : edges[f]) {
      if (cyclic(to)) return true;
    }
    path.pop_back();
    state[f] = 2;
    return false;
  };
  for (const auto& [folder, rank] : l.rank) {
    if (cyclic(folder)) {
      std::string cycle;
      for (const std::string& f : path) cycle += f + " -> ";
      FAIL() << "include cycle: " << cycle;
    }
  }
}

}  // namespace
}  // namespace storyline
