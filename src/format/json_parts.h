// Pieces of JSON output shared by the format functions and the store's read API (internal).

#ifndef STORYLINE_FORMAT_JSON_PARTS_H_
#define STORYLINE_FORMAT_JSON_PARTS_H_

#include "common/json_writer.h"
#include "storyline/dedup.h"

namespace storyline::format {

// {begin, end, source_begin, source_end, words}: one reused passage, byte offsets into the
// reusing text and its source.
inline void WriteReuseSpan(const ReuseSpan& s, JsonWriter* w) {
  w->BeginObject();
  w->IntField("begin", s.begin);
  w->IntField("end", s.end);
  w->IntField("source_begin", s.source_begin);
  w->IntField("source_end", s.source_end);
  w->IntField("words", s.words);
  w->EndObject();
}

}  // namespace storyline::format

#endif  // STORYLINE_FORMAT_JSON_PARTS_H_
