// adapters/storage/ingest.h: read a file, parse it with the ledger and store its documents
// in one transaction (Storage::ingest).
#ifndef DUBAN_ADAPTERS_STORAGE_INGEST_H_
#define DUBAN_ADAPTERS_STORAGE_INGEST_H_

#include <string>
#include <string_view>
#include <vector>

#include "adapters/storage/storage.h"
#include "duban/document.h"
#include "duban/rules.h"

namespace duban::store {

struct IngestFileResult {
  IngestResult stored;
  std::vector<Warning> warnings;  // the parser's, in source order
  int documents_parsed = 0;
};

//! Hex SHA-256 (libsodium) of `bytes`.
std::string sha256_hex(std::string_view bytes);

//! A parsed document with its source text (`text`: its own lines), hash and JSON.
NewDocument make_new_document(Document document, std::string text);

//! Reads `path` (a file, not standard input), parses it and stores it. A file whose bytes
//! were stored before is not parsed again. Throws io::InputError when the file cannot be
//! read or is not text, StorageError when the database refuses.
IngestFileResult ingest_file(Storage& storage, const std::string& path, const Rules& rules,
                             const Actor& actor);

}  // namespace duban::store

#endif  // DUBAN_ADAPTERS_STORAGE_INGEST_H_
