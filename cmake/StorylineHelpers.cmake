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
    STORYLINE_SHARED_DIR="${STORYLINE_SHARED_DIR}")
  storyline_set_warnings(${name})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()

# The library's layers, lowest first. Each src/<layer>/ folder is one static library that sees
# only its own headers and those of the layers before it in this list (its own include tree of
# links under the build directory), so an include that reaches up to a later layer does not
# compile, and a call that does so does not link. tests/layering_test.cc checks the same order
# on the sources.
set(STORYLINE_LAYERS common text extract ingest dedup cluster summarize stories format store pipeline
    CACHE INTERNAL "Storyline's library layers, lowest first")

# storyline_add_layer(<layer> SOURCES <file>... [HEADERS <public header>...] [LIBS <target>...])
# Defines storyline_<layer> from SOURCES, its public headers (names in include/storyline/) and the
# third-party libraries its sources use. Every layer listed before it in STORYLINE_LAYERS is
# linked in; no later one is visible.
function(storyline_add_layer layer)
  cmake_parse_arguments(ARG "" "" "SOURCES;HEADERS;LIBS" ${ARGN})
  set(target storyline_${layer})
  set(tree ${PROJECT_BINARY_DIR}/layers/${layer})
  file(REMOVE_RECURSE ${tree})
  file(MAKE_DIRECTORY ${tree}/storyline)
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${layer} ${tree}/${layer} SYMBOLIC)
  foreach(header ${ARG_HEADERS})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/include/storyline/${header} ${tree}/storyline/${header}
         SYMBOLIC)
  endforeach()
  add_library(${target} STATIC ${ARG_SOURCES})
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${tree}>)
  target_compile_features(${target} PUBLIC cxx_std_20)
  foreach(lower ${STORYLINE_LAYERS})
    if(lower STREQUAL layer)
      break()
    endif()
    if(NOT TARGET storyline_${lower})
      message(FATAL_ERROR "layer ${layer} is defined before the lower layer ${lower}")
    endif()
    target_link_libraries(${target} PRIVATE storyline_${lower})
  endforeach()
  target_link_libraries(${target} PRIVATE ${ARG_LIBS})
  storyline_set_warnings(${target})
  string(REPLACE ";" "," headers "${ARG_HEADERS}")
  set_property(GLOBAL APPEND PROPERTY STORYLINE_PUBLIC_HEADERS "${layer}:${headers}")
endfunction()
