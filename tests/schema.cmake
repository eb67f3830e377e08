# schema.examples: the shipped examples are valid against the JSON Schema of
# the format (docs/libassoc-1.schema.json), and the schema rejects known-bad
# documents. Needs Python 3 with the jsonschema module (Debian:
# python3-jsonschema); pass -DPython3_EXECUTABLE=/usr/bin/python3 to pick
# the interpreter that has it.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME schema.examples
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/schema/check_examples.py ${PROJECT_SOURCE_DIR})
  set_tests_properties(schema.examples PROPERTIES LABELS schema)
else()
  message(STATUS "Python 3 not found: schema.examples test disabled")
endif()
