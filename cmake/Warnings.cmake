# Project-wide warning flags. DARKFLEET_WERROR (on in CI) makes them errors.
add_library(darkfleet_warnings INTERFACE)
target_compile_options(darkfleet_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 at -O3 reports -Wrestrict inside libstdc++ for `"literal" + std::string` (GCC bug
  # 105329, fixed in 13): a false positive in library code, not in ours.
  target_compile_options(darkfleet_warnings INTERFACE -Wno-restrict)
endif()
if(DARKFLEET_WERROR)
  target_compile_options(darkfleet_warnings INTERFACE -Werror)
endif()
