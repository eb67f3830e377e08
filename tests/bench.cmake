# The benchmark (tests/bench/, docs/performance.md): built with the project so
# that it cannot rot, and run once on 100 synthetic records by ctest
# (bench.tiny), which checks that every phase produces its numbers and that
# they agree -- never how fast anything is. The real runs are manual:
#   build/tests/assoc_bench --sizes 10k,100k --dir /tmp/assoc-bench
add_executable(assoc_bench bench/assoc_bench.c bench/corpus.c)
target_link_libraries(assoc_bench PRIVATE assoc cjson)
target_compile_options(assoc_bench PRIVATE ${ASSOC_WARNINGS})
target_compile_definitions(assoc_bench PRIVATE _POSIX_C_SOURCE=200809L)

add_test(NAME bench.tiny
  COMMAND assoc_bench --sizes 100 --dir ${CMAKE_CURRENT_BINARY_DIR}/bench-corpus --check --quiet
          --json ${CMAKE_CURRENT_BINARY_DIR}/bench-tiny.json)
set_tests_properties(bench.tiny PROPERTIES LABELS bench)

# The Python benchmark, on the same 100 records, when the Python module is built.
if(TARGET assoc_python)
  get_target_property(ASSOC_BENCH_PY_PATH assoc_python ASSOC_PYTHONPATH)
  get_target_property(ASSOC_BENCH_PY_EXE assoc_python ASSOC_PYTHON_EXECUTABLE)
  set(ASSOC_BENCH_PY_ENV "PYTHONPATH=${ASSOC_BENCH_PY_PATH}" "PYTHONDONTWRITEBYTECODE=1")
  if(ASSOC_SANITIZE)
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
      OUTPUT_VARIABLE ASSOC_BENCH_LIBASAN OUTPUT_STRIP_TRAILING_WHITESPACE)
    list(APPEND ASSOC_BENCH_PY_ENV "LD_PRELOAD=${ASSOC_BENCH_LIBASAN}" "ASAN_OPTIONS=detect_leaks=0"
         "PYTHONMALLOC=malloc")
  endif()
  add_test(NAME bench.python.tiny
    COMMAND ${ASSOC_BENCH_PY_EXE} ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench.py --records 100 --check --quiet
            --corpus-tool $<TARGET_FILE:assoc_bench> --dir ${CMAKE_CURRENT_BINARY_DIR}/bench-corpus)
  set_tests_properties(bench.python.tiny PROPERTIES LABELS "bench;python" ENVIRONMENT "${ASSOC_BENCH_PY_ENV}")
endif()
