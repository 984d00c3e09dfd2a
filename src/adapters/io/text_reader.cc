// Reading input files as UTF-8 text; see text_reader.h. Encoding detection and conversion
// use ICU only: ucnv_detectUnicodeSignature for byte order marks, ucnv_* converters with a
// STOP callback for validation and conversion, ucsdet_* for the charset detector.
#include "adapters/io/text_reader.h"

#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace duban::io {
namespace {

// How much of the start of a file the charset detector looks at.
constexpr std::size_t kSampleBytes = std::size_t{1} << 20;
// Upper bound for chunk_bytes: keeps every ICU length within int32_t.
constexpr std::size_t kMaxChunkBytes = std::size_t{256} << 20;

// The reasons below are shown to the user as they are, so they are in Chinese.
std::string errno_text(int err) {
  switch (err) {
    case ENOENT:
      return "文件不存在";
    case EACCES:
    case EPERM:
      return "没有读取权限";
    case ENOTDIR:
      return "路径中有一段不是目录";
    default:
      return std::strerror(err);
  }
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// A seekable byte input: a regular file, or a temporary copy of standard input, a pipe or a
// device (those can be read only once, and detection needs two passes).
class Input {
 public:
  explicit Input(std::string name) : name_(std::move(name)) {
    if (name_ == "-") {
      spool(stdin);
      return;
    }
    errno = 0;
    FilePtr file(std::fopen(name_.c_str(), "rb"));
    if (!file) fail("无法打开：" + errno_text(errno));
    struct stat st {};
    if (fstat(fileno(file.get()), &st) != 0) fail("无法读取文件信息：" + errno_text(errno));
    if (S_ISDIR(st.st_mode)) fail("这是目录，不是文件");
    if (!S_ISREG(st.st_mode)) {
      spool(file.get());
      return;
    }
    file_ = std::move(file);
    size_ = static_cast<std::uint64_t>(st.st_size);
  }

  const std::string& name() const { return name_; }
  std::uint64_t size() const { return size_; }

  void seek(std::uint64_t offset) {
    if (fseeko(file_.get(), static_cast<off_t>(offset), SEEK_SET) != 0) {
      fail("无法定位：" + errno_text(errno));
    }
  }

  // Reads up to n bytes; fewer only at the end of the file.
  std::size_t read(char* buf, std::size_t n) {
    std::size_t got = std::fread(buf, 1, n, file_.get());
    if (got < n && std::ferror(file_.get())) fail("读取出错：" + errno_text(errno));
    return got;
  }

  [[noreturn]] void fail(const std::string& reason) const { throw InputError(name_, reason); }

 private:
  void spool(std::FILE* from) {
    FilePtr tmp(std::tmpfile());
    if (!tmp) fail("无法创建临时文件：" + errno_text(errno));
    std::clearerr(from);
    std::vector<char> buf(std::size_t{1} << 20);
    std::uint64_t total = 0;
    while (true) {
      std::size_t n = std::fread(buf.data(), 1, buf.size(), from);
      if (n > 0 && std::fwrite(buf.data(), 1, n, tmp.get()) != n) {
        fail("无法写入临时文件：" + errno_text(errno));
      }
      total += n;
      if (n < buf.size()) {
        if (std::ferror(from)) fail("读取出错：" + errno_text(errno));
        break;
      }
    }
    if (std::fflush(tmp.get()) != 0) fail("无法写入临时文件：" + errno_text(errno));
    file_ = std::move(tmp);
    size_ = total;
    seek(0);
  }

  std::string name_;
  FilePtr file_;
  std::uint64_t size_ = 0;
};

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// A streaming ICU converter to UTF-16 that stops at the first invalid byte sequence.
class Decoder {
 public:
  explicit Decoder(const char* icu_name) : icu_name_(icu_name) {
    UErrorCode status = U_ZERO_ERROR;
    cnv_.reset(ucnv_open(icu_name, &status));
    if (U_SUCCESS(status)) {
      ucnv_setToUCallBack(cnv_.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    }
    if (U_FAILURE(status)) {
      throw std::runtime_error(std::string("ICU cannot open converter ") + icu_name + ": " +
                               u_errorName(status));
    }
  }

  // Converts `bytes`, which start at byte `offset` of the file, into `out` (replacing its
  // content). Multi-byte sequences split across calls are kept in the converter's state;
  // `flush` marks the last call. Returns false and sets `error_offset` (where the invalid or
  // truncated sequence starts) if the bytes are not valid in this encoding.
  bool decode(std::string_view bytes, std::uint64_t offset, bool flush, std::u16string& out,
              std::uint64_t& error_offset) {
    const char* src = bytes.data();
    const char* const src_end = src + bytes.size();
    std::size_t written = 0;
    // At most one UTF-16 unit per input byte, plus what completes a sequence held over from
    // the previous call; grow on overflow anyway.
    out.resize(bytes.size() + 16);
    while (true) {
      UChar* target = out.data() + written;
      UErrorCode status = U_ZERO_ERROR;
      ucnv_toUnicode(cnv_.get(), &target, out.data() + out.size(), &src, src_end, nullptr, flush,
                     &status);
      written = static_cast<std::size_t>(target - out.data());
      if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.resize(out.size() * 2);
        continue;
      }
      if (U_FAILURE(status)) {
        char bad[32];
        int8_t bad_len = sizeof bad;
        UErrorCode status2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cnv_.get(), bad, &bad_len, &status2);
        if (U_FAILURE(status2)) bad_len = 0;
        error_offset = offset + static_cast<std::uint64_t>(src - bytes.data()) -
                       static_cast<std::uint64_t>(bad_len);
        out.resize(written);
        return false;
      }
      break;
    }
    out.resize(written);
    return true;
  }

  // Bytes of an incomplete sequence held from earlier calls.
  std::uint64_t pending() const {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = ucnv_toUCountPending(cnv_.get(), &status);
    return U_SUCCESS(status) && n > 0 ? static_cast<std::uint64_t>(n) : 0;
  }

  const char* icu_name() const { return icu_name_; }

 private:
  const char* icu_name_;
  std::unique_ptr<UConverter, ConverterCloser> cnv_;
};

// What a validation pass found.
struct Scan {
  bool valid = true;
  std::uint64_t error_offset = 0;  // when !valid
  std::uint64_t chars = 0;         // code points decoded
  std::uint64_t controls = 0;      // C0/C1 controls other than \t \n \v \f \r
  bool nul_char = false;           // decoded U+0000 (the pass stops there)
  bool nul_byte = false;           // a 0x00 byte in the bytes read

