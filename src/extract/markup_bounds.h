// Bounds on what a page's markup can make the HTML tree builder do (internal).
//
// The HTML5 tree-building algorithm searches the stack of open elements for most tags and
// re-creates unclosed formatting elements (<b>, <i>, <font>, ...) at every text run, so crafted
// markup costs quadratic time (n nested <div>s: every start tag scans the whole stack) or
// explosive memory (<p><b class=k>x</p> repeated: every paragraph re-opens every earlier <b>).
// BoundMarkup rewrites the bytes, before the parser sees them, so that its work per tag is
// bounded by a constant:
//   - formatting elements become <span> (same attributes): the extractor treats them alike,
//     and a <span> is never re-created, so the list of active formatting elements holds only
//     <a> (at most one per table cell, the parser closes an open <a> at the next one);
//   - start tags deeper than `max_depth` open elements (a model of the parser's stack: implied
//     end tags of <p>, <li>, table parts; end tags matched within scope) are dropped with their
//     end tags, so their content joins the deepest kept element (what browsers do: Chromium
//     flattens at depth 512; real pages stay under 60);
//   - past an element budget (elements, comments and the nodes below) all markup is dropped,
//     its text kept: text runs then join in one token instead of one append each;
//   - text after markup that may have made no node (a stray end tag) gets a node of its own,
//     as MyHTML appends it to the text node before by copying that whole node;
//   - attributes after the first `max_attributes` of a tag are dropped.
// Text, comments, scripts and style sheets pass unchanged. The rewrite is linear in the input
// and never fails.

#ifndef STORYLINE_EXTRACT_MARKUP_BOUNDS_H_
#define STORYLINE_EXTRACT_MARKUP_BOUNDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace storyline::extract {

struct MarkupLimits {
  uint32_t max_depth = 256;  // open elements; a deeper tag's content joins its ancestor
  // Nodes (elements, comments) of a page of n bytes: max_elements_base + n / max_elements_bytes.
  // Of 1,701 real pages (WCXB dev, trafilatura-eval) the largest has 10,113 elements, the
  // densest one per 34 bytes, the median one per 133; a flood of <i>x</i> has one per 8, and a
  // node costs MyHTML about as much time as 500 bytes of prose.
  uint32_t max_elements_base = 1u << 14;
  uint32_t max_elements_bytes = 128;
  uint32_t max_attributes = 256;  // per tag
};

// What BoundMarkup changed.
struct MarkupBoundsReport {
  uint64_t dropped_deep = 0;        // tags dropped beyond max_depth
  uint64_t dropped_elements = 0;    // tags dropped beyond the element budget
  uint64_t dropped_attributes = 0;  // attributes dropped beyond max_attributes
};

// Writes `html` with the rewrites above into `*out` (replaced). Returns what was dropped.
MarkupBoundsReport BoundMarkup(std::string_view html, const MarkupLimits& limits,
                               std::string* out);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_MARKUP_BOUNDS_H_
