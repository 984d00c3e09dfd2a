// Tests of duban::io::TextReader: encoding detection, conversion, chunking, bad input.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unicode/ucnv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "adapters/io/text_reader.h"

namespace duban::io {
namespace {

namespace fs = std::filesystem;

const std::string kText =
    "山亭区人民政府关于印发《山亭区推动大规模设备更新和消费品以旧换新实施方案》的通知\n"
    "山政发〔2024〕5号\n"
    "各镇人民政府、街道办事处，区政府各部门，各企事业单位：\n"
    "现将《山亭区推动大规模设备更新和消费品以旧换新实施方案》印发给你们，请认真贯彻执行。\n"
    "山亭区人民政府\n"
    "2024年6月5日\n"
    "（此件公开发布）\n";

// Converts UTF-8 to another encoding with ICU.
std::string encode(const std::string& utf8, const char* encoding) {
  std::string out(utf8.size() * 4 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

class TextReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("duban_io_reader_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  fs::path dir_;
};

std::string read_all(TextReader& reader) {
  std::string text;
  while (reader.read(text)) {
  }
  return text;
}

std::string read_all(const std::string& path, std::size_t chunk = kDefaultChunkBytes,
                     std::string* encoding = nullptr) {
  TextReader reader(path, chunk);
  if (encoding != nullptr) *encoding = reader.source().encoding;
  return read_all(reader);
}

// The reason of the InputError that opening `path` throws, or "" if none is thrown.
std::string error_of(const std::string& path, std::size_t chunk = kDefaultChunkBytes) {
  try {
    TextReader reader(path, chunk);
    read_all(reader);
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(std::string(e.what()), path + ": " + e.reason());
    EXPECT_EQ(e.reason().find('\n'), std::string::npos) << "one line";
    return e.reason();
  }
  return {};
}

TEST_F(TextReaderTest, Utf8WithoutBom) {
  std::string path = write("a.txt", kText);
  TextReader reader(path);
  EXPECT_EQ(reader.source().name, path);
  EXPECT_EQ(reader.source().encoding, "utf-8");
  EXPECT_EQ(reader.size_bytes(), kText.size());
  EXPECT_EQ(read_all(reader), kText);
}

TEST_F(TextReaderTest, Utf8WithBomStripsIt) {
  std::string encoding;
  EXPECT_EQ(read_all(write("a.txt", "\xEF\xBB\xBF" + kText), kDefaultChunkBytes, &encoding), kText);
  EXPECT_EQ(encoding, "utf-8");
}

TEST_F(TextReaderTest, Utf8TinyChunksNeverSplitACharacter) {
  const std::string text = kText + "𠮷野家 — 🙂\n";
  std::string path = write("a.txt", text);
  for (std::size_t chunk : {1, 2, 3, 5, 7, 64}) {
    TextReader reader(path, chunk);
    std::string all;
    std::string piece;
    while (reader.read(piece)) {
      // Every piece on its own is whole characters.
      UErrorCode status = U_ZERO_ERROR;
      std::vector<UChar> sink(piece.size() + 1);
      ucnv_convert("UTF-16LE", "UTF-8", reinterpret_cast<char*>(sink.data()),
                   static_cast<int32_t>(sink.size() * 2), piece.data(),
                   static_cast<int32_t>(piece.size()), &status);
      EXPECT_TRUE(U_SUCCESS(status)) << "chunk " << chunk;
      all += piece;
      piece.clear();
    }
    EXPECT_EQ(all, text) << "chunk " << chunk;
  }
}

TEST_F(TextReaderTest, Gb18030) {
  std::string bytes = encode(kText, "GB18030");
  ASSERT_NE(bytes, kText);
  std::string encoding;
  EXPECT_EQ(read_all(write("gb.txt", bytes), kDefaultChunkBytes, &encoding), kText);
  EXPECT_EQ(encoding, "gb18030");
}

TEST_F(TextReaderTest, Gb18030ChunkBoundarySplitsMultiByteSequences) {
  // 𠮷 is a four-byte sequence in GB18030, the Han characters two bytes.
  const std::string text = kText + "𠮷与𠀀\n";
  std::string path = write("gb.txt", encode(text, "GB18030"));
  for (std::size_t chunk : {1, 2, 3, 5, 7}) {
    std::string encoding;
    EXPECT_EQ(read_all(path, chunk, &encoding), text) << "chunk " << chunk;
    EXPECT_EQ(encoding, "gb18030");
  }
}

TEST_F(TextReaderTest, Gb18030WithBom) {
  std::string bytes = encode("\uFEFF" + kText, "GB18030");
  std::string encoding;
  EXPECT_EQ(read_all(write("gb.txt", bytes), kDefaultChunkBytes, &encoding), kText);
  EXPECT_EQ(encoding, "gb18030");
}

TEST_F(TextReaderTest, Utf16LeWithBom) {
  const std::string text = kText + "𠮷\n";
  std::string bytes = "\xFF\xFE" + encode(text, "UTF-16LE");
  std::string path = write("u16.txt", bytes);
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, kDefaultChunkBytes}) {
    std::string encoding;
    EXPECT_EQ(read_all(path, chunk, &encoding), text) << "chunk " << chunk;
    EXPECT_EQ(encoding, "utf-16le");
  }
}

TEST_F(TextReaderTest, Utf16BeWithBom) {
  std::string bytes = "\xFE\xFF" + encode(kText, "UTF-16BE");
  std::string encoding;
  EXPECT_EQ(read_all(write("u16.txt", bytes), kDefaultChunkBytes, &encoding), kText);
  EXPECT_EQ(encoding, "utf-16be");
}

TEST_F(TextReaderTest, Utf16LeWithoutBomIsDetected) {
  // NUL bytes, but UTF-16: ICU's detector recognizes it.
  const std::string text =
      "Notice No. 3 of 2021\nTo all offices: the rules below take effect on 1 January 2022.\n"
      "关于印发规范性文件管理规定的通知\n";
  std::string encoding;
  EXPECT_EQ(read_all(write("u16.txt", encode(text, "UTF-16LE")), kDefaultChunkBytes, &encoding),
            text);
  EXPECT_EQ(encoding, "utf-16le");
}

TEST_F(TextReaderTest, CrlfAndCrBecomeLfAtAnyChunkSize) {
  const std::string bytes = "第一行\r\n第二行\r\n\r\n第四行\r第五行\n第六行\r";
  const std::string text = "第一行\n第二行\n\n第四行\n第五行\n第六行\n";
  std::string path = write("crlf.txt", bytes);
  for (std::size_t chunk = 1; chunk <= bytes.size() + 1; ++chunk) {
    EXPECT_EQ(read_all(path, chunk), text) << "chunk " << chunk;
  }
  // Also after conversion from UTF-16.
  std::string path16 = write("crlf16.txt", "\xFF\xFE" + encode(bytes, "UTF-16LE"));
  for (std::size_t chunk : {1, 2, 3, 4, 5}) {
    EXPECT_EQ(read_all(path16, chunk), text) << "chunk " << chunk;
  }
}

TEST_F(TextReaderTest, EmptyFile) {
  EXPECT_EQ(error_of(write("empty.txt", "")), "空文件");
  EXPECT_EQ(error_of(write("bom.txt", "\xEF\xBB\xBF")), "空文件");
}

TEST_F(TextReaderTest, BinaryWithNulBytes) {
  const std::string bytes(
      "\x7F"
      "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"
      "\x03\x00\x3E\x00\x01\x00\x00\x00\xC0\x12\x00\x00\xFF\xFE\xFD",
      31);
  std::string reason = error_of(write("a.out", bytes));
  EXPECT_EQ(reason.rfind("二进制文件", 0), 0u) << reason;
}

TEST_F(TextReaderTest, BinaryWithNulsInValidUtf8) {
  std::string bytes = kText;
  bytes += std::string("\0\0\0\0", 4);
  bytes += kText;
  std::string reason = error_of(write("nul.txt", bytes));
  EXPECT_EQ(reason.rfind("二进制文件", 0), 0u) << reason;
}

TEST_F(TextReaderTest, BinaryWithManyControlCharacters) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) bytes += "\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F\x1B\x7F";
  std::string reason = error_of(write("ctl.bin", bytes + kText));
  EXPECT_EQ(reason, "二进制文件，不是文本（控制字符过多）");
  // Form feeds (page breaks from pdftotext), tabs and a few table cell marks are text.
  EXPECT_EQ(error_of(write("ff.txt", kText + "\f\t\a\a\a" + kText)), "");
}

