# Writes OUTPUT, a C++ file defining darkfleet::cli::man_pages() from every MAN_DIR/*.md.
# Run at build time (cmake -P) so that editing a page rebuilds the binary.
file(GLOB pages "${MAN_DIR}/*.md")
list(SORT pages)
set(body "")
foreach(page ${pages})
  get_filename_component(name "${page}" NAME_WE)
  file(READ "${page}" text)
  string(APPEND body "      {\"${name}\", R\"darkfleet_man(${text})darkfleet_man\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from docs/man/*.md by embed_man_pages.cmake. Do not edit.
#include \"man_pages.hpp\"

namespace darkfleet::cli {

const std::vector<ManPage>& man_pages() {
  static const std::vector<ManPage> pages = {
${body}  };
  return pages;
}

}  // namespace darkfleet::cli
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
