// A minimal streaming JSON writer (internal). Appends to a caller-owned string; no allocation
// beyond the string's growth. Strings must be valid UTF-8 (the ingest stage guarantees it);
// control characters, quotes and backslashes are escaped, and so are '<', '>' and '&' so the
// output can be embedded in HTML safely.

#ifndef STORYLINE_COMMON_JSON_WRITER_H_
#define STORYLINE_COMMON_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace storyline {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Separate(); out_->push_back('{'); first_ = true; }
  void EndObject() { out_->push_back('}'); first_ = false; }
  void BeginArray() { Separate(); out_->push_back('['); first_ = true; }
  void EndArray() { out_->push_back(']'); first_ = false; }
  // Writes `"key":`; the next value call writes the value.
  void Key(std::string_view key);
  void String(std::string_view s);
  void Int(int64_t v);
  void Double(double v, int decimals = 4);
  void Bool(bool v);
  void Null();

 private:
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_->push_back(',');
    first_ = false;
  }

  std::string* out_;
  bool first_ = true;
  bool after_key_ = false;
};

// Appends `s` to `out` as a quoted JSON string.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace storyline

#endif  // STORYLINE_COMMON_JSON_WRITER_H_
