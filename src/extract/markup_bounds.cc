#include "extract/markup_bounds.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/utf8.h"

namespace storyline::extract {
namespace {

// What the model needs to know of an element name (HTML5 tree construction, simplified so that
// the model's stack is never much shallower than the parser's: where unsure, it keeps elements).
enum Prop : uint32_t {
  kVoid = 1u << 0,         // no end tag, never pushed
  kRawText = 1u << 1,      // content is text up to its end tag (script, style, ...)
  kPlaintext = 1u << 2,    // the rest of the document is text
  kFormatting = 1u << 3,   // rewritten to <span>
  kDocument = 1u << 4,     // html, head, body: merged by the parser, never pushed
  kSpecial = 1u << 5,      // the spec's "special" category: stops a non-special end tag
  kScope = 1u << 6,        // bounds "has an element in scope" searches
  kClosesP = 1u << 7,      // a start tag that closes an open <p> in button scope
  kForeignRoot = 1u << 8,  // svg, math
  kIntegration = 1u << 9,  // SVG foreignObject, desc, title; MathML mi, mo, mn, ms, mtext
  kBreakout = 1u << 10,    // an HTML start tag that ends foreign content
  kListItem = 1u << 11,    // li, dd, dt
  kCell = 1u << 12,        // td, th
  kTableSection = 1u << 13,  // tbody, thead, tfoot
};

struct NameProps {
  std::string_view name;
  uint32_t props;
};

constexpr uint32_t kS = kSpecial, kP = kClosesP, kB = kBreakout;
constexpr NameProps kNames[] = {
    {"a", 0}, {"address", kS | kP}, {"applet", kS | kScope}, {"area", kS | kVoid},
    {"article", kS | kP}, {"aside", kS | kP}, {"b", kFormatting | kB}, {"base", kS | kVoid},
    {"basefont", kS | kVoid}, {"bgsound", kS | kVoid}, {"big", kFormatting | kB},
    {"blockquote", kS | kP | kB}, {"body", kS | kDocument | kB}, {"br", kS | kVoid | kB},
    {"button", kS}, {"caption", kS | kScope}, {"center", kS | kP | kB},
    {"code", kFormatting | kB}, {"col", kS | kVoid}, {"colgroup", kS}, {"dd", kS | kListItem | kB},
    {"details", kS | kP}, {"dialog", kS | kP}, {"dir", kS | kP}, {"div", kS | kP | kB},
    {"dl", kS | kP | kB}, {"dt", kS | kListItem | kB}, {"em", kFormatting | kB},
    {"embed", kS | kVoid | kB}, {"fieldset", kS | kP}, {"figcaption", kS | kP},
    {"figure", kS | kP}, {"font", kFormatting | kB}, {"footer", kS | kP}, {"form", kS | kP},
    {"frame", kS | kVoid}, {"frameset", kS}, {"h1", kS | kP | kB}, {"h2", kS | kP | kB},
    {"h3", kS | kP | kB}, {"h4", kS | kP | kB}, {"h5", kS | kP | kB}, {"h6", kS | kP | kB},
    {"head", kS | kDocument | kB}, {"header", kS | kP}, {"hgroup", kS | kP},
    {"hr", kS | kVoid | kP | kB}, {"html", kS | kDocument | kScope}, {"i", kFormatting | kB},
    {"iframe", kS | kRawText}, {"image", kVoid}, {"img", kS | kVoid | kB},
    {"input", kS | kVoid}, {"keygen", kS | kVoid}, {"li", kS | kListItem | kB},
    {"link", kS | kVoid}, {"listing", kS | kP | kB}, {"main", kS | kP}, {"marquee", kS | kScope},
    {"menu", kS | kP | kB}, {"meta", kS | kVoid | kB}, {"nav", kS | kP},
    {"nobr", kFormatting | kB}, {"noembed", kS | kRawText}, {"noframes", kS | kRawText},
    {"noscript", kS},
    {"object", kS | kScope}, {"ol", kS | kP | kB}, {"p", kS | kP | kB}, {"param", kS | kVoid},
    {"plaintext", kS | kPlaintext | kP}, {"pre", kS | kP | kB}, {"ruby", kB},
    {"s", kFormatting | kB}, {"script", kS | kRawText}, {"search", kS | kP},
    {"section", kS | kP}, {"select", kS}, {"small", kFormatting | kB}, {"source", kS | kVoid},
    {"span", kB}, {"strike", kFormatting | kB}, {"strong", kFormatting | kB},
    {"style", kS | kRawText}, {"sub", kB}, {"summary", kS | kP}, {"sup", kB},
    {"table", kS | kP | kScope | kB}, {"tbody", kS | kTableSection}, {"td", kS | kCell | kScope},
    {"template", kS | kScope}, {"textarea", kS | kRawText}, {"tfoot", kS | kTableSection},
    {"th", kS | kCell | kScope}, {"thead", kS | kTableSection}, {"title", kS | kRawText},
    {"tr", kS}, {"track", kS | kVoid}, {"tt", kFormatting | kB}, {"u", kFormatting | kB},
    {"ul", kS | kP | kB}, {"var", kB}, {"wbr", kS | kVoid}, {"xmp", kS | kRawText | kP},
    {"svg", kForeignRoot}, {"math", kForeignRoot},
};

// The props of a lower-cased element name (0 for names the model does not know). Names are
// bucketed by first letter and length, so a look-up compares one to three short strings.
uint32_t PropsOf(std::string_view lower_name) {
  struct Table {
    std::vector<NameProps> bucket[26 * 16];
    Table() {
      for (const NameProps& n : kNames) bucket[Slot(n.name)].push_back(n);
    }
    static size_t Slot(std::string_view name) {
      return static_cast<size_t>(name[0] - 'a') * 16 + std::min<size_t>(name.size(), 15);
    }
  };
  static const Table* table = new Table();
  if (lower_name.empty() || lower_name[0] < 'a' || lower_name[0] > 'z') return 0;
  for (const NameProps& n : table->bucket[Table::Slot(lower_name)]) {
    if (lower_name == n.name) return n.props;
  }
  return 0;
}

// Byte classes of the tag scanner: HTML whitespace, and the bytes that end a name.
constexpr uint8_t kSpaceClass = 1, kNameEndClass = 2, kAttrNameEndClass = 4, kValueEndClass = 8;
constexpr auto kClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c : {' ', '\n', '\t', '\r', '\f'}) {
    t[c] = kSpaceClass | kNameEndClass | kAttrNameEndClass | kValueEndClass;
  }
  for (int c : {'/', '>'}) t[c] |= kNameEndClass | kAttrNameEndClass;
  t['='] |= kAttrNameEndClass;
  t['>'] |= kValueEndClass;
  return t;
}();
bool Is(char c, uint8_t cls) { return kClass[static_cast<unsigned char>(c)] & cls; }
bool IsSpace(char c) { return Is(c, kSpaceClass); }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// One element of the model's stack of open elements; its name is in Bounder::names_.
struct Open {
  uint32_t name_begin;
  uint32_t name_len;
  uint32_t props;
  bool foreign;  // an SVG or MathML element (self-closing tags are honoured inside)
  bool svg;      // of SVG (else MathML) when foreign: which names are integration points
  bool formatting;  // a <span> written for a formatting element (<b>, <font>, ...)
};

