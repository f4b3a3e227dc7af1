# Every dependency comes from a Debian package (see scripts/install-deps.sh and docs/dependencies.md).
find_package(PkgConfig REQUIRED)
find_package(simdjson REQUIRED)

pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
add_library(storyline_deps::xxhash ALIAS PkgConfig::XXHASH)

pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
add_library(storyline_deps::utf8proc ALIAS PkgConfig::UTF8PROC)

# libstemmer ships no pkg-config file or CMake config on Debian 12.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(storyline_deps_stemmer INTERFACE)
target_include_directories(storyline_deps_stemmer INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(storyline_deps_stemmer INTERFACE ${STEMMER_LIBRARY})
add_library(storyline_deps::stemmer ALIAS storyline_deps_stemmer)

# Charset detection for undeclared HTML pages (Mozilla's universal detector).
pkg_check_modules(UCHARDET REQUIRED IMPORTED_TARGET uchardet)
add_library(storyline_deps::uchardet ALIAS PkgConfig::UCHARDET)

# ICU common library: legacy charset converters (ucnv) for HTML decoding.
pkg_check_modules(ICU_UC REQUIRED IMPORTED_TARGET icu-uc)
add_library(storyline_deps::icu ALIAS PkgConfig::ICU_UC)

# zlib: gunzip of .html.gz pages.
find_package(ZLIB REQUIRED)
add_library(storyline_deps::zlib ALIAS ZLIB::ZLIB)

find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)

if(STORYLINE_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(STORYLINE_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
