// gen_corpus: writes a large synthetic corpus for the load benchmark by varying the real one.
//
//   gen_corpus OUT_DIR DOCUMENTS [PER_FILE=1000] [SEED=1] [FIRST=0]
//
// FIRST numbers the documents from there, so a second run can add documents to a database
// without repeating a 文号.
//
// Each generated document is a corpus document (samples/) cut down and varied, so that the
// parser finds it as a document of its own with tasks, units and deadlines:
//   - its head (everything before the first outline item) with the 文号 rewritten to a new
//     year and serial, so every generated 文号 is unique;
//   - two to five of its top-level outline items, drawn at random (this varies the text, the
//     tasks and the units that search and the ledger see);
//   - its closing lines (signature, date) with the year of the 成文日期 rewritten.
// Output: OUT_DIR/load-00000.txt … with PER_FILE documents each, as `duban ingest` expects.
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "duban/parse.h"

namespace {

struct Template {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> items;  // top-level outline items, as lines
  std::vector<std::string> tail;
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> slice(const std::vector<std::string>& lines, int first, int last) {
  std::vector<std::string> out;
  for (int i = std::max(first, 1); i <= last && i <= static_cast<int>(lines.size()); ++i) {
    out.push_back(lines[i - 1]);
  }
  return out;
}

// Templates from every document of every sample that has a 文号 and at least two outline items.
std::vector<Template> load_templates(const std::filesystem::path& samples) {
  std::vector<Template> templates;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(samples)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  duban::ParseOptions options;
  options.ledger = false;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const std::vector<std::string> lines = split_lines(text);
    for (const duban::Document& doc :
         duban::parse(text, duban::Rules::builtin(), options).documents) {
      if (!doc.doc_number || doc.outline.size() < 2) continue;
      Template t;
      const int first_item = doc.outline.front().lines.start;
      const int last_item = doc.outline.back().lines.end;
      t.head = slice(lines, doc.lines.start, first_item - 1);
      for (const duban::OutlineNode& node : doc.outline) {
        t.items.push_back(slice(lines, node.lines.start, node.lines.end));
      }
      t.tail = slice(lines, last_item + 1, std::min(doc.lines.end, last_item + 12));
      templates.push_back(std::move(t));
    }
  }
  return templates;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "用法：gen_corpus 输出目录 文档数 [每文件文档数=1000] [随机种子=1] [起始编号=0]\n";
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  const long total = std::atol(argv[2]);
  const long per_file = argc > 3 ? std::atol(argv[3]) : 1000;
  const unsigned seed = argc > 4 ? static_cast<unsigned>(std::atol(argv[4])) : 1;
  const long first = argc > 5 ? std::atol(argv[5]) : 0;
  if (total <= 0 || per_file <= 0 || first < 0) {
    std::cerr << "文档数和每文件文档数须为正整数\n";
    return 2;
  }
  const std::vector<Template> templates = load_templates(DUBAN_SAMPLES_DIR);
  if (templates.empty()) {
    std::cerr << "样本中没有可用的文档\n";
    return 1;
  }
  std::filesystem::create_directories(out_dir);
  std::mt19937 rng(seed);
  // 文号 year brackets in any of the styles the corpus prints; the year inside is replaced.
  const RE2 doc_year(R"(([〔\[［【（(﹝])(\d{4})([〕\]］】）)﹞])\s*第?\s*(\d+)\s*号)");
  const RE2 date_year(R"((\d{4})(年\d{1,2}月\d{1,2}日))");
  std::ofstream out;
  std::size_t bytes = 0;
  for (long i = first; i < first + total; ++i) {
    if ((i - first) % per_file == 0) {
      char name[32];
      std::snprintf(name, sizeof name, "load-%05ld.txt", i / per_file);
      out.close();
      out.open(out_dir / name, std::ios::binary);
    }
    const Template& t = templates[static_cast<std::size_t>(i) % templates.size()];
    // (year, serial) is unique, so every generated 文号 is, whatever the 机关代字.
    const int year = 2015 + static_cast<int>(i % 12);
    const std::string serial = std::to_string(1 + i / 12);
    std::string doc;
    bool numbered = false;
    for (std::string line : t.head) {
      if (!numbered &&
          RE2::Replace(&line, doc_year, "\\1" + std::to_string(year) + "\\3" + serial + "号")) {
        numbered = true;
      }
      doc += line + '\n';
    }
    std::vector<std::size_t> picks(t.items.size());
    for (std::size_t k = 0; k < picks.size(); ++k) picks[k] = k;
    std::shuffle(picks.begin(), picks.end(), rng);
    const std::size_t keep =
        std::min(picks.size(), static_cast<std::size_t>(2 + rng() % 4));  // 2–5 items
    picks.resize(keep);
    std::sort(picks.begin(), picks.end());  // keep the items in document order
    for (std::size_t k : picks) {
      for (const std::string& line : t.items[k]) doc += line + '\n';
    }
    for (std::string line : t.tail) {
      RE2::GlobalReplace(&line, date_year, std::to_string(year) + "\\2");
      doc += line + '\n';
    }
    doc += '\n';
    bytes += doc.size();
    out << doc;
  }
  out.close();
  std::cout << "已生成 " << total << " 篇文档，" << (total + per_file - 1) / per_file << " 个文件，"
            << bytes / (1 << 20) << " MiB，模板 " << templates.size() << " 篇\n";
  return 0;
}
