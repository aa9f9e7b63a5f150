// Finds and loads libdarkfleet_gdal.so on first use (see darkfleet/io/gdal_plugin.hpp for why).
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "darkfleet/io/gdal_plugin.hpp"

namespace darkfleet::io::gdal {
namespace {

constexpr const char* k_file = "libdarkfleet_gdal.so";

std::vector<std::filesystem::path> candidates() {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): darkfleet never sets environment variables
  if (const char* env = std::getenv("DARKFLEET_GDAL_PLUGIN"); env != nullptr && *env != '\0') {
    return {env};  // an explicit choice: nothing else is tried
  }
  std::vector<std::filesystem::path> paths;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    paths.push_back(exe.parent_path() / k_file);
    paths.push_back(exe.parent_path().parent_path() / "lib" / "darkfleet" / k_file);
  }
  paths.emplace_back(DARKFLEET_GDAL_PLUGIN_BUILT);
  return paths;
}

const Api* load() {
  std::string tried;
  for (const auto& path : candidates()) {
    if (!std::filesystem::exists(path)) {
      tried += fmt::format("\n  {} (not there)", path.string());
      continue;
    }
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      tried += fmt::format("\n  {} ({})", path.string(), ::dlerror());
      continue;
    }
    using Entry = const Api* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "darkfleet_gdal_api"));
    const Api* api = entry != nullptr ? entry() : nullptr;
    if (api == nullptr || api->version != k_api_version) {
      tried += fmt::format("\n  {} (not a darkfleet GDAL plugin of this version)", path.string());
      ::dlclose(handle);
      continue;
    }
    return api;  // never unloaded: GDAL keeps global state until exit
  }
  throw std::runtime_error(fmt::format(
      "this needs GDAL, which darkfleet loads from its plugin {} (built with darkfleet; "
      "set DARKFLEET_GDAL_PLUGIN to its path), but found none:{}",
      k_file, tried));
}

}  // namespace

const Api& api() {
  static std::once_flag once;
  static const Api* loaded = nullptr;
  std::call_once(once, [] { loaded = load(); });
  return *loaded;
}

}  // namespace darkfleet::io::gdal
