#include "common/file_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace storyline {
namespace {

TEST(FileUtil, WriteThenRead) {
  auto dir = std::filesystem::temp_directory_path() / ("sl_file_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "x.txt").string();
  ASSERT_TRUE(WriteStringToFile(path, "hello\nworld").ok());
  std::string data;
  ASSERT_TRUE(ReadFileToString(path, 1 << 20, &data).ok());
  EXPECT_EQ(data, "hello\nworld");
  Status too_big = ReadFileToString(path, 4, &data);
  EXPECT_EQ(too_big.code(), StatusCode::kResourceExhausted);
  std::filesystem::remove_all(dir);
}

TEST(FileUtil, MissingFileIsNotFound) {
  std::string data;
  Status s = ReadFileToString("/nonexistent/storyline/file", 1 << 20, &data);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

TEST(FileUtil, DirectoryIsInvalidArgument) {
  std::string data;
  EXPECT_EQ(ReadFileToString("/tmp", 1 << 20, &data).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace storyline
