// adapters/io/input_error.h: the one error type of the io adapter.
#ifndef DUBAN_ADAPTERS_IO_INPUT_ERROR_H_
#define DUBAN_ADAPTERS_IO_INPUT_ERROR_H_

#include <stdexcept>
#include <string>
#include <utility>

namespace duban::io {

//! An input that cannot be read as text: missing, a directory, empty, binary, in an
//! encoding that is not accepted, or unreadable. what() is one line: "<file>: <reason>".
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::string reason)
      : std::runtime_error(file + ": " + reason),
        file_(std::move(file)),
        reason_(std::move(reason)) {}

  //! The file as the caller named it ("-" for standard input).
  const std::string& file() const noexcept { return file_; }
  //! The reason alone, e.g. "empty file" or "invalid UTF-8 at byte offset 17".
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string file_;
  std::string reason_;
};

}  // namespace duban::io

#endif  // DUBAN_ADAPTERS_IO_INPUT_ERROR_H_
