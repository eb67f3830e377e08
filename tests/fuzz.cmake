# Fuzz targets (tests/fuzz/fuzz_<target>.c, docs/testing.md "Fuzzing").
#
# Every build compiles each target with a small replay driver
# (fuzz_<target>_replay) and registers the ctest entry fuzz.<target>, which
# runs it on the seed corpus: in the normal build that checks the targets'
# properties on the seeds, in the sanitizer build (-DASSOC_SANITIZE=ON) it
# does so under ASan + UBSan. With -DASSOC_FUZZ=ON (clang, and the whole
# build compiled with -fsanitize=fuzzer-no-link,address,undefined, as
# tests/ci/fuzz.sh configures it) the real libFuzzer binaries fuzz_<target>
# are built too.
option(ASSOC_FUZZ "Also build the libFuzzer binaries (clang; see tests/ci/fuzz.sh)" OFF)
set(ASSOC_FUZZ_TARGETS model jsonl profile label)
set(ASSOC_FUZZ_SEEDS ${CMAKE_CURRENT_BINARY_DIR}/fuzz-seeds)

# Seeds generated from the bad-input catalogue and the vocabularies.
add_executable(assoc_fuzz_seedgen fuzz/seedgen.c)
target_link_libraries(assoc_fuzz_seedgen PRIVATE assoc_test_harness)
target_compile_options(assoc_fuzz_seedgen PRIVATE ${ASSOC_WARNINGS})
add_custom_command(OUTPUT ${ASSOC_FUZZ_SEEDS}/.stamp
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${ASSOC_FUZZ_SEEDS}
  COMMAND assoc_fuzz_seedgen ${ASSOC_FUZZ_SEEDS}
  COMMAND ${CMAKE_COMMAND} -E touch ${ASSOC_FUZZ_SEEDS}/.stamp
  DEPENDS assoc_fuzz_seedgen
  COMMENT "Generating the fuzz seed corpora")
add_custom_target(assoc_fuzz_seeds ALL DEPENDS ${ASSOC_FUZZ_SEEDS}/.stamp)

# Seeds that are files of the source tree, per target.
set(ASSOC_FUZZ_EXTRA_model ${PROJECT_SOURCE_DIR}/examples/data)
set(ASSOC_FUZZ_EXTRA_jsonl ${PROJECT_SOURCE_DIR}/examples/data)
set(ASSOC_FUZZ_EXTRA_profile ${PROJECT_SOURCE_DIR}/docs/profile-default.json)
set(ASSOC_FUZZ_EXTRA_label "")

function(assoc_fuzz_target_setup target)
  target_link_libraries(${target} PRIVATE assoc_static)
  target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fuzz ${PROJECT_SOURCE_DIR}/lib)
  target_compile_definitions(${target} PRIVATE ASSOC_SOURCE_DIR="${PROJECT_SOURCE_DIR}" _POSIX_C_SOURCE=200809L)
  target_compile_options(${target} PRIVATE ${ASSOC_WARNINGS})
endfunction()

foreach(t IN LISTS ASSOC_FUZZ_TARGETS)
  add_executable(fuzz_${t}_replay fuzz/fuzz_${t}.c fuzz/replay.c)
  assoc_fuzz_target_setup(fuzz_${t}_replay)
  add_dependencies(fuzz_${t}_replay assoc_fuzz_seeds)
  add_test(NAME fuzz.${t} COMMAND fuzz_${t}_replay ${ASSOC_FUZZ_SEEDS}/${t} ${ASSOC_FUZZ_EXTRA_${t}})
  set_tests_properties(fuzz.${t} PROPERTIES LABELS fuzz)
  if(ASSOC_FUZZ)
    add_executable(fuzz_${t} fuzz/fuzz_${t}.c)
    assoc_fuzz_target_setup(fuzz_${t})
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
  endif()
endforeach()
