// Parsing a large input in chunks gives the same documents as parsing it whole, wherever
// the chunks end: heads, interleaved cover letters and lone 文号 lines cut by a chunk end
// are read whole in the next chunk (include/duban/parse.h).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/io/parse_driver.h"
#include "duban/parse.h"

namespace {

namespace fs = std::filesystem;

struct Summary {
  std::string number, title;
  int start, end;
  bool operator==(const Summary&) const = default;
};

std::vector<Summary> parse_with_chunks(const std::string& path, std::size_t chunk_bytes,
                                       std::vector<duban::Warning>* warnings = nullptr) {
  std::vector<Summary> out;
  duban::io::Source source;
  std::vector<duban::Warning> w;
  duban::io::ParseFileOptions options;
  options.chunk_bytes = chunk_bytes;
  duban::io::parse_file(
      path, duban::Rules::builtin(), source,
      [&](duban::Document&& d) {
        out.push_back({d.doc_number ? d.doc_number->text : "", d.title.value_or(""), d.lines.start,
                       d.lines.end});
      },
      w, options);
  if (warnings) *warnings = std::move(w);
  return out;
}

class ChunkingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("duban-chunking-" + std::to_string(::getpid()) + ".txt");
    std::ofstream out(path_, std::ios::binary);
    for (int copy = 0; copy < 3; ++copy)
      for (const char* name :
           {"lanshan-gazette-2021-04.txt", "shanting-2024-equipment-renewal-etc.txt",
            "shanting-gazette-2021-04.txt", "zhoucun-2024-coops-disclosure-tasklist.txt"}) {
        std::ifstream in(std::string(DUBAN_SAMPLES_DIR) + "/" + name, std::ios::binary);
        out << in.rdbuf();
      }
  }
  void TearDown() override { fs::remove(path_); }
  fs::path path_;
};

TEST_F(ChunkingTest, SameDocumentsWhateverTheChunkSize) {
  std::vector<duban::Warning> whole_warnings;
  const std::vector<Summary> whole =
      parse_with_chunks(path_, std::size_t{64} << 20, &whole_warnings);
  ASSERT_EQ(whole.size(), 69u);  // 23 documents in each of the three copies
  for (std::size_t chunk : {std::size_t{10007}, std::size_t{65536}, std::size_t{300000}}) {
    SCOPED_TRACE("chunk bytes " + std::to_string(chunk));
    std::vector<duban::Warning> warnings;
    EXPECT_EQ(parse_with_chunks(path_, chunk, &warnings), whole);
    EXPECT_EQ(warnings.size(), whole_warnings.size());
  }
}

TEST_F(ChunkingTest, ContentsOfEachGazetteAreCheckedAcrossChunks) {
  // Every 文号 listed in the two gazettes' tables of contents is found, even when the
  // contents and the documents fall in different chunks.
  std::vector<duban::Warning> warnings;
  parse_with_chunks(path_, 10007, &warnings);
  for (const duban::Warning& w : warnings)
    EXPECT_EQ(w.message.find("table of contents"), std::string::npos) << w.message;
}

}  // namespace
