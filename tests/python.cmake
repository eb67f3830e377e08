# Python tests: pytest (Debian python3-pytest) run by the interpreter the
# module was built for, with the package from the build tree on PYTHONPATH.
# One ctest entry per tests/python/test_*.py (py.<name>), and one per
# example script (example.py.<name>).
if(NOT TARGET assoc_python)
  return()
endif()
get_target_property(ASSOC_PY_PATH assoc_python ASSOC_PYTHONPATH)
get_target_property(ASSOC_PY_EXE assoc_python ASSOC_PYTHON_EXECUTABLE)

execute_process(COMMAND ${ASSOC_PY_EXE} -c "import pytest" RESULT_VARIABLE ASSOC_NO_PYTEST OUTPUT_QUIET ERROR_QUIET)
if(ASSOC_NO_PYTEST)
  message(STATUS "libassoc: pytest not found for ${ASSOC_PY_EXE}: the Python tests are skipped "
                 "(Debian: apt install python3-pytest)")
  return()
endif()

# The environment of every binding test; under the sanitizers the
# interpreter (not instrumented) must load the ASan runtime first, and
# CPython's own allocations at exit are not leaks of ours.
set(ASSOC_PY_TEST_ENV
  "PYTHONPATH=${ASSOC_PY_PATH}"
  "ASSOC_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "ASSOC_SHARED_DIR=${ASSOC_SHARED_DIR}"
  "PYTHONDONTWRITEBYTECODE=1"
  "MPLBACKEND=Agg"
  "MPLCONFIGDIR=${CMAKE_CURRENT_BINARY_DIR}/mplconfig")
if(ASSOC_SANITIZE)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
    OUTPUT_VARIABLE ASSOC_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
  list(APPEND ASSOC_PY_TEST_ENV "LD_PRELOAD=${ASSOC_LIBASAN}" "ASAN_OPTIONS=detect_leaks=0"
       "PYTHONMALLOC=malloc" "ASSOC_SANITIZE=1")
endif()

file(GLOB ASSOC_PY_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/python/test_*.py)
foreach(test IN LISTS ASSOC_PY_TESTS)
  get_filename_component(name ${test} NAME_WE)
  string(REPLACE "test_" "" name ${name})
  add_test(NAME py.${name}
    COMMAND ${ASSOC_PY_EXE} -m pytest -q -p no:cacheprovider ${test}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(py.${name} PROPERTIES ENVIRONMENT "${ASSOC_PY_TEST_ENV}" LABELS python)
endforeach()

# The example scripts run as a user would run them, from the project root.
file(GLOB ASSOC_PY_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/python/*.py)
foreach(script IN LISTS ASSOC_PY_EXAMPLES)
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME example.py.${name} COMMAND ${ASSOC_PY_EXE} ${script} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(example.py.${name} PROPERTIES ENVIRONMENT "${ASSOC_PY_TEST_ENV}" LABELS "python;examples")
endforeach()

# The documented install: both modules import from an installed tree.
if(TARGET assoc_lua)
  get_target_property(ASSOC_LUA_EXE_FOR_INSTALL assoc_lua ASSOC_LUA_INTERPRETER)
  add_test(NAME install.bindings
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/python/check_install.sh ${PROJECT_BINARY_DIR}
            ${CMAKE_CURRENT_BINARY_DIR}/install-bindings ${ASSOC_PY_EXE} ${ASSOC_PYTHON_INSTALL_DIR}
            ${ASSOC_LUA_EXE_FOR_INSTALL} ${ASSOC_LUA_INSTALL_DIR} ${CMAKE_INSTALL_PREFIX})
  set_tests_properties(install.bindings PROPERTIES LABELS "install;python;lua;nosan" RESOURCE_LOCK cmake_install)
endif()