TEST_F(TextReaderTest, InvalidUtf8ThatIsNotGb18030Either) {
  // Odd and even lengths: the even one would decode as UTF-16 without a BOM.
  for (std::string bytes : {"abc\xFF\xFF"
                            "def\n",
                            "abc\xFF\xFE"
                            "def"}) {
    std::string reason = error_of(write("bad.txt", bytes));
    EXPECT_NE(reason.find("第 3 字节处不是有效的 UTF-8"), std::string::npos) << reason;
    EXPECT_NE(reason.find("GB18030"), std::string::npos) << reason;
  }
}

TEST_F(TextReaderTest, ErrorOffsetsDoNotDependOnTheChunkSize) {
  // A four-byte UTF-8 sequence cut short, then a byte invalid in GB18030 too.
  std::string path = write("bad8.txt",
                           "abcd\xF0\x9F\x98"
                           "A\xFF\n");
  // GB18030 text, then a four-byte GB18030 sequence whose last byte is wrong.
  const std::string gb = encode(kText, "GB18030");
  std::string path_gb = write("badgb.txt", gb + "\x81\x30\x81"
                                                "a\n");
  for (std::size_t chunk : {1, 2, 3, 4, 5, 7, 100, 1 << 20}) {
    std::string reason = error_of(path, chunk);
    EXPECT_NE(reason.find("第 4 字节处不是有效的 UTF-8，"), std::string::npos)
        << "chunk " << chunk << ": " << reason;
    reason = error_of(path_gb, chunk);
    EXPECT_NE(reason.find("（按 GB18030 第 " + std::to_string(gb.size()) + " 字节处无效）"),
              std::string::npos)
        << "chunk " << chunk << ": " << reason;
  }
}

