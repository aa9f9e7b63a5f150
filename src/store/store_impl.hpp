// The Store's private state, shared by store.cpp and batch_writer.cpp.
#pragma once

#include <memory>

#include "darkfleet/store/store.hpp"
#include "sqlite.hpp"

namespace darkfleet::store {

struct Store::Impl {
  Impl(const std::string& path, bool read_only) : db(path, read_only, !read_only) {}
  detail::Connection db;
  bool read_only = false;
};

}  // namespace darkfleet::store
