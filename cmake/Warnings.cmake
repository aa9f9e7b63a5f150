# Project-wide warning flags. DARKFLEET_WERROR (on in CI) makes them errors.
add_library(darkfleet_warnings INTERFACE)
target_compile_options(darkfleet_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough)
if(DARKFLEET_WERROR)
  target_compile_options(darkfleet_warnings INTERFACE -Werror)
endif()
