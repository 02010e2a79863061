#!/usr/bin/env bash
# jfr-top.sh RECORDING.jfr [N]: a Markdown summary of a JFR recording's execution samples:
# the top N frames by self time (the sampled, topmost frame), the same grouped by package, and the
# chatstore methods (dev.chatstore.*) found most often anywhere on the sampled stacks.
set -euo pipefail
file=$1
n=${2:-15}
jfr print --events jdk.ExecutionSample --stack-depth 96 "$file" | awk -v OFS='\t' '
  /stackTrace = \[/ { inside = 1; depth = 0; split("", seen); total++; next }
  inside && /^[ \t]*\]/ { inside = 0; next }
  inside {
    f = $0
    sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*$/, "", f)
    if (f == "...") next
    depth++
    m = f; sub(/\(.*$/, "", m)
    if (depth == 1) {
      self[f]++
      k = split(m, parts, ".")
      pk = parts[1]
      for (i = 2; i <= k - 2 && i <= 3; i++) pk = pk "." parts[i]
      pkg[pk]++
    }
    if (m ~ /^dev\.chatstore\./ && !(m in seen)) { seen[m] = 1; incl[m]++ }
  }
  END {
    print "total", total, ""
    for (f in self) print "self", self[f], f
    for (p in pkg) print "pkg", pkg[p], p
    for (m in incl) print "incl", incl[m], m
  }' >"$file.top"
total=$(awk -F'\t' '$1 == "total" { print $2 }' "$file.top")
[[ ${total:-0} -gt 0 ]] || { echo "(no execution samples in $file)"; exit 0; }
table() { # KIND HEADING
  echo
  echo "| samples | % | $2 |"
  echo "|---:|---:|---|"
  awk -F'\t' -v k="$1" '$1 == k { print $2 "\t" $3 }' "$file.top" | sort -t$'\t' -k1,1nr | head -n "$n" \
    | awk -F'\t' -v t="$total" '{ gsub(/\|/, "\\|", $2); printf "| %d | %.1f | `%s` |\n", $1, 100 * $1 / t, $2 }'
}
echo "$total execution samples."
table self "top frame (self)"
table pkg "package of the top frame"
table incl "chatstore method on the stack (inclusive)"
rm -f "$file.top"
