// Tests of the streaming parse driver (duban::io::parse_text / parse_file).
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "adapters/io/parse_driver.h"

namespace duban::io {
namespace {

namespace fs = std::filesystem;

// A stand-in parser with the documented chunk protocol: a document starts at a line that
// starts with "DOC" and runs to the next one. Text before the first DOC line is skipped. With
// final_chunk == false the last document is held back.
struct FakeParser {
  int calls = 0;
  ParseResult operator()(std::string_view text, const Rules&, const ParseOptions& options) {
    ++calls;
    ParseResult r;
    struct Start {
      std::size_t offset;
      int line;
    };
    std::vector<Start> starts;
    std::size_t pos = 0;
    int line = options.first_line;
    while (pos < text.size()) {
      if (text.substr(pos, 3) == "DOC") starts.push_back({pos, line});
      std::size_t nl = text.find('\n', pos);
      pos = nl == std::string_view::npos ? text.size() : nl + 1;
      ++line;
    }
    const int end_line = line;  // line after the last
    std::size_t keep = starts.size();
    r.resume_offset = text.size();
    r.resume_line = end_line;
    if (!options.final_chunk) {
      if (starts.empty()) {
        // Nothing yet: everything can go.
      } else {
        keep = starts.size() - 1;
        r.resume_offset = starts.back().offset;
        r.resume_line = starts.back().line;
      }
    }
    for (std::size_t i = 0; i < keep; ++i) {
      Document d;
      std::size_t eol = text.find('\n', starts[i].offset);
      d.title = std::string(text.substr(starts[i].offset, eol - starts[i].offset));
      d.lines.start = starts[i].line;
      d.lines.end = (i + 1 < starts.size() ? starts[i + 1].line : end_line) - 1;
      r.documents.push_back(std::move(d));
    }
    return r;
  }
};

class DriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("duban_io_driver_test_" + std::to_string(::getpid()) + "_" +
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

struct Outcome {
  Source source;
  std::vector<Document> documents;
  std::vector<Warning> warnings;
};

Outcome run(const std::string& path, ParseFileOptions options) {
  Outcome r;
  parse_file(
      path, Rules::builtin(), r.source, [&](Document&& d) { r.documents.push_back(std::move(d)); },
      r.warnings, options);
  return r;
}

std::string fake_input(int documents, int lines_each) {
  std::string text = "preamble\n\n";
  for (int i = 0; i < documents; ++i) {
    text += "DOC " + std::to_string(i) + "\n";
    for (int j = 0; j < lines_each; ++j) text += "第" + std::to_string(j) + "行内容\n";
  }
  return text;
}

TEST_F(DriverTest, FakeParserSeesEveryDocumentOnceWithPhysicalLines) {
  std::string path = write("in.txt", fake_input(50, 7));
  for (std::size_t chunk : {1, 7, 64, 1000, 1 << 20}) {
    FakeParser fake;
    ParseFileOptions options;
    options.chunk_bytes = chunk;
    options.parse = std::ref(fake);
    Outcome r = run(path, options);
    ASSERT_EQ(r.documents.size(), 50u) << "chunk " << chunk;
    for (int i = 0; i < 50; ++i) {
      EXPECT_EQ(*r.documents[i].title, "DOC " + std::to_string(i));
      EXPECT_EQ(r.documents[i].lines.start, 3 + i * 8) << "chunk " << chunk;
      EXPECT_EQ(r.documents[i].lines.end, 3 + i * 8 + 7) << "chunk " << chunk;
    }
    EXPECT_TRUE(r.warnings.empty());
  }
}

TEST_F(DriverTest, CrlfKeepsPhysicalLineNumbers) {
  std::string text = fake_input(5, 3);
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::string path = write("crlf.txt", crlf);
  for (std::size_t chunk : {1, 5, 1 << 20}) {
    ParseFileOptions options;
    options.chunk_bytes = chunk;
    options.parse = FakeParser();
    Outcome r = run(path, options);
    ASSERT_EQ(r.documents.size(), 5u);
    EXPECT_EQ(r.documents[4].lines.start, 3 + 4 * 4);
  }
}

TEST_F(DriverTest, GrowsTheChunkForALargeDocument) {
  // One document of ~30 KB read in 100-byte chunks: grows, no warning.
  std::string path = write("big.txt", fake_input(1, 2000) + fake_input(2, 1));
  FakeParser fake;
  ParseFileOptions options;
  options.chunk_bytes = 100;
  options.parse = std::ref(fake);
  Outcome r = run(path, options);
  ASSERT_EQ(r.documents.size(), 3u);
  EXPECT_EQ(r.documents[0].lines.end, 2005);  // up to the next DOC line (2006)
  EXPECT_TRUE(r.warnings.empty());
}

TEST_F(DriverTest, CapForcesAFinalParseAndWarns) {
  std::string path = write("big.txt", fake_input(1, 2000) + fake_input(2, 1));
  ParseFileOptions options;
  options.chunk_bytes = 100;
  options.max_chunk_bytes = 1000;
  options.parse = FakeParser();
  Outcome r = run(path, options);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].message.find("parsed in pieces"), std::string::npos);
  // The oversized document comes out (in pieces), the later ones intact.
  ASSERT_GE(r.documents.size(), 3u);
  EXPECT_EQ(*r.documents.back().title, "DOC 1");
  EXPECT_EQ(r.documents.back().lines.start, 2008);
}

TEST_F(DriverTest, NoDocumentsGivesAWarning) {
  ParseFileOptions options;
  options.parse = FakeParser();
  Outcome r = run(write("none.txt", "hello\nworld\n"), options);
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].line, 0);
  EXPECT_EQ(r.warnings[0].message, "no documents found");
}