class Bounder {
 public:
  Bounder(std::string_view in, const MarkupLimits& limits, std::string* out)
      : in_(in), limits_(limits), out_(out) {
    max_elements_ = uint64_t{limits.max_elements_base} +
                    in.size() / std::max<uint32_t>(limits.max_elements_bytes, 1);
  }

  MarkupBoundsReport Run() {
    out_->clear();
    out_->reserve(in_.size() + in_.size() / 16 + 16);
    size_t pos = 0, copied = 0;  // in_[copied, pos) is still to be copied verbatim
    while (pos < in_.size()) {
      const void* lt = std::memchr(in_.data() + pos, '<', in_.size() - pos);
      if (lt == nullptr) break;
      pos = static_cast<const char*>(lt) - in_.data();
      if (pos + 1 < in_.size() && !StartsMarkup(in_[pos + 1])) {
        ++pos;  // a lone '<' is text, and stays in its text run
        continue;
      }
      Text(copied, pos);
      size_t next = Markup(pos);
      if (next == std::string_view::npos) {  // the rest is text or an unfinished tag
        copied = pos;
        pos = in_.size();
        break;
      }
      pos = copied = next;
    }
    Text(copied, in_.size());
    return report_;
  }

  // Copies the text in_[begin, end). After markup that may have made no node (a stray end tag,
  // a table part outside a table), MyHTML would append this text to the text node before it,
  // copying that whole node: n such appends cost n^2 bytes. An empty comment and <span> first
  // give it a node of its own: the comment where text goes in <select>, the span where text
  // goes in a table (both before it), either in a body; in SVG or MathML the comment alone,
  // as a span would end foreign content.
  // After <html>, <head>, <body> or </head> the comment alone: a <span> there would open the
  // body early and move the head's metadata into it.
  void Text(size_t begin, size_t end) {
    if (begin == end) return;
    if (split_ != kSplitNone && elements_ < max_elements_) {
      ++elements_;
      out_->append(split_ == kSplitComment || InForeignContent() ? "<!---->"
                                                                 : "<!----><span></span>");
    }
    split_ = kSplitNone;
    out_->append(in_.data() + begin, end - begin);
  }

