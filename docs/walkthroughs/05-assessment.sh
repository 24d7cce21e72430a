#!/usr/bin/env bash
# Walk-through 5: the annual assessment (docs/WALKTHROUGHS.md; docs/API-DESIGN.md "Annual
# assessment").
#
# Works on 都匀市 (522701), whose groups `seed-demo` assessed and published for the year under
# the county's copy of the prefecture's template. The bureau reads the county's ranking (JSON
# and CSV), a published assessment with its computed indicators and the inputs they read, sees
# that a published result cannot be reopened and a locked framework cannot be revised, reads the
# pay pool allocated by grade and the approved distribution plan, next year's open assessment,
# and the prefecture's comparison. It changes nothing, so it runs again and again on one server.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
wt_begin

COUNTY=522701
TODAY=$(TZ=Asia/Shanghai date +%F)
YEAR=${TODAY%%-*}
BUREAU=$(mint --sub officer-dy --role county_bureau --county $COUNTY)
as "$BUREAU"

step "1. The county's groups ranked by their published results"
call 200 GET "/api/v1/counties/$COUNTY/assessments?year=$YEAR"
expect .county_code $COUNTY
expect_true '.groups | length > 0' 'the county has assessed groups'
expect_true '.groups[0].rank == 1 and .groups[0].status == "published"' 'the first is ranked 1'
expect_true '[.groups[].total] == ([.groups[].total] | sort | reverse)' 'ranked by total, highest first'
A=$(take '.groups[0].assessment_id')
GROUP=$(take '.groups[0].group_id')
note "$(jqr '.groups[] | "\(.rank). \(.group_name): \(.total) \(.grade)"')"
call 200 GET "/api/v1/counties/$COUNTY/assessments?year=$YEAR" -H 'Accept: text/csv'
[ "$(head -1 <<<"$BODY" | cut -d, -f1-4)" = "county_code,year,rank,group_id" ] || fail "the CSV's header"

step "2. One published assessment: every indicator, its score and what a computed one read"
call 200 GET "/api/v1/assessments/$A"
expect .status published
expect_true '[.lines[] | select(.source == "computed") | .inputs | type] | all(. == "object")' 'each computed score keeps its inputs'
expect_true '.results[0].level == "group" and .results[0].total == .total' 'the group level gives the total'
expect_true '[.lines[] | select(.self_score != null)] | length > 0' 'the self-assessment beside the scores'
note "$(jqr '.lines[] | select(.level == "group") | "\(.indicator_code) \(.metric // "manual"): \(.score) of \(.max_score) (weight \(.weight))"')"
FRAMEWORK=$(take .framework_id)
V=$(take .version)

step "3. Published results are final; the framework under them is locked"
call 409 POST "/api/v1/assessments/$A/acts" -H "If-Match: \"$V\"" -d '{"act":"reopen","reason":"演示"}'
expect .code ASSESS-STATE
call 200 GET "/api/v1/assessment-frameworks/$FRAMEWORK"
expect .status locked
expect_true '.weights == {"core":100,"group":100,"member":100}' 'every level weighs 100'
FV=$(take .version)
call 409 PUT "/api/v1/assessment-frameworks/$FRAMEWORK" -H "If-Match: \"$FV\"" -d "$(jqr '{title: .title, dimensions: .dimensions}')"
expect .code framework_locked

step "4. Extra performance pay: the pool allocated by grade, the plan approved"
call 200 GET "/api/v1/counties/$COUNTY/pay-pools/$YEAR"
expect_true '.allocated_yuan <= .pool_yuan and .pool_yuan == (.base_yuan * .pool_percent / 100 | floor)' 'within the pool'
expect_true '[.allocations[] | select(.amount_yuan > 0) | .grade] | all(. == "excellent" or . == "good")' 'only good or excellent groups'
PAID=$(take '[.allocations[] | select(.amount_yuan > 0)][0].group_id')
call 200 GET "/api/v1/groups/$PAID/pay-plans/$YEAR"
expect .status approved
expect_true '.total_yuan <= .allocation_yuan' 'within the group allocation'

step "5. Next year's assessment is open; the prefecture compares the counties"
call 200 GET "/api/v1/groups/$GROUP/assessments"
expect_true "[.years[].year] | index($((YEAR + 1))) != null" 'next year opened'
expect_true "[.years[] | select(.year == $((YEAR + 1))) | .status] == [\"open\"]" 'open'
as "$(mint --sub prefecture-officer --role prefecture_bureau)"
call 200 GET "/api/v1/assessment-report?year=$YEAR"
expect_true "[.counties[] | select(.county_code == \"$COUNTY\") | .published] | .[0] > 0" 'the county published'

wt_end
