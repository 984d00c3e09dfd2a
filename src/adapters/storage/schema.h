// adapters/storage/schema.h: the numbered migrations, one logical schema for both backends.
#ifndef DUBAN_ADAPTERS_STORAGE_SCHEMA_H_
#define DUBAN_ADAPTERS_STORAGE_SCHEMA_H_

#include <string>
#include <vector>

#include "adapters/storage/db.h"

namespace duban::store {

//! Migration i (0-based) brings the schema from version i to version i + 1.
const std::vector<std::string>& migrations(Dialect dialect);

//! The version after which documents and tasks must be (re)indexed for search: migrations
//! cannot run the analyzer, so the storage does it in C++ after migrating past it.
inline constexpr int kSearchIndexVersion = 2;

}  // namespace duban::store

#endif  // DUBAN_ADAPTERS_STORAGE_SCHEMA_H_
