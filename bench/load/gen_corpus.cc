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
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bench/load/document_variants.h"

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
  // Every document with a 文号 and an outline, its 文号 printed in the head or not (a
  // template whose 文号 is elsewhere repeats its own: those variants count as unchanged).
  const std::vector<duban::load::Template> templates =
      duban::load::load_templates(DUBAN_SAMPLES_DIR, /*number_in_head=*/false);
  if (templates.empty()) {
    std::cerr << "样本中没有可用的文档\n";
    return 1;
  }
  std::filesystem::create_directories(out_dir);
  std::mt19937 rng(seed);
  std::ofstream out;
  std::size_t bytes = 0;
  for (long i = first; i < first + total; ++i) {
    if ((i - first) % per_file == 0) {
      char name[32];
      std::snprintf(name, sizeof name, "load-%05ld.txt", i / per_file);
      out.close();
      out.open(out_dir / name, std::ios::binary);
    }
    const duban::load::Template& t = templates[static_cast<std::size_t>(i) % templates.size()];
    // (year, serial) is unique, so every generated 文号 is, whatever the 机关代字.
    const int year = 2015 + static_cast<int>(i % 12);
    const std::string doc =
        duban::load::make_variant(t, year, std::to_string(1 + i / 12), rng, /*date_year=*/true);
    bytes += doc.size();
    out << doc;
  }
  out.close();
  std::cout << "已生成 " << total << " 篇文档，" << (total + per_file - 1) / per_file << " 个文件，"
            << bytes / (1 << 20) << " MiB，模板 " << templates.size() << " 篇\n";
  return 0;
}
