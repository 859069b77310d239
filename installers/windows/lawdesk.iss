; Inno Setup script: the Windows installer of LawDesk 行政执法工作站.
; Built on Windows from the PyInstaller folder dist\lawdesk (installers\lawdesk.spec):
; see installers\README.md for the exact steps. Inno Setup 6.3 or newer.
;
; - Chinese installer UI (ChineseSimplified.isl next to this file, see the README).
; - Per machine: Program Files\LawDesk, for every user; needs an administrator.
; - Start menu entry 行政执法工作站 (lawdeskw.exe: the window, no console); lawdesk.exe
;   beside it is the command line (e.g. `lawdesk self-check`).
; - No file association: evidence packages are ordinary .zip files, and a .zip belongs
;   to the user's archive program.
; - Silent mass deployment: lawdesk-VERSION-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   (add /DIR="D:\LawDesk" for another folder, /LOG="C:\lawdesk-setup.log" for a log).
; - Upgrades install over the older version (same AppId) after closing a running LawDesk;
;   the program folder is replaced whole. The data folder (%LOCALAPPDATA%\LawDesk or
;   wherever LAWDESK_HOME points) is never touched by installing, upgrading or removing:
;   LawDesk migrates it on first start, after a backup (lawdesk restore-backup FILE goes
;   back, see installers\README.md).
; The file is UTF-8 with a byte order mark: Inno Setup reads the Chinese text right only so.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{3F6B2C1E-8A4D-4E57-9C0B-5D1A7E2F4B63}
AppName=行政执法工作站
AppVersion={#AppVersion}
AppVerName=行政执法工作站 LawDesk {#AppVersion}
AppPublisher=LawDesk
DefaultDirName={autopf}\LawDesk
DefaultGroupName=行政执法工作站
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=lawdesk-{#AppVersion}-setup
SetupIconFile=lawdesk.ico
UninstallDisplayIcon={app}\lawdeskw.exe
UninstallDisplayName=行政执法工作站 LawDesk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chs"; MessagesFile: "ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program folder whole: no library of the older version stays.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\lawdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\行政执法工作站"; Filename: "{app}\lawdeskw.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\行政执法工作站"; Filename: "{app}\lawdeskw.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\lawdeskw.exe"; Description: "{cm:LaunchProgram,行政执法工作站}"; Flags: nowait postinstall skipifsilent
