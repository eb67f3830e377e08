# Regression inputs (tests/regress/<target>/): every input a fuzzer or a
# review ever found misbehaving, replayed through the fuzz target of that
# name (tests/fuzz.cmake builds fuzz_<target>_replay), in the normal and the
# sanitizer builds. tests/regress/README.md lists what each input was.
file(GLOB ASSOC_REGRESS_DIRS LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/regress/*)
foreach(dir IN LISTS ASSOC_REGRESS_DIRS)
  if(IS_DIRECTORY ${dir})
    get_filename_component(t ${dir} NAME)
    if(TARGET fuzz_${t}_replay)
      add_test(NAME regress.${t} COMMAND fuzz_${t}_replay ${dir})
      set_tests_properties(regress.${t} PROPERTIES LABELS regress)
    else()
      message(WARNING "tests/regress/${t}: no fuzz target of that name")
    endif()
  endif()
endforeach()
