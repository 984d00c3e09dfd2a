// adapters/http/web_bundle.h: the web interface's files (web/), compiled into the binary by
// tools/embed_files.cmake so that `duban serve` needs no files at run time.
#ifndef DUBAN_ADAPTERS_HTTP_WEB_BUNDLE_H_
#define DUBAN_ADAPTERS_HTTP_WEB_BUNDLE_H_

#include <string_view>
#include <vector>

namespace duban::http {

struct EmbeddedFile {
  std::string_view path;  // "/index.html", "/app.js" …
  std::string_view data;
};

//! Every file under web/ (node_modules and tests left out).
const std::vector<EmbeddedFile>& web_files();

}  // namespace duban::http

#endif  // DUBAN_ADAPTERS_HTTP_WEB_BUNDLE_H_
