# Lua tests: the test scripts of tests/lua run by lua5.4 with the module from
# the build tree on LUA_CPATH (lua.<name>), and one entry per example script
# (example.lua.<name>).
if(NOT TARGET assoc_lua)
  return()
endif()
get_target_property(ASSOC_LUA_DIR assoc_lua ASSOC_LUA_CPATH)
get_target_property(ASSOC_LUA_EXE assoc_lua ASSOC_LUA_INTERPRETER)
if(NOT ASSOC_LUA_EXE)
  message(STATUS "libassoc: no lua5.4 interpreter: the Lua tests are skipped (Debian: apt install lua5.4)")
  return()
endif()

set(ASSOC_LUA_TEST_ENV
  "LUA_CPATH=${ASSOC_LUA_DIR}/?.so\;\;"
  "ASSOC_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "ASSOC_SHARED_DIR=${ASSOC_SHARED_DIR}")
if(ASSOC_SANITIZE)
  # lua5.4 is not instrumented: preload the ASan runtime. Lua frees
  # everything at exit (lua_close), so leak detection stays on.
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
    OUTPUT_VARIABLE ASSOC_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
  list(APPEND ASSOC_LUA_TEST_ENV "LD_PRELOAD=${ASSOC_LIBASAN}" "ASSOC_SANITIZE=1")
endif()

file(GLOB ASSOC_VECTOR_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/vectors/*.json)
file(GLOB ASSOC_LUA_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/lua/test_*.lua)
foreach(test IN LISTS ASSOC_LUA_TESTS)
  get_filename_component(name ${test} NAME_WE)
  string(REPLACE "test_" "" name ${name})
  set(args)
  if(name STREQUAL "vectors")
    set(args ${ASSOC_VECTOR_FILES})
  endif()
  add_test(NAME lua.${name} COMMAND ${ASSOC_LUA_EXE} ${test} ${args} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(lua.${name} PROPERTIES ENVIRONMENT "${ASSOC_LUA_TEST_ENV}" LABELS lua)
endforeach()

file(GLOB ASSOC_LUA_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/lua/*.lua)
foreach(script IN LISTS ASSOC_LUA_EXAMPLES)
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME example.lua.${name} COMMAND ${ASSOC_LUA_EXE} ${script} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(example.lua.${name} PROPERTIES ENVIRONMENT "${ASSOC_LUA_TEST_ENV}" LABELS "lua;examples")
endforeach()
