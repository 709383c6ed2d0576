# `cmake --install` and `cpack -G DEB`: the binary, its man page and shell completions (written by
# the built binary from its own command table, so they cannot drift from it), and the built-in
# profiles and schemas as documentation. The library (include/verity, verity_core) is not
# installed: it is verity's internals, linked by its tests, with no stable interface promised.
include(GNUInstallDirs)

install(TARGETS verity RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

if(NOT VERITY_FUZZ)
  set(_gen ${CMAKE_BINARY_DIR}/generated)
  set(_docs ${_gen}/verity.1 ${_gen}/verity.bash ${_gen}/_verity ${_gen}/verity.fish)
  add_custom_command(OUTPUT ${_docs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_gen}
    COMMAND sh -c "\"$1\" manpage > \"$2/verity.1\" && \"$1\" completions bash > \"$2/verity.bash\" && \"$1\" completions zsh > \"$2/_verity\" && \"$1\" completions fish > \"$2/verity.fish\"" sh $<TARGET_FILE:verity> ${_gen}
    DEPENDS verity
    COMMENT "Writing the man page and shell completions"
    VERBATIM)
  add_custom_target(verity_docs ALL DEPENDS ${_docs})
  install(FILES ${_gen}/verity.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${_gen}/verity.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME verity)
  install(FILES ${_gen}/_verity DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
  install(FILES ${_gen}/verity.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
endif()

install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/report.schema.json
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/config/profiles ${PROJECT_SOURCE_DIR}/src/config/defaults
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/builtin)
install(FILES ${PROJECT_SOURCE_DIR}/src/config/verity-config.schema.yaml
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/builtin)

# Debian package: runtime dependencies read off the binary's shared libraries (dpkg-shlibdeps).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME verity)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "verity")
set(CPACK_PACKAGE_CONTACT "verity maintainers <verity@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "content-integrity and secret-field verifier for Jekyll-style Markdown sites")
set(CPACK_PACKAGE_DESCRIPTION
    "verity checks sites kept as Markdown/HTML with YAML front matter: schema rules per\n collection, the secured field, image sizes, links resolved to Jekyll's URLs, with\n file:line:col, in text, JSON, SARIF, JUnit, Markdown or HTML.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/verity/verity")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_INSTALL_DIRECTORY verity)
set(CPACK_SET_DESTDIR OFF)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
