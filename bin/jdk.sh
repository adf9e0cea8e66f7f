# Sourced by ./mvnw and deploy/local/run.sh: exports JAVA_HOME pointing to a JDK >= 21.
# Order: $JAVA_HOME if it is >= 21, then the newest JDK >= 21 under /usr/lib/jvm, else a clear error.

provisio_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

provisio_pick_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(provisio_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(provisio_java_major "$candidate")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "Provisio needs a JDK 21 or newer. Set JAVA_HOME to one (found none under /usr/lib/jvm)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

provisio_pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
