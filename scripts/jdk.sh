# Sourced by ./astraphe and .ci/run: export JAVA_HOME pointing at a JDK >= 21.
# Order: an existing JAVA_HOME, the java on PATH, then the usual install folders (Linux, macOS).

astraphe_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}

astraphe_pick_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    major=$(astraphe_java_major "$home")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$home"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "astraphe: no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /Library/Java)." >&2
  echo "astraphe: install one (for example Temurin 21) and set JAVA_HOME." >&2
  return 1
}

astraphe_pick_jdk