  // Empty when the text looks like text, else why it is binary.
  std::string binary_reason() const {
    if (nul_char) return "含 NUL 字符";
    // Many control characters: more than one in ten. (Some are normal in text: form feeds
    // from PDF extraction are not counted, and the BEL that word processors export as a
    // table cell mark is counted but stays well below that.)
    if (controls * 10 > chars) return "控制字符过多";
    return {};
  }
  bool text() const { return valid && binary_reason().empty() && chars > 0; }
};

void count(std::u16string_view text, Scan& s) {
  for (char16_t c : text) {
    if (U16_IS_TRAIL(c)) continue;
    ++s.chars;
    if (c < 0x20) {
      if (c == 0) {
        s.nul_char = true;
      } else if (c != u'\t' && c != u'\n' && c != u'\v' && c != u'\f' && c != u'\r') {
        ++s.controls;
      }
    } else if (c >= 0x7F && c <= 0x9F) {
      ++s.controls;
    }
  }
}

// Where exactly the invalid sequence is, given a character boundary `from` before it and
// the end `to` of what was decoded when the error showed. Decoding in one piece matters:
// bytes that ICU looked ahead at in an earlier call cannot be given back, which would skew
// the offset when a sequence is split between chunks.
std::uint64_t locate_error(Input& in, const char* icu_name, std::uint64_t from, std::uint64_t to,
                           bool last, std::uint64_t estimate) {
  std::string bytes(static_cast<std::size_t>(to - from), '\0');
  in.seek(from);
  bytes.resize(in.read(bytes.data(), bytes.size()));
  Decoder decoder(icu_name);
  std::u16string ignored;
  std::uint64_t error_offset = estimate;
  if (decoder.decode(bytes, from, last, ignored, error_offset)) return estimate;
  return error_offset;
}

// One streaming pass over the file from `start`, decoding with `icu_name`.
Scan scan(Input& in, const char* icu_name, std::uint64_t start, std::size_t chunk) {
  Scan s;
  Decoder decoder(icu_name);
  std::vector<char> buf(chunk);
  std::u16string utf16;
  std::uint64_t offset = start;
  in.seek(start);
  while (true) {
    std::size_t n = in.read(buf.data(), chunk);
    bool last = n < chunk;
    if (std::memchr(buf.data(), 0, n) != nullptr) s.nul_byte = true;
    const std::uint64_t boundary = offset - decoder.pending();
    if (!decoder.decode({buf.data(), n}, offset, last, utf16, s.error_offset)) {
      s.valid = false;
      s.error_offset = locate_error(in, icu_name, boundary, offset + n, last, s.error_offset);
      return s;
    }
    count(utf16, s);
    if (s.nul_char) return s;  // binary: no need to read on
    offset += n;
    if (last) return s;
  }
}

// An encoding as ICU names it, as duban reports it, and how many BOM bytes to skip.
struct Encoding {
  const char* icu;
  const char* label;
  std::uint64_t bom_bytes = 0;
  bool is(const Encoding& other) const { return std::strcmp(icu, other.icu) == 0; }
};

constexpr Encoding kUtf8{"UTF-8", "utf-8"};
constexpr Encoding kGb18030{"GB18030", "gb18030"};
constexpr Encoding kUtf16Le{"UTF-16LE", "utf-16le"};
constexpr Encoding kUtf16Be{"UTF-16BE", "utf-16be"};
constexpr Encoding kUtf32Le{"UTF-32LE", "utf-32le"};
constexpr Encoding kUtf32Be{"UTF-32BE", "utf-32be"};

// U+FEFF in GB18030, made by ICU (ucnv_detectUnicodeSignature does not know GB18030).
const std::string& gb18030_bom() {
  static const std::string bom = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(kGb18030.icu, &status));
    char buf[8];
    const UChar feff[] = {0xFEFF};
    int32_t n =
        U_SUCCESS(status) ? ucnv_fromUChars(cnv.get(), buf, sizeof buf, feff, 1, &status) : 0;
    return U_SUCCESS(status) ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  }();
  return bom;
}

