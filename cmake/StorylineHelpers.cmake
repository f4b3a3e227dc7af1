function(storyline_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  if(STORYLINE_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()

# storyline_add_test(NAME SOURCES... [LABELS l...])
# One GoogleTest binary per stage folder; each TEST becomes a CTest case with the given labels.
function(storyline_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LABELS" ${ARGN})
  if(NOT STORYLINE_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE storyline storyline_testing GTest::gtest GTest::gtest_main
    storyline_deps::xxhash storyline_deps::utf8proc storyline_deps::stemmer simdjson::simdjson)
  target_compile_definitions(${name} PRIVATE
    STORYLINE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    STORYLINE_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  storyline_set_warnings(${name})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()
