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

  void BeginObject() {
    Separate();
    out_->push_back('{');
    first_ = true;
  }
  void EndObject() {
    out_->push_back('}');
    first_ = false;
  }
  void BeginArray() {
    Separate();
    out_->push_back('[');
    first_ = true;
  }
  void EndArray() {
    out_->push_back(']');
    first_ = false;
  }
  // Writes `"key":`; the next value call writes the value.
  void Key(std::string_view key);
  void String(std::string_view s);
  void Int(int64_t v);
  void Double(double v, int decimals = 4);
  void Bool(bool v);
  void Null();

  // `"key":value` in one call. Distinct names, not overloads: a string literal would otherwise
  // pick the bool overload.
  void StringField(std::string_view key, std::string_view v) {
    Key(key);
    String(v);
  }
  // A string, or null when it is empty.
  void StringOrNullField(std::string_view key, std::string_view v) {
    Key(key);
    if (v.empty()) {
      Null();
    } else {
      String(v);
    }
  }
  void IntField(std::string_view key, int64_t v) {
    Key(key);
    Int(v);
  }
  void DoubleField(std::string_view key, double v, int decimals = 4) {
    Key(key);
    Double(v, decimals);
  }
  void BoolField(std::string_view key, bool v) {
    Key(key);
    Bool(v);
  }
  void NullField(std::string_view key) {
    Key(key);
    Null();
  }
  // `"key":[...]` of the strings in `values` (any range of things convertible to string_view).
  template <typename Range>
  void StringArrayField(std::string_view key, const Range& values) {
    Key(key);
    BeginArray();
    for (const auto& v : values) String(v);
    EndArray();
  }

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
