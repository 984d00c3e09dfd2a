// Ingest of one file; see ingest.h.
#include "adapters/storage/ingest.h"

#include <sodium.h>

#include <fstream>

#include "adapters/export/json_export.h"
#include "adapters/io/parse_driver.h"
#include "adapters/io/text_reader.h"
#include "duban/parse.h"

namespace duban::store {
namespace {

std::string hex(const unsigned char* digest, std::size_t n) {
  static const char* const kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += kDigits[digest[i] >> 4];
    out += kDigits[digest[i] & 15];
  }
  return out;
}

void init_sodium() {
  if (sodium_init() < 0) throw StorageError("libsodium 初始化失败");
}

// SHA-256 of the file's bytes, streamed.
std::string file_sha256(const std::string& path, std::int64_t& bytes) {
  init_sodium();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io::InputError(path, "无法打开文件");
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> buf(std::size_t{1} << 20);
  bytes = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(n));
    bytes += n;
  }
  if (in.bad()) throw io::InputError(path, "读取文件失败");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return hex(digest, sizeof digest);
}

// Lines [start, end] (1-based, source numbering) of `chunk`, whose first line is `first`.
std::string lines_of(std::string_view chunk, int first, LineRange lines) {
  if (lines.start < first || lines.end < lines.start) return "";
  std::size_t pos = 0;
  for (int line = first; line < lines.start; ++line) {
    pos = chunk.find('\n', pos);
    if (pos == std::string_view::npos) return "";
    ++pos;
  }
  std::size_t end = pos;
  for (int line = lines.start; line <= lines.end; ++line) {
    end = chunk.find('\n', end);
    if (end == std::string_view::npos) {
      end = chunk.size();
      break;
    }
    if (line < lines.end) ++end;
  }
  return std::string(chunk.substr(pos, end - pos));
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  init_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()),
                     static_cast<unsigned long long>(bytes.size()));
  return hex(digest, sizeof digest);
}

NewDocument make_new_document(Document document, std::string text) {
  NewDocument nd;
  nd.content_hash = sha256_hex(text);
  nd.json = exporter::dump(exporter::to_json(document));
  nd.text = std::move(text);
  nd.document = std::move(document);
  return nd;
}

IngestFileResult ingest_file(Storage& storage, const std::string& path, const Rules& rules,
                             const Actor& actor) {
  if (path == "-") throw io::InputError(path, "入库不支持标准输入，请给出文件路径");
  IngestFileResult out;
  SourceFile file;
  file.name = path;
  // Hashed first: a file stored before is neither validated nor parsed again. When the bytes
  // cannot be read, the reader below says why.
  bool hashed = false;
  try {
    file.sha256 = file_sha256(path, file.bytes);
    hashed = true;
  } catch (const io::InputError&) {
  }
  if (hashed && storage.has_file(file.sha256)) {
    out.stored.file_already_ingested = true;
    return out;
  }
  // Validates the whole file before anything is stored.
  io::TextReader reader(path);
  if (!hashed) file.sha256 = file_sha256(path, file.bytes);
  // The driver parses chunk by chunk; each document's own source lines are cut from the
  // chunk it was found in while that chunk is at hand.
  std::vector<std::string> texts;  // of the documents parsed but not yet handed out
  std::size_t next = 0;
  io::ParseFileOptions options;
  options.parse = [&texts](std::string_view chunk, const Rules& r, const ParseOptions& o) {
    ParseResult result = parse(chunk, r, o);
    for (const Document& d : result.documents) {
      texts.push_back(lines_of(chunk, o.first_line, d.lines));
    }
    return result;
  };
  std::vector<NewDocument> documents;
  io::parse_text(
      reader, rules,
      [&](Document&& d) {
        std::string text = next < texts.size() ? std::move(texts[next]) : std::string();
        ++next;
        documents.push_back(make_new_document(std::move(d), std::move(text)));
      },
      out.warnings, options);
  out.documents_parsed = static_cast<int>(documents.size());
  out.stored = storage.ingest(file, documents, actor);
  return out;
}

}  // namespace duban::store
