// The Store's private state, shared by store.cpp and batch_writer.cpp.
#pragma once

#include <memory>

#include "darkfleet/store/store.hpp"
#include "sqlite.hpp"

namespace darkfleet::store {

struct Store::Impl {
  Impl(const std::string& path, bool ro) : db(path, ro, !ro), read_only(ro) {}
  detail::Connection db;
  bool read_only = false;
};

}  // namespace darkfleet::store