 private:
  // Handles the markup starting at in_[lt] == '<': writes what is kept and returns where the
  // text after it starts, or npos when the rest of the input is to be copied as it is.
  size_t Markup(size_t lt) {
    const size_t n = in_.size();
    if (lt + 1 >= n) return std::string_view::npos;
    const char c = in_[lt + 1];
    if (c == '!') return Declaration(lt);
    if (c == '?') return BogusComment(lt, lt + 2);
    if (c == '/') {
      if (lt + 2 >= n) return std::string_view::npos;
      if (IsAlpha(in_[lt + 2])) return Tag(lt, /*end=*/true);
      if (in_[lt + 2] == '>') return lt + 3;  // "</>" is dropped by the parser too
      return BogusComment(lt, lt + 2);
    }
    return Tag(lt, /*end=*/false);  // StartsMarkup: a letter
  }

  static bool StartsMarkup(char c) { return IsAlpha(c) || c == '!' || c == '?' || c == '/'; }

  size_t Declaration(size_t lt) {
    if (in_.compare(lt, 9, "<![CDATA[") == 0 && InForeignContent()) {
      // In SVG and MathML a CDATA section is text, up to "]]>".
      size_t end = in_.find("]]>", lt + 9);
      if (end == std::string_view::npos) return end;
      out_->append(in_.data() + lt, end + 3 - lt);
      split_ = kSplitNone;
      return end + 3;
    }
    if (in_.compare(lt, 4, "<!--") != 0) {
      // A DOCTYPE after the page's start makes no node: the text after it needs its own.
      if (lt + 9 <= in_.size() && text::EqualsAsciiIgnoreCase(in_.substr(lt + 2, 7), "doctype")) {
        split_ = kSplitFull;
      }
      return BogusComment(lt, lt + 2);
    }
    // Comments end at "-->", "--!>", or at once as "<!-->" / "<!--->".
    size_t end = std::string_view::npos;
    if (in_.compare(lt + 4, 1, ">") == 0) {
      end = lt + 5;
    } else if (in_.compare(lt + 4, 2, "->") == 0) {
      end = lt + 6;
    } else {
      for (size_t p = lt + 4;;) {
        size_t d = in_.find("--", p);
        if (d == std::string_view::npos) break;
        if (in_.compare(d + 2, 1, ">") == 0) {
          end = d + 3;
          break;
        }
        if (in_.compare(d + 2, 2, "!>") == 0) {
          end = d + 4;
          break;
        }
        p = d + 1;
      }
    }
    return Verbatim(lt, end);
  }

  size_t BogusComment(size_t lt, size_t from) {
    size_t gt = in_.find('>', from);
    return Verbatim(lt, gt == std::string_view::npos ? gt : gt + 1);
  }

  // Copies the comment or declaration in_[begin, end) (npos: it runs to the end of the input,
  // which the caller copies). It makes a node, so it counts against the element budget.
  size_t Verbatim(size_t begin, size_t end) {
    if (end == std::string_view::npos) return end;
    if (elements_ >= max_elements_) return end;
    ++elements_;
    out_->append(in_.data() + begin, end - begin);
    return end;
  }

