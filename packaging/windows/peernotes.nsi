; PeerNotes per-user installer (NSIS 3). No administrator rights: installs under the user's
; own programs folder, adds a Start-menu shortcut and the .peernotes association for this user
; only, and registers an uninstaller in Settings › Apps.
; Built by packaging/windows/installer.py, which passes:
;   /DVERSION=0.1.0 /DVERSION4=0.1.0.0 /DSOURCE=<dist\PeerNotes> /DFILES=<files.nsh>
;   /DUNFILES=<unfiles.nsh> /DROOT=<repository> /DOUTFILE=<setup.exe> [/DSTAND_IN]
;   [/DSIGN_COMMAND="signtool sign ... %1"]
; The uninstaller removes exactly the files the installer wrote (listed in UNFILES) and then
; only folders left empty: challenge files, backups and settings live elsewhere
; (Documents, %LOCALAPPDATA%\PeerNotes) and are never touched, even if someone saved one
; into the program folder.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
!include "MUI2.nsh"

!define APP "PeerNotes"
!define EXE "PeerNotes.exe"
!define PROGID "PeerNotes.Challenge"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\PeerNotes"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
!ifdef STAND_IN
  SetCompress off  ; the Linux stand-in only proves the script compiles
!else
  SetCompressor /SOLID lzma
!endif

!ifdef SIGN_COMMAND
  !finalize '${SIGN_COMMAND}'
  !uninstfinalize '${SIGN_COMMAND}'
!endif

!define MUI_ICON "${ROOT}\resources\icons\peernotes.ico"
!define MUI_UNICON "${ROOT}\resources\icons\peernotes.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${ROOT}\resources\licenses\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"  ; EnglishBritish is not in every NSIS (Debian's)

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP} installer (per user)"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "The PeerNotes contributors"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "The PeerNotes contributors. MIT licence."

Section "PeerNotes" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  !include "${FILES}"
  WriteUninstaller "$INSTDIR\Uninstall PeerNotes.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; .peernotes opens in PeerNotes, for this user only (HKCU\Software\Classes)
  WriteRegStr HKCU "Software\Classes\.peernotes" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "PeerNotes challenge"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The PeerNotes contributors"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall PeerNotes.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall PeerNotes.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  ; Only the association this installer made: another program's claim on .peernotes stays.
  ReadRegStr $0 HKCU "Software\Classes\.peernotes" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.peernotes"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  !include "${UNFILES}"
  Delete "$INSTDIR\Uninstall PeerNotes.exe"
  RMDir "$INSTDIR"  ; only if empty: anything a user put there stays
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP}"
SectionEnd
