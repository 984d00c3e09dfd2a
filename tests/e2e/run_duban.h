// Helpers for the end-to-end tests: run the built `duban` binary (DUBAN_BINARY) in a shell
// with its standard streams redirected to files, and a per-test temporary directory.
#ifndef DUBAN_TESTS_E2E_RUN_DUBAN_H_
#define DUBAN_TESTS_E2E_RUN_DUBAN_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace duban::e2e {

//! `s` as one single-quoted shell word.
inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

//! A fresh directory for the running test, named after it.
inline std::filesystem::path make_test_dir(const std::string& prefix) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              (prefix + "_" + std::to_string(::getpid()) + "_" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  return dir;
}

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

//! Runs `duban args...` with stdin from `stdin_path`; stdout and stderr go through files in
//! `dir`. The exit code is -1 if the process did not exit normally.
inline Run run_duban(const std::filesystem::path& dir, const std::vector<std::string>& args,
                     const std::string& stdin_path = "/dev/null") {
  std::string cmd = quote(DUBAN_BINARY);
  // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict) on `cmd += " " + quote(a)`.
  for (const std::string& a : args) {
    cmd += ' ';
    cmd += quote(a);
  }
  cmd += " <";
  cmd += quote(stdin_path);
  cmd += " >";
  cmd += quote((dir / "out").string());
  cmd += " 2>";
  cmd += quote((dir / "err").string());
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

}  // namespace duban::e2e

#endif  // DUBAN_TESTS_E2E_RUN_DUBAN_H_