TEST_F(TextReaderTest, LateErrorIsFoundBeforeAnyText) {
  // The bad byte is far behind the first chunk; the constructor already throws.
  std::string bytes;
  while (bytes.size() < 10000) bytes += kText;
  const std::size_t bad = bytes.size();
  bytes += "\xFF\xFF\n";
  std::string path = write("late.txt", bytes);
  try {
    TextReader reader(path, 64);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(e.reason().find("第 " + std::to_string(bad) + " 字节处不是有效的 UTF-8"),
              std::string::npos)
        << e.reason();
  }
}

TEST_F(TextReaderTest, TruncatedUtf8AtEndOfFile) {
  std::string reason = error_of(write("trunc.txt", kText + "\xE5\xB1"));
  EXPECT_NE(reason.find("第 " + std::to_string(kText.size()) + " 字节处不是有效的 UTF-8"),
            std::string::npos)
      << reason;
}

TEST_F(TextReaderTest, MissingFile) {
  std::string path = (dir_ / "no-such-file.txt").string();
  std::string reason = error_of(path);
  EXPECT_EQ(reason, "无法打开：文件不存在");
}

TEST_F(TextReaderTest, Directory) { EXPECT_EQ(error_of(dir_.string()), "这是目录，不是文件"); }

TEST_F(TextReaderTest, StandardInputIsSpooled) {
  std::string path = write("stdin.txt", "\xEF\xBB\xBF" + encode(kText, "UTF-8"));
  int saved = ::dup(STDIN_FILENO);
  ASSERT_GE(saved, 0);
  int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::dup2(fd, STDIN_FILENO), STDIN_FILENO);
  ::close(fd);
  std::string text;
  std::string name;
  std::string error;
  try {
    TextReader reader("-", 5);
    name = reader.source().name;
    text = read_all(reader);
  } catch (const InputError& e) {
    error = e.what();
  }
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  EXPECT_EQ(error, "");
  EXPECT_EQ(name, "-");
  EXPECT_EQ(text, kText);
}

TEST_F(TextReaderTest, PipeIsSpooled) {
  // A non-regular file (here /dev/stdin is not used; a FIFO is) is copied first.
  std::string fifo = (dir_ / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd >= 0) {
      ssize_t ignored = ::write(fd, kText.data(), kText.size());
      (void)ignored;
      ::close(fd);
    }
    ::_exit(0);
  }
  std::string text = read_all(fifo, 16);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_EQ(text, kText);
}

TEST_F(TextReaderTest, ReadText) {
  Source source;
  EXPECT_EQ(read_text(write("a.txt", kText), &source), kText);
  EXPECT_EQ(source.encoding, "utf-8");
}

TEST(TextReaderSamples, SamplesReadBackUnchangedAtAnyChunkSize) {
  for (const auto& entry : fs::directory_iterator(DUBAN_SAMPLES_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::size_t chunk : {std::size_t{4093}, kDefaultChunkBytes}) {
      std::string encoding;
      EXPECT_EQ(read_all(entry.path().string(), chunk, &encoding), bytes) << entry.path();
      EXPECT_EQ(encoding, "utf-8");
    }
  }
}

}  // namespace
}  // namespace duban::io
