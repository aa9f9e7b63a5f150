# ASan + UBSan for the dev preset: every error aborts, so a test that trips one fails.
if(DARKFLEET_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
