// adapters/storage/schema.h: the numbered migrations, one logical schema for both backends.
#ifndef DUBAN_ADAPTERS_STORAGE_SCHEMA_H_
#define DUBAN_ADAPTERS_STORAGE_SCHEMA_H_

#include <string>
#include <vector>

#include "adapters/storage/db.h"

namespace duban::store {

//! Migration i (0-based) brings the schema from version i to version i + 1.
const std::vector<std::string>& migrations(Dialect dialect);

//! Whether documents and tasks must be indexed again for search once the schema reaches
//! `version`: migrations cannot run the analyzer, so the storage does it in C++ after
//! migrating past it.
bool migration_needs_reindex(Dialect dialect, int version);

}  // namespace duban::store

#endif  // DUBAN_ADAPTERS_STORAGE_SCHEMA_H_