  // A start or end tag at in_[lt]: parses it, updates the model, writes what is kept.
  size_t Tag(size_t lt, bool end) {
    const size_t n = in_.size();
    size_t p = lt + (end ? 2 : 1);
    const size_t name_begin = p;
    while (p < n && !Is(in_[p], kNameEndClass)) ++p;
    lower_.assign(in_.data() + name_begin, p - name_begin);
    for (char& ch : lower_) ch = Lower(ch);
    const size_t name_end = p;
    // Attributes, so that a '>' inside a quoted value does not end the tag.
    size_t attrs = 0, cut = std::string_view::npos;
    bool self_closing = false;
    while (true) {
      while (p < n && (IsSpace(in_[p]) || in_[p] == '/')) {
        self_closing = in_[p] == '/';
        ++p;
      }
      // A tag the input ends inside is dropped, as the HTML5 tokenizer does (this MyHTML
      // instead appends it to the text before, through an overlapping memcpy: fuzz_extract).
      if (p >= n) return n;
      if (in_[p] == '>') break;
      self_closing = false;
      if (attrs++ == limits_.max_attributes) cut = p;
      ++p;  // the first character may be '='
      while (p < n && !Is(in_[p], kAttrNameEndClass)) ++p;
      while (p < n && IsSpace(in_[p])) ++p;
      if (p < n && in_[p] == '=') {
        ++p;
        while (p < n && IsSpace(in_[p])) ++p;
        if (p < n && (in_[p] == '"' || in_[p] == '\'')) {
          size_t q = in_.find(in_[p], p + 1);
          if (q == std::string_view::npos) return n;  // unfinished: dropped as above
          p = q + 1;
        } else {
          while (p < n && !Is(in_[p], kValueEndClass)) ++p;
        }
      }
    }
    const size_t gt = p;  // in_[gt] == '>'
    uint32_t props = PropsOf(lower_);
    if (props & kFormatting) {
      // The parser will see <span>: so must the model.
      lower_ = "span";
      props = PropsOf(lower_) | kFormatting;
    }
    self_closing_ = self_closing;
    if (end) return EndTag(lt, name_end, gt, props);
    return StartTag(lt, name_end, gt, cut, props);
  }

  size_t StartTag(size_t lt, size_t name_end, size_t gt, size_t cut, uint32_t props) {
    const size_t after = gt + 1;
    // Inside SVG or MathML (below an HTML integration point), tags make foreign elements: no
    // raw text, "/>" closes; an HTML start tag such as <p> or <div> ends foreign content.
    bool foreign = InForeignContent();
    if (foreign && (props & kBreakout)) {
      while (!stack_.empty() && stack_.back().foreign) PopTo(stack_.size() - 1);
      foreign = false;
    }
    // SVG or MathML, for foreign elements: a new root, else the namespace of the one around.
    const bool svg = lower_ == "svg" || (foreign && lower_ != "math" && stack_.back().svg);
    if (foreign) {
      // Integration points (HTML inside) are special and bound scopes, as in the parser; which
      // names are depends on the namespace. annotation-xml is left out (the model then keeps
      // more, never less).
      const bool integration = svg ? (lower_ == "foreignobject" || lower_ == "desc" ||
                                      lower_ == "title")
                                   : (lower_ == "mi" || lower_ == "mo" || lower_ == "mn" ||
                                      lower_ == "ms" || lower_ == "mtext");
      props = (props & kForeignRoot) | (integration ? uint32_t{kIntegration | kSpecial | kScope} : 0u);
    }
    size_t resume = after;  // raw text elements: past their end tag
    if (props & kRawText) {
      resume = RawTextEnd(after);
      if (resume == std::string_view::npos) resume = in_.size();
    }
    if (++elements_ > max_elements_) {
      ++report_.dropped_elements;
      return resume;  // the tag and, for scripts and styles, their text
    }
    if (props & kDocument) {  // merged into the existing element or ignored
      Emit(lt, name_end, gt, cut, props);
      split_ = kSplitComment;
      return resume;
    }
    if (!foreign && open_selects_ > 0 &&
        (lower_ == "select" || lower_ == "input" || lower_ == "keygen" || lower_ == "textarea") &&
        Above("select", "template")) {
      // Inside a <select> these end it (a <select> does nothing else).
      for (size_t i = stack_.size(); i-- > 0;) {
        if (NameOf(stack_[i]) == "select") {
          PopTo(i);
          break;
        }
      }
      if (lower_ == "select") {
        Emit(lt, name_end, gt, cut, props);
        split_ = kSplitFull;
        return after;
      }
    }
    if (!foreign && IgnoredStart(props)) {
      Emit(lt, name_end, gt, cut, props);
      split_ = kSplitFull;
      return after;
    }
    split_ = kSplitNone;
    if (props & (kRawText | kVoid)) {
      Emit(lt, name_end, gt, cut, props);
      out_->append(in_.data() + after, resume - after);
      return resume;
    }
    if (props & kPlaintext) {  // the rest of the page is its text
      Emit(lt, name_end, gt, cut, props);
      out_->append(in_.data() + after, in_.size() - after);
      return in_.size();
    }
    if (!foreign) ImpliedEnds(props);
    if (props & kForeignRoot) foreign = true;
    if (foreign && self_closing_) {
      Emit(lt, name_end, gt, cut, props);
      return after;
    }
    if (stack_.size() >= limits_.max_depth) {
      ++report_.dropped_deep;
      ++dropped_[lower_];
      return after;
    }
    Push(props, foreign, svg);
    if (lower_ == "form") form_pointer_ = true;
    Emit(lt, name_end, gt, cut, props);
    return after;
  }

