#include "common/json_writer.h"

#include <gtest/gtest.h>

namespace storyline {
namespace {

TEST(JsonWriter, WritesNestedValues) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("id");
  w.String("a1");
  w.Key("n");
  w.Int(-3);
  w.Key("score");
  w.Double(0.5);
  w.Key("list");
  w.BeginArray();
  w.Int(1);
  w.Null();
  w.Bool(true);
  w.BeginObject();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(out, R"({"id":"a1","n":-3,"score":0.5,"list":[1,null,true,{}]})");
}

TEST(JsonWriter, EscapesControlQuotesAndHtml) {
  std::string out;
  AppendJsonString("a\"b\\c\nd\x01<script>&", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001\\u003cscript\\u003e\\u0026\"");
}

TEST(JsonWriter, PassesUtf8Through) {
  std::string out;
  AppendJsonString("Лавров — café", &out);
  EXPECT_EQ(out, "\"Лавров — café\"");
}

TEST(JsonWriter, EscapesLineSeparators) {
  std::string out;
  AppendJsonString("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xE2\x80\x94", &out);
  EXPECT_EQ(out, "\"a\\u2028b\\u2029c\xE2\x80\x94\"");
}

TEST(JsonWriter, NonFiniteDoubleIsNull) {
  std::string out;
  JsonWriter w(&out);
  w.Double(1.0 / 0.0);
  EXPECT_EQ(out, "null");
}

}  // namespace
}  // namespace storyline
