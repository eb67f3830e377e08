# The C demo (README's first command) on the seed example.
if(ASSOC_EXAMPLES)
  add_test(NAME examples.demo
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/examples/check_demo.sh $<TARGET_FILE:assoc_demo>
            ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/demo-work)
  set_tests_properties(examples.demo PROPERTIES LABELS examples)
endif()