  // A start tag the parser ignores (so the model must not count it): a table part outside any
  // table, a second <form> inside a form, most tags inside <select>.
  bool IgnoredStart(uint32_t props) const {
    // Inside a <template> (above any <select>) the parser reads tags as in a body.
    if (lower_ == "form") return form_pointer_ && !Above("template", "");
    if ((props & (kCell | kTableSection)) || lower_ == "tr" || lower_ == "caption" ||
        lower_ == "colgroup" || lower_ == "col") {
      for (size_t i = stack_.size(); i-- > 0;) {
        std::string_view name = NameOf(stack_[i]);
        if (name == "table" || name == "template") return false;
      }
      return true;
    }
    if (open_selects_ > 0 && Above("select", "template")) {
      return !(lower_ == "option" || lower_ == "optgroup" || lower_ == "select" ||
               lower_ == "input" || lower_ == "keygen" || lower_ == "textarea" ||
               lower_ == "script" || lower_ == "template" || lower_ == "hr");
    }
    return false;
  }

  // True when an open HTML element named `name` lies above (nearer the top than) any named
  // `stop`.
  bool Above(std::string_view name, std::string_view stop) const {
    for (size_t i = stack_.size(); i-- > 0;) {
      if (stack_[i].foreign) continue;
      std::string_view here = NameOf(stack_[i]);
      if (here == name) return true;
      if (here == stop) return false;
    }
    return false;
  }

  bool IsHtmlSelect(const Open& o) const { return !o.foreign && NameOf(o) == "select"; }

  bool InForeignContent() const {
    return !stack_.empty() && stack_.back().foreign && !(stack_.back().props & kIntegration);
  }

  size_t EndTag(size_t lt, size_t name_end, size_t gt, uint32_t props) {
    const size_t after = gt + 1;
    // Past the element budget all markup goes, so the text after it joins the text before in
    // one token rather than in appends.
    if (elements_ >= max_elements_) return after;
    if (!dropped_.empty()) {
      auto it = dropped_.find(lower_);
      if (it != dropped_.end()) {
        if (--it->second == 0) dropped_.erase(it);
        return after;
      }
    }
    // Inside a <select> the parser ignores end tags but these.
    if (open_selects_ > 0 && lower_ != "option" && lower_ != "optgroup" && lower_ != "select" &&
        lower_ != "template" && Above("select", "template")) {
      split_ = kSplitFull;
      out_->append(in_.data() + lt, after - lt);
      return after;
    }
    // Whether the end tag closes an element (the text after it then starts a node of its own).
    size_t at = kNotFound;
    if (lower_ == "form") {
      // </form> takes only the form off the stack, not what was opened inside it.
      form_pointer_ = false;
      at = Find(kScope, /*stop_special=*/false);
      if (at != kNotFound) Erase(at);
    } else if (props & (kDocument | kVoid)) {
      // </br> and </p> make elements; </body> and </html> leave the body open.
    } else if (props & kSpecial || props & kForeignRoot) {
      const uint32_t stop = (props & (kCell | kTableSection)) || lower_ == "tr" ||
                                    lower_ == "table" || lower_ == "caption"
                                ? 0u  // table scope: only html and template stop it
                                : uint32_t{kScope};
      at = Find(stop, /*stop_special=*/false);
      if (at != kNotFound) PopTo(at);
    } else {
      at = Find(0, /*stop_special=*/true);
      // </b> (written </span>) may close only a span written for a formatting element.
      if (at != kNotFound && (props & kFormatting) && !stack_[at].formatting) at = kNotFound;
      if (at != kNotFound) PopTo(at);
    }
    if (at == kNotFound && (lower_ == "br" || lower_ == "p")) {
      // </br> and an unmatched </p> make an element each: they count against the budget.
      if (++elements_ > max_elements_) return after;
      split_ = kSplitNone;
    } else if (at == kNotFound) {
      split_ = (props & kDocument) && lower_ == "head" ? kSplitComment : kSplitFull;
      // A formatting end tag that closes nothing would close some other <span> as </span>.
      if (props & kFormatting) return after;
    } else {
      split_ = kSplitNone;
    }
    if (props & kFormatting) {
      out_->append("</span>");
    } else {
      out_->append(in_.data() + lt, after - lt);
    }
    return after;
  }

