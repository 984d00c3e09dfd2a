// core/html.h: text made safe to put inside HTML (search snippets, the printable notice).
#ifndef DUBAN_CORE_HTML_H_
#define DUBAN_CORE_HTML_H_

#include <string>
#include <string_view>

namespace duban::detail {

//! Appends `text` with & < > " ' written as character references.
inline void append_html_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
}

}  // namespace duban::detail

#endif  // DUBAN_CORE_HTML_H_
