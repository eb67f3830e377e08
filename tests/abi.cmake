# abi.exports: every symbol exported by libassoc.so starts with assoc_ and
# is declared with ASSOC_EXTERN in a public header, and every such
# declaration is exported (tests/abi/check_exports.py, `nm -D`). The ABI
# baseline comparison (abidiff against abi/libassoc.abi) is tests/ci/abi.sh.
find_package(Python3 COMPONENTS Interpreter)
find_program(ASSOC_NM nm)
if(Python3_Interpreter_FOUND AND ASSOC_NM)
  add_test(NAME abi.exports
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/abi/check_exports.py
                   $<TARGET_FILE:assoc> ${PROJECT_SOURCE_DIR}/include)
  set_tests_properties(abi.exports PROPERTIES LABELS abi)
else()
  message(STATUS "Python 3 or nm not found: abi.exports test disabled")
endif()
