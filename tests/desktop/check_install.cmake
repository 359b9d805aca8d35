# cmake -DBINARY_DIR=... -DPREFIX=... -DAPP_ID=... -P check_install.cmake
# `cmake --install` into an empty prefix puts the binary, the desktop entry, the
# metainfo and the scalable icon where desktops and software centres look.
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${PREFIX} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}${err}")
endif()
set(missing "")
foreach(f bin/aimathlab share/applications/${APP_ID}.desktop share/metainfo/${APP_ID}.metainfo.xml
          share/icons/hicolor/scalable/apps/${APP_ID}.svg share/doc/aimathlab/LICENSE)
  if(NOT EXISTS ${PREFIX}/${f})
    list(APPEND missing ${f})
  endif()
endforeach()
file(REMOVE_RECURSE ${PREFIX})
if(missing)
  message(FATAL_ERROR "not installed: ${missing}")
endif()
message(STATUS "installed: binary, desktop entry, metainfo, icon, licence")
