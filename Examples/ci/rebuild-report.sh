#!/usr/bin/env bash
# Check the survey data and rebuild the IT-application report whenever they change. Copy this
# script into the repository holding your methodology and survey files, and run it from CI or by
# hand (`ictindex` on the PATH, or ICTINDEX pointing at the binary).
#
#   METHODOLOGY        the methodology file             (default: Indicators/vn-it-application/2019.yaml)
#   DATA               survey files, space-separated     (default: the two example years)
#   OUT                the site folder                   (default: public)
#   MAX_MEAN_DROP      fail when a block mean falls by more than this (default: 0.05)
#   REQUIRE_ALL_UNITS  1: fail when a unit of the registry has no answers for the main year.
#                      Off by default because the bundled example data have no 2019 answers for
#                      four units (the synthetic data cover the units with published results);
#                      turn it on for a real season.
#   UNIT, MIN_INDEX    a unit that must stay at or above MIN_INDEX (optional), e.g. "Thừa Thiên Huế"
#
# Exit codes: 0 report built, 1 invalid data, 2 usage error, 3 a threshold failed (docs/reports.md).
# Whatever the outcome, $OUT/summary.md says what happened (the CI job shows it) and
# $OUT/index.html is the site's root page; the report itself ($OUT/vi, $OUT/en) is built only when
# every check passed, so invalid data are never published.
set -uo pipefail   # not -e: the summary is written on every outcome

METHODOLOGY=${METHODOLOGY:-Indicators/vn-it-application/2019.yaml}
DATA=${DATA:-"Examples/vn-it-application/survey-2018.csv Examples/vn-it-application/survey-2019.csv"}
OUT=${OUT:-public}
MAX_MEAN_DROP=${MAX_MEAN_DROP:-0.05}
REQUIRE_ALL_UNITS=${REQUIRE_ALL_UNITS:-0}
ICTINDEX=${ICTINDEX:-ictindex}

mkdir -p "$OUT"
rm -rf "${OUT:?}/vi" "${OUT:?}/en" "$OUT/check.json" "$OUT/check-errors.txt"   # never publish a stale report
# shellcheck disable=SC2086  # DATA is a list of files
check_args=(check "$METHODOLOGY" $DATA "--max-mean-drop=$MAX_MEAN_DROP" --summary "$OUT/check.json")   # "=": a negative value is not an option
if [ "$REQUIRE_ALL_UNITS" = 1 ]; then check_args+=(--require-all-units); fi
if [ -n "${UNIT:-}" ]; then check_args+=(--min-index "$UNIT=${MIN_INDEX:-0.5}"); fi

status=0
$ICTINDEX "${check_args[@]}" >/dev/null 2>"$OUT/check-errors.txt" || status=$?
if [ "$status" = 0 ]; then
  for lang in vi en; do
    # shellcheck disable=SC2086
    $ICTINDEX report "$METHODOLOGY" $DATA --out "$OUT/$lang" --lang "$lang" --format html,md,xlsx,csv,json \
      >/dev/null 2>>"$OUT/check-errors.txt" || { status=$?; break; }
  done
fi

case "$status" in
  0) outcome="passed: the report is in vi/ and en/ · đạt: báo cáo ở vi/ và en/" ;;
  1) outcome="invalid data: nothing was published · số liệu không hợp lệ: không công bố" ;;
  2) outcome="usage error: check the script's settings · lỗi cách gọi lệnh" ;;
  3) outcome="a threshold failed: nothing was published · không đạt ngưỡng: không công bố" ;;
  *) outcome="failed with exit code $status · lỗi (mã $status)" ;;
esac

# The summary, on every outcome: what happened, the check's JSON line, and every problem found.
{
  echo "## ictindex: $outcome"
  echo
  if [ -s "$OUT/check.json" ]; then echo '```json'; cat "$OUT/check.json"; echo '```'; echo; fi
  if [ -s "$OUT/check-errors.txt" ]; then echo '```text'; head -n 200 "$OUT/check-errors.txt"; echo '```'; fi
} >"$OUT/summary.md"

# The site's root page: links to both languages when they were built, else the outcome.
{
  echo '<!DOCTYPE html>'
  echo '<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
  echo '<title>Báo cáo chỉ số ứng dụng CNTT · IT-application index report</title>'
  echo '<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5}</style></head><body>'
  echo '<h1>Báo cáo chỉ số ứng dụng CNTT<br><small>IT-application index report</small></h1>'
  if [ "$status" = 0 ]; then
    echo '<ul><li><a href="vi/index.html">Tiếng Việt</a></li><li><a href="en/index.html">English</a></li></ul>'
  else
    echo "<p>$outcome</p>"
  fi
  echo '<p><a href="summary.md">summary.md</a></p></body></html>'
} >"$OUT/index.html"

cat "$OUT/summary.md"
exit "$status"
