# Sourced by mvnw, bin/headroom, .ci/ and bench/ scripts: exports JAVA_HOME pointing at a JDK >= 21
# and puts its bin/ first on the PATH. Looks at JAVA_HOME first, then `java` on the PATH, then the
# usual install locations; the first JDK that is 21 or newer wins.
#
# Plain POSIX sh (mvnw runs under /bin/sh), safe under `set -euf` (globbing is switched on for the
# search). Without a JDK 21 it stops the caller with exit 2, unless HEADROOM_JAVA_OPTIONAL=1: then
# it leaves JAVA_HOME and the PATH as they were (mvnw: Maven's enforcer rule gives the reason).

headroom_java_major() { # prints the major version of the JDK at $1, or nothing when it is not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  # The release file answers without starting a JVM (mvnw runs this on every build).
  headroom_java_version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" 2>/dev/null | head -1) || true
  if [ -z "$headroom_java_version" ]; then
    headroom_java_version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p' | head -1) || true
  fi
  echo "${headroom_java_version%%.*}"
}

headroom_is_jdk21() { # true when $1 is a JDK of version 21 or newer
  headroom_major=$(headroom_java_major "$1")
  [ -n "$headroom_major" ] && [ "$headroom_major" -ge 21 ] 2>/dev/null
}

headroom_find_java_home() { # prints the first JDK >= 21 found, or fails
  if [ -n "${JAVA_HOME:-}" ] && headroom_is_jdk21 "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    headroom_candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if headroom_is_jdk21 "$headroom_candidate"; then
      echo "$headroom_candidate"
      return 0
    fi
  fi
  for headroom_candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/*; do
    if [ -d "$headroom_candidate" ] && headroom_is_jdk21 "$headroom_candidate"; then
      echo "$headroom_candidate"
      return 0
    fi
  done
  return 1
}

headroom_globbing=$(case $- in *f*) echo off ;; *) echo on ;; esac)
set +f
if headroom_java_home=$(headroom_find_java_home); then
  JAVA_HOME=$headroom_java_home
  export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
elif [ "${HEADROOM_JAVA_OPTIONAL:-}" != 1 ]; then
  echo "headroom: no JDK 21 or newer found. Install one (for example Temurin 21) and set JAVA_HOME to it." >&2
  exit 2
fi
[ "$headroom_globbing" = on ] || set -f
unset headroom_globbing headroom_java_home headroom_candidate headroom_major headroom_java_version
