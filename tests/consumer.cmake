# Out-of-tree consumer against the installed library (CMake package and pkg-config).
# Not run in the sanitizer build: the consumer is built without sanitizers.
add_test(NAME install.consumer
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/consumer/run.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
          ${CMAKE_CURRENT_BINARY_DIR}/consumer-work)
set_tests_properties(install.consumer PROPERTIES LABELS "install;nosan" RESOURCE_LOCK cmake_install)
