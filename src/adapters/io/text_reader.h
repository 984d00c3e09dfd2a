// adapters/io/text_reader.h: input files as UTF-8 text.
//
// A TextReader opens a file ("-" is standard input), finds its encoding and validates the
// whole file in a first streaming pass; only then does it hand out text, chunk by chunk, so
// that an error anywhere in the file is reported before any output is produced.
//
// Encoding (ICU only, see text_reader.cc):
//   1. a byte order mark decides: UTF-8, UTF-16LE/BE, UTF-32LE/BE, GB18030;
//   2. else bytes that are valid UTF-8 (without NULs or many control characters) are UTF-8;
//   3. else ICU's charset detector proposes GB18030 / UTF-16LE / UTF-16BE (GB18030 is tried
//      last if it does not), and the first proposal that converts without error (STOP
//      callback) and is not binary wins; UTF-16 without a BOM only if the file has NUL bytes.
// Binary means NUL characters after conversion, or more than 10 % control characters.
// Encodings are reported in lowercase: "utf-8", "gb18030", "utf-16le", "utf-16be".
//
// The text handed out is UTF-8 without a BOM, with CRLF and CR line ends turned into LF, so
// that line numbers stay the physical line numbers of the source. Chunks always end on a
// character boundary (not necessarily a line boundary). Memory use is bounded by a few
// times the chunk size, whatever the size of the file; standard input and other
// non-regular files (pipes, devices) are first spooled to a temporary file.
#ifndef DUBAN_ADAPTERS_IO_TEXT_READER_H_
#define DUBAN_ADAPTERS_IO_TEXT_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "adapters/io/input_error.h"

namespace duban::io {

//! Bytes read from the file per step.
inline constexpr std::size_t kDefaultChunkBytes = std::size_t{8} << 20;  // 8 MiB

//! Where text came from.
struct Source {
  std::string name;      // the path as given, "-" for standard input
  std::string encoding;  // "utf-8", "gb18030", "utf-16le", "utf-16be", "utf-32le", "utf-32be"
};

class TextReader {
 public:
  //! Opens `path` and validates all of it. Throws InputError. `chunk_bytes` (at least 1) is
  //! how many bytes of the file each read() converts; tests use tiny values.
  explicit TextReader(const std::string& path, std::size_t chunk_bytes = kDefaultChunkBytes);
  ~TextReader();
  TextReader(TextReader&&) noexcept;
  TextReader& operator=(TextReader&&) noexcept;
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;

  const Source& source() const;
  //! Size of the input in bytes (of the spooled copy for standard input).
  std::uint64_t size_bytes() const;

  //! Appends the next piece of text (UTF-8, LF line ends, whole characters) to `out`. The
  //! piece may be empty. Returns false, appending nothing, once the input is exhausted.
  //! Throws InputError if the file cannot be read or changed since it was validated.
  bool read(std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

//! Reads a whole (small) file as text; fills `source` if given. Throws InputError.
std::string read_text(const std::string& path, Source* source = nullptr);

}  // namespace duban::io

#endif  // DUBAN_ADAPTERS_IO_TEXT_READER_H_
