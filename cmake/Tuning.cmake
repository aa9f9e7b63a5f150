# Code generation choices measured with bench/ (docs/performance.md).
#
# Decoding constructs a fresh message struct (100-600 bytes, zeroed by its member
# initialisers) whenever a batch slot changes message type. GCC's default x86 strategy
# zeroes such blocks with `rep stos`, whose start-up cost was about 6 % of
# `decode --format none`; unrolled moves are faster at these sizes and cost nothing elsewhere.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  add_compile_options(-mstringop-strategy=unrolled_loop)
endif()