TEST_F(DriverTest, ParseFileReportsSource) {
  ParseFileOptions options;
  options.parse = FakeParser();
  std::string path = write("u16.txt", std::string("\xFF\xFE"
                                                  "D\0O\0C\0\n\0",
                                                  10));
  Outcome r = run(path, options);
  EXPECT_EQ(r.source.name, path);
  EXPECT_EQ(r.source.encoding, "utf-16le");
  EXPECT_EQ(r.documents.size(), 1u);
}

TEST_F(DriverTest, InputErrorsAreThrown) {
  Source source;
  std::vector<Warning> warnings;
  int documents = 0;
  EXPECT_THROW(parse_file(
                   write("empty.txt", ""), Rules::builtin(), source,
                   [&](Document&&) { ++documents; }, warnings),
               InputError);
  EXPECT_EQ(documents, 0);
}

// With the real parser: chunked parsing finds the same documents as one whole parse.
struct Summary {
  std::string doc_number;
  std::string title;
  int start;
  int end;
  friend bool operator==(const Summary&, const Summary&) = default;
};

std::vector<Summary> summarize(const std::string& path, std::size_t chunk) {
  ParseFileOptions options;
  options.chunk_bytes = chunk;
  Outcome r = run(path, options);
  std::vector<Summary> out;
  for (const Document& d : r.documents) {
    out.push_back(
        {d.doc_number ? d.doc_number->text : "", d.title.value_or(""), d.lines.start, d.lines.end});
  }
  return out;
}

void PrintTo(const Summary& s, std::ostream* os) {
  *os << s.doc_number << " " << s.title << " " << s.start << "-" << s.end;
}

TEST_F(DriverTest, SamplesParseTheSameInChunks) {
  for (const auto& entry : fs::directory_iterator(DUBAN_SAMPLES_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string path = entry.path().string();
    std::vector<Summary> whole = summarize(path, kDefaultChunkBytes);
    EXPECT_FALSE(whole.empty()) << path;
    for (std::size_t chunk : {16 << 10, 64 << 10}) {
      EXPECT_EQ(summarize(path, chunk), whole) << path << " chunk " << chunk;
    }
  }
}

TEST_F(DriverTest, SampleInGb18030AndCrlfParsesLikeTheOriginal) {
  const fs::path sample = fs::path(DUBAN_SAMPLES_DIR) / "shanting-2024-equipment-renewal-etc.txt";
  std::ifstream in(sample, std::ios::binary);
  std::string utf8((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string crlf;
  for (char c : utf8) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::string gb(crlf.size() * 2 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = ucnv_convert("GB18030", "UTF-8", gb.data(), static_cast<int32_t>(gb.size()),
                           crlf.data(), static_cast<int32_t>(crlf.size()), &status);
  ASSERT_TRUE(U_SUCCESS(status));
  gb.resize(static_cast<std::size_t>(n));
  std::string path = write("gb.txt", gb);

  ParseFileOptions options;
  Outcome r = run(path, options);
  EXPECT_EQ(r.source.encoding, "gb18030");
  EXPECT_EQ(summarize(path, kDefaultChunkBytes), summarize(sample.string(), kDefaultChunkBytes));
}

}  // namespace
}  // namespace duban::io