std::optional<Encoding> from_bom(std::string_view head) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  const char* name = ucnv_detectUnicodeSignature(
      head.data(), static_cast<int32_t>(std::min<std::size_t>(head.size(), 16)), &length, &status);
  if (U_SUCCESS(status) && name != nullptr) {
    for (Encoding e : {kUtf8, kUtf16Le, kUtf16Be, kUtf32Le, kUtf32Be}) {
      if (std::strcmp(name, e.icu) == 0) {
        e.bom_bytes = static_cast<std::uint64_t>(length);
        return e;
      }
    }
    // Other signatures (UTF-7, SCSU, BOCU-1, UTF-EBCDIC) are not accepted: read on as if
    // there were no BOM, which ends in an error unless the bytes are acceptable anyway.
  }
  const std::string& gb_bom = gb18030_bom();
  if (!gb_bom.empty() && head.substr(0, gb_bom.size()) == gb_bom) {
    Encoding e = kGb18030;
    e.bom_bytes = gb_bom.size();
    return e;
  }
  return std::nullopt;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// The accepted encodings ICU's charset detector proposes for `sample`, best first.
std::vector<Encoding> detector_candidates(std::string_view sample) {
  std::vector<Encoding> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (U_FAILURE(status)) return out;
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t n = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &n, &status);
  if (U_FAILURE(status)) return out;
  for (int32_t i = 0; i < n; ++i) {
    UErrorCode st = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &st);
    int32_t confidence = ucsdet_getConfidence(matches[i], &st);
    if (U_FAILURE(st) || name == nullptr || confidence <= 0) continue;
    for (const Encoding& e : {kGb18030, kUtf16Le, kUtf16Be}) {
      bool seen = std::any_of(out.begin(), out.end(), [&](const Encoding& o) { return o.is(e); });
      if (!seen && std::strcmp(name, e.icu) == 0) out.push_back(e);
    }
  }
  return out;
}

