# The tour notebook (examples/python/tour.ipynb), executed by Debian's
# jupyter-nbconvert with the python3 kernel (/usr/share/jupyter/kernels/python3
# runs /usr/bin/python3) and the package from the build tree. nbconvert
# fails on the first cell that raises. Jupyter, IPython and matplotlib keep
# their state in the build tree, not in $HOME.
if(NOT TARGET assoc_python)
  return()
endif()
get_target_property(ASSOC_PY_PATH assoc_python ASSOC_PYTHONPATH)
get_target_property(ASSOC_PY_EXE assoc_python ASSOC_PYTHON_EXECUTABLE)
execute_process(COMMAND ${ASSOC_PY_EXE} -c "import nbconvert, ipykernel, matplotlib"
  RESULT_VARIABLE ASSOC_NO_NBCONVERT OUTPUT_QUIET ERROR_QUIET)
if(ASSOC_NO_NBCONVERT)
  message(STATUS "libassoc: nbconvert, ipykernel or matplotlib missing for ${ASSOC_PY_EXE}: the notebook test is "
                 "skipped (Debian: apt install jupyter-nbconvert python3-ipykernel python3-matplotlib)")
  return()
endif()

set(ASSOC_NB_DIR ${CMAKE_CURRENT_BINARY_DIR}/notebook)
set(ASSOC_NB_ENV
  "PYTHONPATH=${ASSOC_PY_PATH}"
  "ASSOC_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "ASSOC_SHARED_DIR=${ASSOC_SHARED_DIR}"
  "PYTHONDONTWRITEBYTECODE=1"
  "MPLBACKEND=Agg"
  "MPLCONFIGDIR=${ASSOC_NB_DIR}/mplconfig"
  "IPYTHONDIR=${ASSOC_NB_DIR}/ipython"
  "JUPYTER_RUNTIME_DIR=${ASSOC_NB_DIR}/runtime"
  "JUPYTER_PLATFORM_DIRS=1")
if(ASSOC_SANITIZE)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
    OUTPUT_VARIABLE ASSOC_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
  list(APPEND ASSOC_NB_ENV "LD_PRELOAD=${ASSOC_LIBASAN}" "ASAN_OPTIONS=detect_leaks=0" "ASSOC_SANITIZE=1")
endif()

file(GLOB ASSOC_NOTEBOOKS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/python/*.ipynb)
foreach(nb IN LISTS ASSOC_NOTEBOOKS)
  get_filename_component(name ${nb} NAME_WE)
  add_test(NAME notebook.${name}
    COMMAND ${ASSOC_PY_EXE} -m nbconvert --to notebook --execute
            --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600
            --output-dir ${ASSOC_NB_DIR} ${nb}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(notebook.${name} PROPERTIES ENVIRONMENT "${ASSOC_NB_ENV}" LABELS "python;notebook")
endforeach()