  // The parser's implied end tags at a start tag, where the model must follow them lest it
  // count sloppy pages (thousands of unclosed <p>, <li>, <td>) as deep.
  void ImpliedEnds(uint32_t props) {
    if (stack_.empty()) return;
    if (props & kClosesP) {
      size_t at = FindNamed("p", kScope | kSpecialButton);
      if (at != kNotFound) PopTo(at);
    }
    if (props & kListItem) {
      // The nearest li (dd or dt) above anything special other than address, div and p.
      const bool li = lower_ == "li";
      for (size_t i = stack_.size(); i-- > 0;) {
        std::string_view name = NameOf(stack_[i]);
        if (li ? name == "li" : (name == "dd" || name == "dt")) {
          PopTo(i);
          break;
        }
        if ((stack_[i].props & kSpecial) && name != "address" && name != "div" && name != "p") {
          break;
        }
      }
    } else if (lower_ == "option" || lower_ == "optgroup") {
      if (NameOf(stack_.back()) == "option") PopTo(stack_.size() - 1);
      if (lower_ == "optgroup" && !stack_.empty() && NameOf(stack_.back()) == "optgroup") {
        PopTo(stack_.size() - 1);
      }
    } else if ((props & (kCell | kTableSection)) || lower_ == "tr" || lower_ == "caption" ||
               lower_ == "colgroup") {
      // Table parts close the open cell, row or section up to their own context.
      for (size_t i = stack_.size(); i-- > 0;) {
        std::string_view name = NameOf(stack_[i]);
        const uint32_t p = stack_[i].props;
        if (name == "table" || name == "template" || name == "html") {
          PopTo(i + 1);
          break;
        }
        if (p & kTableSection) {
          if (props & kTableSection || lower_ == "caption" || lower_ == "colgroup") {
            PopTo(i);
          } else {
            PopTo(i + 1);
          }
          break;
        }
        if (name == "tr") {
          PopTo((props & kCell) ? i + 1 : i);
          break;
        }
        if (p & kCell) {
          PopTo(i);
          if (props & kCell) break;
        }
      }
    } else if (lower_ == "a" && NameOf(stack_.back()) == "a") {
      PopTo(stack_.size() - 1);  // a new <a> closes the open one
    } else if (lower_ == "button") {
      size_t at = FindNamed("button", kScope);
      if (at != kNotFound) PopTo(at);
    }
    TrimNames();
  }

  // Drops the names of elements popped off the stack.
  void TrimNames() {
    names_.resize(stack_.empty() ? 0 : stack_.back().name_begin + stack_.back().name_len);
  }

  static constexpr size_t kNotFound = ~size_t{0};
  static constexpr uint32_t kSpecialButton = 1u << 31;  // FindNamed: button scope