// Finds the encoding of the whole input, validating all of it. Throws InputError.
Encoding detect(Input& in, std::size_t chunk) {
  if (in.size() == 0) in.fail("空文件");
  std::string head(static_cast<std::size_t>(std::min<std::uint64_t>(in.size(), kSampleBytes)),
                   '\0');
  in.seek(0);
  head.resize(in.read(head.data(), head.size()));

  if (std::optional<Encoding> bom = from_bom(head)) {
    Scan s = scan(in, bom->icu, bom->bom_bytes, chunk);
    if (!s.valid) {
      in.fail(std::string("有 ") + bom->icu + " 字节顺序标记，但第 " +
              std::to_string(s.error_offset) + " 字节处不是有效的 " + bom->icu);
    }
    if (std::string why = s.binary_reason(); !why.empty())
      in.fail("二进制文件，不是文本（" + why + "）");
    if (s.chars == 0) in.fail("空文件");
    return *bom;
  }

  Scan utf8 = scan(in, kUtf8.icu, 0, chunk);
  if (utf8.text()) return kUtf8;

  std::vector<Encoding> candidates = detector_candidates(head);
  if (utf8.valid) {
    // Valid UTF-8 with NULs or controls: only UTF-16 without a BOM can make text of it.
    std::erase_if(candidates, [](const Encoding& e) { return e.is(kGb18030); });
  } else if (std::none_of(candidates.begin(), candidates.end(),
                          [](const Encoding& e) { return e.is(kGb18030); })) {
    candidates.push_back(kGb18030);  // documents that are not UTF-8 are most often GB18030
  }

  std::string binary_reason = utf8.valid ? utf8.binary_reason() : std::string();
  std::optional<Scan> gb;
  for (const Encoding& e : candidates) {
    Scan s = scan(in, e.icu, 0, chunk);
    // Without a BOM, UTF-16 is believed only if it explains NUL bytes (its line ends, spaces
    // and digits have them): short runs of other bytes often decode as UTF-16 by chance.
    const bool plausible = e.is(kGb18030) || s.nul_byte;
    if (s.text() && plausible) return e;
    if (e.is(kGb18030)) gb = s;
    if (s.valid && binary_reason.empty()) binary_reason = s.binary_reason();
  }
  if (binary_reason.empty() && utf8.nul_byte) binary_reason = "含 NUL 字节";
  if (!binary_reason.empty()) in.fail("二进制文件，不是文本（" + binary_reason + "）");
  std::string reason =
      "第 " + std::to_string(utf8.error_offset) + " 字节处不是有效的 UTF-8，也不是 GB18030";
  if (gb && !gb->valid)
    reason += "（按 GB18030 第 " + std::to_string(gb->error_offset) + " 字节处无效）";
  in.fail(reason);
}

}  // namespace

struct TextReader::Impl {
  Impl(const std::string& path, std::size_t chunk_bytes)
      : input(path), chunk(std::clamp<std::size_t>(chunk_bytes, 1, kMaxChunkBytes)) {
    Encoding e = detect(input, chunk);
    source = Source{path, e.label};
    offset = e.bom_bytes;
    input.seek(offset);
    decoder.emplace(e.icu);
    buf.resize(chunk);
    // Validated UTF-8 needs no conversion: its bytes are handed out as they are.
    passthrough = std::string_view(e.icu) == kUtf8.icu;
  }

