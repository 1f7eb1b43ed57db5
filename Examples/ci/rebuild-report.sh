#!/usr/bin/env bash
# Rebuild and check the IT-application report whenever the data change. Copy this script into
# the repository holding your methodology and survey files, and run it from CI or by hand.
#
#   METHODOLOGY  the methodology file            (default: Indicators/vn-it-application/2019.yaml)
#   DATA         survey files, space-separated    (default: the two example years)
#   OUT          where the report goes            (default: public/report)
#   UNIT         a unit that must stay above MIN_INDEX (optional), e.g. "Thừa Thiên Huế"
#
# Exit codes: 0 report built, 1 invalid data, 2 usage error, 3 a threshold failed (see
# docs/reports.md). The check's one-line JSON summary is kept in $OUT/check.json.
set -euo pipefail

METHODOLOGY=${METHODOLOGY:-Indicators/vn-it-application/2019.yaml}
DATA=${DATA:-"Examples/vn-it-application/survey-2018.csv Examples/vn-it-application/survey-2019.csv"}
OUT=${OUT:-public/report}
MAX_MEAN_DROP=${MAX_MEAN_DROP:-0.05}
ICTINDEX=${ICTINDEX:-"swift run -c release ictindex"}

mkdir -p "$OUT"
# shellcheck disable=SC2086  # DATA is a list of files
check_args=(check "$METHODOLOGY" $DATA --require-all-units --max-mean-drop "$MAX_MEAN_DROP" --summary "$OUT/check.json")
if [ -n "${UNIT:-}" ]; then check_args+=(--min-index "$UNIT=${MIN_INDEX:-0.5}"); fi
$ICTINDEX "${check_args[@]}"

for lang in vi en; do
  # shellcheck disable=SC2086
  $ICTINDEX report "$METHODOLOGY" $DATA --out "$OUT/$lang" --lang "$lang" --format html,md,xlsx,csv,json
done
echo "report written to $OUT (vi, en)"
