# The demo office with its opening hours and daily quotas removed, written into the build
# tree as ANTRE_TEST_OFFICE. Tests and benchmarks that issue walk-in tickets against `--demo`
# use it, so they pass at any hour; the demo itself keeps realistic hours. The text is
# edited, not re-serialised, so tests that patch it by search-and-replace keep working.
# Re-generated whenever assets/demo-office.json changes.
set(_demo "${PROJECT_SOURCE_DIR}/assets/demo-office.json")
set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_demo}")
file(READ "${_demo}" _office)
string(REGEX REPLACE ",[ \n]*\"hours\": *{[^{}]*}" "" _office "${_office}")
string(REGEX REPLACE ",[ \n]*\"daily_quota\": *[0-9]+" "" _office "${_office}")
string(JSON _sites LENGTH "${_office}" sites)
math(EXPR _last_site "${_sites} - 1")
foreach(_i RANGE ${_last_site})
  string(JSON _services LENGTH "${_office}" sites ${_i} services)
  math(EXPR _last_service "${_services} - 1")
  foreach(_j RANGE ${_last_service})
    string(JSON _left ERROR_VARIABLE _none GET "${_office}" sites ${_i} services ${_j} hours)
    if(_none STREQUAL "NOTFOUND")
      message(FATAL_ERROR "cmake/test_office.cmake could not strip the hours of service ${_j}")
    endif()
  endforeach()
endforeach()
set(ANTRE_TEST_OFFICE "${PROJECT_BINARY_DIR}/always-open-office.json")
file(WRITE "${ANTRE_TEST_OFFICE}" "${_office}")