  bool read(std::string& out) {
    if (done) return false;
    if (passthrough) return read_utf8(out);
    std::size_t n = input.read(buf.data(), chunk);
    bool last = n < chunk;
    std::uint64_t error_offset = 0;
    if (!decoder->decode({buf.data(), n}, offset, last, utf16, error_offset)) {
      input.fail("读取过程中文件被修改（第 " + std::to_string(error_offset) + " 字节处不是有效的 " +
                 std::string(decoder->icu_name()) + "）");
    }
    offset += n;
    if (last) {
      done = true;
      if (offset != input.size()) input.fail("读取过程中文件被修改（大小不同）");
    }
    // Keep a lead surrogate at the very end for the next piece (never split a character).
    if (held_lead != 0) utf16.insert(utf16.begin(), held_lead);
    held_lead = 0;
    if (!last && !utf16.empty() && U16_IS_LEAD(utf16.back())) {
      held_lead = utf16.back();
      utf16.pop_back();
    }
    utf8.resize(utf16.size() * 3);
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &length, utf16.data(),
                static_cast<int32_t>(utf16.size()), &status);
    if (U_FAILURE(status)) input.fail(std::string("无法转换为 UTF-8：") + u_errorName(status));
    append_normalized(std::string_view(utf8.data(), static_cast<std::size_t>(length)), out);
    return true;
  }

  // UTF-8 that detect() validated whole: bytes pass through, cut at a character boundary.
  bool read_utf8(std::string& out) {
    std::size_t n = input.read(buf.data(), chunk);
    bool last = n < chunk;
    offset += n;
    pending.append(buf.data(), n);
    std::size_t cut = pending.size();
    if (!last) {
      // Back up over a character whose bytes are not all here yet.
      std::size_t k = cut;
      while (k > 0 && cut - k < 4 && (static_cast<unsigned char>(pending[k - 1]) & 0xC0) == 0x80)
        --k;
      if (k > 0) {
        unsigned char lead = static_cast<unsigned char>(pending[k - 1]);
        std::size_t len = lead < 0x80    ? 1
                          : lead >= 0xF0 ? 4
                          : lead >= 0xE0 ? 3
                          : lead >= 0xC0 ? 2
                                         : 1;
        if (k - 1 + len > cut) cut = k - 1;
      }
    }
    append_normalized(std::string_view(pending).substr(0, cut), out);
    pending.erase(0, cut);
    if (last) {
      done = true;
      if (offset != input.size()) input.fail("读取过程中文件被修改（大小不同）");
      if (!pending.empty()) input.fail("读取过程中文件被修改（末尾字符不完整）");
    }
    return true;
  }

  // Appends `text` to `out` without a leading BOM and with CRLF and CR turned into LF. A CRLF
  // split between two pieces is still one line end.
  void append_normalized(std::string_view text, std::string& out) {
    if (at_start && !text.empty()) {
      if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
      at_start = false;
    }
    while (!text.empty()) {
      if (after_cr && text.front() == '\n') text.remove_prefix(1);
      after_cr = false;
      std::size_t cr = text.find('\r');
      if (cr == std::string_view::npos) {
        out.append(text);
        return;
      }
      out.append(text.substr(0, cr));
      out.push_back('\n');
      after_cr = true;
      text.remove_prefix(cr + 1);
    }
  }

  Input input;
  std::size_t chunk;
  Source source;
  std::optional<Decoder> decoder;
  std::uint64_t offset = 0;
  std::vector<char> buf;
  std::u16string utf16;
  std::string utf8;
  char16_t held_lead = 0;
  std::string pending;  // UTF-8 passthrough: bytes of a character cut by the chunk end
  bool passthrough = false;
  bool done = false;
  bool at_start = true;
  bool after_cr = false;
};

TextReader::TextReader(const std::string& path, std::size_t chunk_bytes)
    : impl_(std::make_unique<Impl>(path, chunk_bytes)) {}
TextReader::~TextReader() = default;
TextReader::TextReader(TextReader&&) noexcept = default;
TextReader& TextReader::operator=(TextReader&&) noexcept = default;

const Source& TextReader::source() const { return impl_->source; }
std::uint64_t TextReader::size_bytes() const { return impl_->input.size(); }
bool TextReader::read(std::string& out) { return impl_->read(out); }

std::string read_text(const std::string& path, Source* source) {
  TextReader reader(path);
  std::string text;
  while (reader.read(text)) {
  }
  if (source != nullptr) *source = reader.source();
  return text;
}

}  // namespace duban::io
