@echo off
rem workshop.cmd: the workshop's launcher for Windows (cmd and PowerShell: type .\workshop.cmd, or
rem workshop once this folder is on PATH). It does what ./workshop does on Linux and macOS, in
rem fewer steps. No one has run it on Windows yet: each step says what it is meant to do.
rem
rem 1. setlocal: the variables set below are this script's own and are gone when it ends.
setlocal
rem 2. root: this script's folder (%~dp0 ends in a backslash); jar: the command line it starts.
set "root=%~dp0"
set "jar=%root%workshop-cli\target\workshop-cli.jar"
rem 3. The JDK: %JAVA_HOME%\bin\java.exe when JAVA_HOME names one, else the java on PATH. A JDK
rem    older than 17 stops with Java's own UnsupportedClassVersionError (./workshop says it more
rem    kindly).
set "java=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "java=%JAVA_HOME%\bin\java.exe"
rem 4. Build on first use (no jar yet), or again when WORKSHOP_REBUILD is set (after a git pull:
rem    ./workshop notices changed sources by itself, this script does not look). The build is
rem    ./workshop's, through the Maven wrapper for Windows: mvnw.cmd -B -ntp install -DskipTests,
rem    run in the project's folder (pushd/popd), its output in a log under %TEMP%. A failed build
rem    names the log and exits with status 4, as ./workshop does.
if defined WORKSHOP_REBUILD goto build
if exist "%jar%" goto run
:build
echo workshop: building the workshop (the first time takes a minute or two: it downloads Maven and a few libraries)... 1>&2
set "log=%TEMP%\workshop-build.log"
pushd "%root%"
call mvnw.cmd -B -ntp install -DskipTests > "%log%" 2>&1
set "rc=%ERRORLEVEL%"
popd
if "%rc%"=="0" goto run
echo workshop: the build failed; its log is in %log% 1>&2
exit /b 4
:run
rem 5. The console's code page: remembered (the number after the colon in chcp's answer), then
rem    set to UTF-8 (65001) so that the verdict's check marks show, and set back at the end.
for /f "tokens=2 delims=:." %%c in ('chcp') do set "codepage=%%c"
chcp 65001 >nul
rem 6. Java with ./workshop's flags: C1 only, the serial GC, no perf data file, no archive logging,
rem    native access for JLine's console library; the app's name for its messages; UTF-8 on the
rem    standard streams; and -Dworkshop.console=java, since no shell measured the console here:
rem    Java does (Jansi: colour in the Windows console, none when the output is redirected). No
rem    class-data archive: start-up takes a few hundred ms more than with ./workshop. %* passes
rem    every argument on as typed.
"%java%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:cds=off -Xlog:cds+dynamic=off --enable-native-access=ALL-UNNAMED -Dworkshop.app=workshop -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -Dworkshop.console=java -jar "%jar%" %*
set "rc=%ERRORLEVEL%"
rem 7. The code page back as it was, and the command's exit status as this script's.
if defined codepage chcp %codepage% >nul
exit /b %rc%
