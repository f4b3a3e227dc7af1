#include "ingest/text_title.h"

#include <vector>

namespace storyline {
namespace {

struct Paragraph {
  size_t begin;  // byte offsets in the text, trimmed
  size_t end;
  int lines;
};

std::vector<Paragraph> FirstParagraphs(std::string_view text, size_t limit) {
  std::vector<Paragraph> out;
  size_t pos = 0;
  while (pos < text.size() && out.size() < limit) {
    while (pos < text.size() && (text[pos] == '\n' || text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos >= text.size()) break;
    Paragraph p{pos, pos, 1};
    size_t i = pos;
    while (i < text.size()) {
      size_t nl = text.find('\n', i);
      if (nl == std::string_view::npos) {
        p.end = text.size();
        i = text.size();
        break;
      }
      p.end = nl;
      size_t j = nl + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j >= text.size() || text[j] == '\n') {  // blank line: paragraph ends
        i = j;
        break;
      }
      ++p.lines;
      i = j;
    }
    while (p.end > p.begin && (text[p.end - 1] == ' ' || text[p.end - 1] == '\t')) --p.end;
    out.push_back(p);
    pos = i;
  }
  return out;
}

bool IsUpperAsciiOrNonAscii(unsigned char c) { return (c >= 'A' && c <= 'Z') || c >= 0x80; }

struct LineShape {
  int words = 0;
  int capitalised = 0;
  int lower_content = 0;  // lower-case words longer than 3 letters ("the", "of" do not count)
};

LineShape Shape(std::string_view line) {
  LineShape s;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    std::string_view w = line.substr(start, i - start);
    ++s.words;
    unsigned char c = static_cast<unsigned char>(w[0]);
    if (c == '"' || c == '\'' || c == '(') c = w.size() > 1 ? static_cast<unsigned char>(w[1]) : c;
    if (IsUpperAsciiOrNonAscii(c) || (c >= '0' && c <= '9')) {
      ++s.capitalised;
    } else if (w.size() > 3) {
      ++s.lower_content;
    }
  }
  return s;
}

}  // namespace

TitleSplit DetectTextTitle(std::string_view text) {
  TitleSplit none;
  std::vector<Paragraph> paras = FirstParagraphs(text, 4);
  for (size_t k = 0; k < paras.size() && k < 3; ++k) {
    const Paragraph& p = paras[k];
    if (p.lines > 1) return none;  // body text (hard-wrapped or multi-line) reached
    std::string_view line = text.substr(p.begin, p.end - p.begin);
    LineShape shape = Shape(line);
    char last = line.empty() ? '.' : line.back();
    bool punct_end = last == '.' || last == '!' || last == '?' || last == ':' || last == ',' ||
                     last == ';';
    if (shape.words >= 3 && shape.words <= 25 && !punct_end) {
      bool headline_case = shape.capitalised * 2 >= shape.words;
      bool longer_next = k + 1 < paras.size() &&
                         (paras[k + 1].end - paras[k + 1].begin) > 2 * line.size();
      if (headline_case || (longer_next && shape.lower_content <= shape.words)) {
        size_t after = p.end;
        while (after < text.size() && (text[after] == '\n' || text[after] == ' ')) ++after;
        return TitleSplit{line, k == 0 ? 0 : p.begin, after};
      }
    }
    // A long paragraph that is not a headline means the body has started.
    if (shape.words > 25 || punct_end) {
      if (shape.words > 8) return none;
    }
  }
  return none;
}

}  // namespace storyline
