// Tests of loading rule overrides from a directory (duban::io::load_rules_dir).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "adapters/io/rules_loader.h"
#include "adapters/io/text_reader.h"

namespace duban::io {
namespace {

namespace fs = std::filesystem;

class RulesLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("duban_io_rules_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }

  fs::path dir_;
};

TEST_F(RulesLoaderTest, SubsetOverridesTheBuiltinRules) {
  write("glyph_fixes.tsv", "# comment\n臵\t置\r\n甴\t由\n");
  write("issuer_suffixes.txt", "");  // an empty list
  Rules rules = load_rules_dir(dir_.string());
  ASSERT_EQ(rules.glyph_fixes.size(), 2u);
  EXPECT_EQ(rules.glyph_fixes[1].first, "甴");
  EXPECT_EQ(rules.glyph_fixes[1].second, "由");
  EXPECT_TRUE(rules.issuer_suffixes.empty());
  EXPECT_EQ(rules.doc_kinds.size(), Rules::builtin().doc_kinds.size());
  EXPECT_EQ(rules.page_furniture, Rules::builtin().page_furniture);
}

TEST_F(RulesLoaderTest, TheDataDirectoryLoadsLikeTheBuiltinRules) {
  Rules rules = load_rules_dir(std::string(DUBAN_SAMPLES_DIR) + "/../data");
  EXPECT_EQ(rules.glyph_fixes, Rules::builtin().glyph_fixes);
  EXPECT_EQ(rules.doc_kinds, Rules::builtin().doc_kinds);
  EXPECT_EQ(rules.issuer_suffixes, Rules::builtin().issuer_suffixes);
  EXPECT_EQ(rules.page_furniture, Rules::builtin().page_furniture);
  EXPECT_EQ(rules.metadata_labels, Rules::builtin().metadata_labels);
}

TEST_F(RulesLoaderTest, MalformedRuleNamesTheFilePath) {
  write("doc_kinds.tsv", "通知\t通知\n只有一列\n");
  try {
    load_rules_dir(dir_.string());
    ADD_FAILURE() << "no error";
  } catch (const RuleError& e) {
    EXPECT_EQ(std::string(e.what()).rfind((dir_ / "doc_kinds.tsv:2:").string(), 0), 0u) << e.what();
  }
}

TEST_F(RulesLoaderTest, DirectoryErrors) {
  EXPECT_THROW(load_rules_dir((dir_ / "missing").string()), InputError);
  write("glyph_fixes.tsv", "臵\t置\n");
  EXPECT_THROW(load_rules_dir((dir_ / "glyph_fixes.tsv").string()), InputError);
  fs::create_directories(dir_ / "empty");
  EXPECT_THROW(load_rules_dir((dir_ / "empty").string()), InputError);
}

}  // namespace
}  // namespace duban::io
