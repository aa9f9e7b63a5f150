# darkfleet_module(NAME SOURCES ... DEPENDS ...) declares the static library darkfleet::NAME.
# darkfleet_test(NAME SOURCES ... DEPENDS ... [LABELS ...]) declares a GoogleTest executable whose
# cases are registered with CTest (label "fast" unless given).
function(darkfleet_module name)
  cmake_parse_arguments(arg "" "" "SOURCES;DEPENDS" ${ARGN})
  add_library(darkfleet_${name} STATIC ${arg_SOURCES})
  add_library(darkfleet::${name} ALIAS darkfleet_${name})
  target_include_directories(darkfleet_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include
                                               PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(darkfleet_${name} PUBLIC ${arg_DEPENDS} PRIVATE darkfleet_warnings)
endfunction()

function(darkfleet_test name)
  cmake_parse_arguments(arg "" "" "SOURCES;DEPENDS;LABELS" ${ARGN})
  if(NOT DARKFLEET_TESTS)
    return()
  endif()
  if(NOT arg_LABELS)
    set(arg_LABELS fast)
  endif()
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_DEPENDS} GTest::gtest GTest::gtest_main darkfleet_warnings)
  target_compile_definitions(${name} PRIVATE
    DARKFLEET_SHARED_DATA="${DARKFLEET_SHARED_DATA}"
    DARKFLEET_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_dependencies(${name} darkfleet_gdal)  # loaded at run time by whatever reads GDAL formats
  gtest_discover_tests(${name} PROPERTIES LABELS "${arg_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()