  // The topmost open element named lower_, searching down to an element with a prop in
  // `stop` (or, with stop_special, any special element).
  size_t Find(uint32_t stop, bool stop_special) {
    for (size_t i = stack_.size(); i-- > 0;) {
      if (NameOf(stack_[i]) == lower_) return i;
      const uint32_t p = stack_[i].props;
      if ((p & stop) || (stop_special && (p & kSpecial)) || NameOf(stack_[i]) == "html" ||
          NameOf(stack_[i]) == "template") {
        return kNotFound;
      }
    }
    return kNotFound;
  }

  size_t FindNamed(std::string_view name, uint32_t stop) {
    for (size_t i = stack_.size(); i-- > 0;) {
      std::string_view here = NameOf(stack_[i]);
      if (here == name) return i;
      if ((stack_[i].props & stop) || ((stop & kSpecialButton) && here == "button") ||
          stack_[i].foreign) {
        return kNotFound;
      }
    }
    return kNotFound;
  }

  std::string_view NameOf(const Open& o) const {
    return std::string_view(names_).substr(o.name_begin, o.name_len);
  }

  void Push(uint32_t props, bool foreign, bool svg) {
    Open o{static_cast<uint32_t>(names_.size()), static_cast<uint32_t>(lower_.size()), props,
           foreign, foreign && svg, (props & kFormatting) != 0};
    names_.append(lower_);
    stack_.push_back(o);
    if (lower_ == "select" && !foreign) ++open_selects_;
  }
  // Pops the elements at `at` and above.
  void PopTo(size_t at) {
    for (size_t i = at; i < stack_.size(); ++i) open_selects_ -= IsHtmlSelect(stack_[i]);
    stack_.resize(at);
    TrimNames();
  }
  void Erase(size_t at) {
    // Names of the elements above stay where they are in names_; only the entry goes.
    open_selects_ -= IsHtmlSelect(stack_[at]);
    stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(at));
  }

  // Writes the start tag in_[lt, gt] with a formatting element renamed and attributes cut.
  void Emit(size_t lt, size_t name_end, size_t gt, size_t cut, uint32_t props) {
    if (props & kFormatting) {
      out_->append("<span");
    } else {
      out_->append(in_.data() + lt, name_end - lt);
    }
    const size_t stop = cut == std::string_view::npos ? gt : cut;
    out_->append(in_.data() + name_end, stop - name_end);
    if (cut != std::string_view::npos) {
      ++report_.dropped_attributes;
      if (self_closing_) out_->push_back('/');  // cutting must not change how the tag closes
    }
    out_->push_back('>');
  }

  // Where the text of a raw text element ends: past "</name" + space, '/' or '>' and the
  // end tag's '>'; npos when it runs to the end of the input.
  size_t RawTextEnd(size_t from) {
    const size_t n = in_.size();
    for (size_t p = from;;) {
      size_t lt = in_.find("</", p);
      if (lt == std::string_view::npos) return lt;
      size_t q = lt + 2;
      size_t k = 0;
      while (k < lower_.size() && q + k < n && Lower(in_[q + k]) == lower_[k]) ++k;
      if (k == lower_.size() && q + k < n &&
          (IsSpace(in_[q + k]) || in_[q + k] == '/' || in_[q + k] == '>')) {
        size_t gt = in_.find('>', q + k);
        return gt == std::string_view::npos ? gt : gt + 1;
      }
      p = lt + 2;
    }
  }

  std::string_view in_;
  const MarkupLimits& limits_;
  std::string* out_;
  uint64_t max_elements_ = 0;
  uint64_t elements_ = 0;
  std::vector<Open> stack_;
  std::string names_;  // names of the open elements, back to back
  std::string lower_;  // the current tag's name, lower-cased
  std::unordered_map<std::string, uint64_t> dropped_;  // start tags dropped beyond max_depth
  size_t open_selects_ = 0;   // <select> elements on the stack
  bool form_pointer_ = false;  // a <form> was opened and not ended: the next is ignored
  // The last markup may have made no node (see Text): what to put before the next text.
  enum Split { kSplitNone, kSplitComment, kSplitFull } split_ = kSplitNone;
  bool self_closing_ = false;  // the current tag ends in "/>"
  MarkupBoundsReport report_;
};

}  // namespace

MarkupBoundsReport BoundMarkup(std::string_view html, const MarkupLimits& limits,
                               std::string* out) {
  return Bounder(html, limits, out).Run();
}

}  // namespace storyline::extract
