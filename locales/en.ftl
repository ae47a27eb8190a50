# pingyi's messages in English. Every key here has a Chinese text in zh.ftl with the
# same arguments (tests/messages.rs checks it). Arguments are texts, already masked.

## Where a problem is
loc-file = { $file }
loc-sheet = sheet { $sheet }
loc-row = row { $row }
# English names a column by its letter alone; the selectors on $number print nothing
# (Chinese writes 第 3 列 as well), so both languages take the same arguments.
loc-column = column { $header } ({ $letter }){ $number ->
       *[other] {""}
    }
loc-column-letter = column { $letter }{ $number ->
       *[other] {""}
    }
loc-column-no-header = column (no header) ({ $letter }){ $number ->
       *[other] {""}
    }
loc-column-header = column { $header }
loc-input = input
loc-join = { $head }, { $tail }

## Errors and warnings as printed
prefix-error = error: { $message }
prefix-warning = warning: { $message }
error-input = { $location }: { $message }
error-read = cannot read { $path }: { $reason }
error-output-exists = { $path } already exists; pass --force to replace it, or choose another --out
error-write = cannot write { $path }: { $reason }
error-verification = verification failed: { $reason }
error-internal = internal error: { $reason }

## Count tables (服务对象类别和数量表)
counts-no-units = the table has a header but no units under it; fill in one row per unit
counts-empty = the table is empty; expected a header row and one row per unit
counts-no-header = no header row with a unit column in the first { $rows } rows; name the column of evaluated units one of: { $names }
counts-column-twice = the header names { $what } twice, in column { $first } ({ $first_letter }) and column { $second } ({ $second_letter }) of this row; keep one of them
counts-what-column = { $name }
counts-what-category = the category { $category }
counts-stratum-twice = unit '{ $unit }' and category '{ $category }' appear twice (also at row { $row }); merge the two rows
counts-data-after-notes = holds numbers below the note at row { $row }; move notes under the table, or delete the note
count-bad = holds { $value } which { $problem }
count-bad-thousands = holds { $value } which { $problem }; if it means { $number }, with a mistyped thousands separator, write { $number }
number-negative = is negative; expected a number of 0 or more
number-not-a-number = holds { $value } which is not a number
counts-size-differs = gives unit '{ $unit }' a sample size of { $size }, but an earlier row gives { $prev }; use one size per unit
counts-no-count-column = has a category column but no count column; name it one of: { $names }
counts-unit-empty = is empty; write the unit's name
counts-category-empty = is empty; write the category (e.g. 农村低保)
counts-unknown-column = is not a column pingyi knows; expected { $known } (or their Chinese names such as 单位, 类别, 人数); rename or remove it
counts-value-without-header = holds { $value } but its column has no header in row { $row }: a stray delimiter or quote, or a thousands separator typed without quotes (1,988), may have moved the values of this row; correct the row, or write the category name in the header row
counts-total-differs = the total says { $stated } but { $what } add up to { $sum }; correct the numbers or the total
counts-sum-unit-rows = the rows of unit '{ $unit }'
counts-sum-category-rows = the rows of category '{ $category }'
counts-sum-all-rows = all rows
counts-sum-unit-categories = the categories of unit '{ $unit }'
counts-sum-units-above = the units above in column { $column }
counts-count-without-category = a count column needs a category column beside it (long form); or give one column per category (wide form) without a count column
counts-long-form-column = a { $name } column belongs to the long form (one row per unit and category); add a category column
counts-no-category-columns = has a unit column but no category columns; add one column per category (农村低保, 城市低保, 五保, 优抚, 慈善) or use the long form (单位, 类别, 人数)
counts-unit-empty-with-numbers = is empty but the row has numbers; write the unit's name
counts-hint-not-a-category = { $message } (in the wide form every column other than 单位, 序号, 备注, 合计 and 样本量 is a category; if '{ $label }' is not one, remove it)
count-empty = is empty; expected a whole number (write 0 if there are none)
count-not-a-number = is not a number; expected a whole number such as 1234
count-negative = is negative; counts cannot be below 0
count-not-whole = has a fraction; expected a whole number
count-too-large = is too large to be a count (more than a trillion)

## Reading tables: CSV, workbooks, Parquet
grid-sheet-not-workbook = { $file } is not a workbook; --sheet applies only to .xlsx and .xls files
grid-not-a-table = { $what }; expected a table: CSV (UTF-8 or GBK), an .xlsx/.xls workbook or Parquet
grid-pdf = this is a PDF document, not a table
grid-not-text = this file is neither text in UTF-8/GBK nor a workbook
grid-unclosed-quote = a quote (") opened on this row is never closed, so the rest of the file would be read as one cell; remove the stray quote, or close it where the value ends
csv-unreadable = cannot be read as CSV ({ $reason }); check for an unclosed quote
grid-encrypted = the workbook is password-protected; open it in Excel or WPS, remove the password (File → Info → Protect Workbook) and save it again
grid-workbook-unreadable = cannot open the workbook ({ $reason }); it may be damaged or password-protected: open it in Excel or WPS and save it again as .xlsx
grid-no-such-sheet = { $location }: has no sheet named '{ $sheet }'; its sheets are: { $sheets }
grid-no-sheets = the workbook has no sheets
grid-sheet-unreadable = cannot read sheet '{ $sheet }' ({ $reason })
grid-parquet-unreadable = cannot read Parquet ({ $reason })
csv-bad-utf8 = is not valid UTF-8 although the file starts as UTF-8; save the whole file again in one encoding
rows-swallowed = a quoted value here runs over { $lines } lines, to row { $last }, and swallows the rows in between: a quote (") was opened and not closed where it should be; remove the stray quote
rows-line-break = holds a line break: a quote (") was opened and closed around it, so the lines in between are read as one cell; remove the stray quote, or put the value on one line
rows-too-few = has { $cells } cells but the header has { $width }: nothing for { $missing }, which other rows fill; a value may have been lost or two merged: correct the row (write 0 where there are none)
rows-split-number = '{ $a }' and '{ $b }' (row of { $cells } cells, header of { $width }) read as the number { $a },{ $b } cut in two by its thousands separator, which moves the counts after it one column right; remove the separator ({ $a }{ $b }) or put the number in quotes ("{ $a },{ $b }")
rows-too-many = holds { $value }, but the header has only { $width } columns and this row has { $filled }: a stray delimiter or quote may have moved the values; correct the row, or give the column a header
names-spelled-differently = writes the unit '{ $unit }' as '{ $second }', but { $there } writes it '{ $first }': the two print alike but differ in invisible characters or spaces, and would count as two units; write the name the same way in every row

## Sampling frames and sample sizes
frame-per-unit-zero = --per-unit must be at least 1
frame-margin-range = --margin { $margin } is outside (0, 1); write the margin of error as a fraction, e.g. 0.05 for ±5%
frame-confidence-range = --confidence { $confidence } is outside (0, 1); write it as a fraction, e.g. 0.95
frame-p-range = --p { $p } is outside (0, 1); 0.5 gives the largest (safest) sample
frame-size-zero = unit '{ $unit }' has a sample size of 0 in the sample_size column; give at least 1
frame-no-size = unit '{ $unit }' has no sample size; give --per-unit N or --margin E, or fill in its sample_size (样本量)
frame-stratum-missing = unit '{ $unit }', category '{ $category }' has no { $what }
frame-p-above-one = p = { $p } is above 1; write the expected proportion as a fraction
frame-missing-spread = sd or p; Neyman and optimal allocation need a standard deviation (sd) or an expected proportion (p) for every stratum
frame-missing-cost = cost; optimal allocation needs the cost of an interview (cost) for every stratum
frame-cost-zero = cost must be above 0
frame-missing-quota = quota; quota allocation needs a quota (配额) for every stratum
frame-quota-above-population = the quota { $quota } for unit '{ $unit }', category '{ $category }' is above its population { $population }; lower the quota
frame-whole-unit = unit '{ $unit }' has { $population } recipients, no more than its target of { $target }: all are taken
frame-minimum-unmet = unit '{ $unit }': a target of { $target } is too small to give every category at least { $minimum }; shared in proportion to population instead
frame-unknown-method = unknown allocation method '{ $method }'; use proportional, equal, neyman, optimal or quota
frame-size-rules-both = per_unit (--per-unit) and margin (--margin) are both given; keep one: a fixed sample size per unit, or a margin of error
frame-reserve-rules-both = reserve_rate (--reserve-rate) and reserves (--reserves) are both given; keep one: a rate of the sample, or a fixed number per stratum
frame-file-missing-column = is not a frame from `pingyi frame`: it has no { $column } column
frame-file-sample-above-population = a sample of { $sample } is above the stratum's population { $population }
frame-file-stratum-twice = unit '{ $unit }', category '{ $category }' appears twice in the frame (also at row { $row }); keep one row per stratum
frame-file-empty = the frame has no strata

## Manifests and the files they name
confine-root-not-folder = --root { $root } is not a folder; give the folder that holds the manifest and its files
confine-refused = names the file '{ $file }', which { $why }; a manifest may only name files inside { $root } (pass --root with a wider folder that holds them all)
confine-empty = is empty
confine-absolute = is an absolute path
confine-climbs = climbs out of the allowed folder with '..'
confine-symlink-out = leads out of the allowed folder through a symbolic link
confine-not-file = is not a regular file (a folder, a device, a pipe or a socket)
confine-dangling = is a symbolic link that leads nowhere
confine-manifest-outside = the manifest { $manifest } lies outside --root { $root }; give a folder that holds it
confine-manifest-name = is not named after the file it vouches for; a manifest of X is X.manifest.json, in the same folder as X
manifest-unreadable = is not a pingyi manifest ({ $reason })

## Writing outputs
write-unknown-format = { $path }: cannot tell the output format; end the name in .csv, .xlsx, .json or .parquet
write-cell-too-long = column { $column } holds a text of { $length } characters, more than a workbook cell can hold (32,767); write a .csv output instead
write-target-is-folder = { $path } is a folder; give a file name for the output

# Count cells as offices fill them (issue 14 §2)
counts-read-as-zero = { $table }: { $count ->
        [one] 1 count cell is
       *[other] { $count } count cells are
    } blank or hold a mark for none (—, -, /, 无) and were read as 0: { $cells }{ $more ->
        [0] {""}
       *[other] ; and { $more } more
    }. Check that each means none; otherwise write the number
counts-total-skipped-text = holds { $value } stored as text, which Excel's SUM skips: the total at { $total } says { $stated } where the counts add up to { $sum }{ $cells ->
        [1] {""}
       *[other] ({ $cells } cells of this total are stored as text)
    }. In Excel or WPS select the cell, click the green triangle → Convert to Number (or set Format Cells → Number and type the value again), then let the total recompute and save
counts-formulas-not-computed = holds a formula with no stored result ({ $cells } such cells in this sheet): the workbook was written by a program and never opened and saved in Excel or WPS, which compute formulas. Open it in Excel or WPS, save it, and try again

## The audit: selection, checklist and tally (audit-…)
audit-lines =
    { $head }
    {"  "}{ $tail }
audit-list = { $head }, { $tail }
audit-not-a-selection = is not the manifest of an audit selection (`pingyi audit select`); give the .manifest.json that `pingyi audit select` wrote beside the checklist
audit-selection-damaged = has a damaged selection record; make the checklist again with `pingyi audit select`
audit-checklist-no-audit-no = has no 核查编号 (audit_no) column; is this a checklist from `pingyi audit select`?
audit-checklist-no-result = has no 核查结果 (result) column; keep the checklist's 核查结果 column as `pingyi audit select` wrote it
audit-column-removed = column { $column } was removed or renamed
audit-number-twice = audit number { $no } appears twice (rows { $first } and { $row })
audit-number-unknown = row { $row }: audit number { $no } is not in the selection (an added row?)
audit-cells-changed = audit number { $no } (row { $row }): { $columns } changed
audit-records-missing = { $count } selected records are missing: { $list }
audit-checklist-differs =
    differs from the recorded selection ({ $selection }):
    {"  "}{ $problems }
    use the checklist exactly as `pingyi audit select` wrote it, filling in only 核查结果, 核查人, 核查日期 and 备注
audit-checklist-other-selection =
    does not match the recorded selection in most rows: is it a checklist from another selection? ({ $selection }):
    {"  "}{ $problems }
    use the checklist exactly as `pingyi audit select` wrote it, filling in only 核查结果, 核查人, 核查日期 and 备注
audit-result-cell = { $no } (cell { $cell })
audit-result-either-way = { $no } (cell { $cell }): { $value } can be read either way
audit-result-unknown = { $no } (cell { $cell }): { $value } is not a result
audit-results-unreadable =
    holds { $count } results pingyi cannot read; choose 真实, 虚假 or 无法核实 from the cell's drop-down list (or write genuine, false, unverifiable), never yes/no, ✓/✗ or 1/0, which could mean either:
    {"  "}{ $cells }
audit-results-blank = has { $count } records without a result: { $cells }; fill them in, or pass --partial to count them as pending
audit-recheck-at-range = --recheck-at { $value } must be a rate from 0 to 1, e.g. 0.10
audit-confidence-range = the confidence { $value } must be above 0 and below 1, e.g. 0.95
audit-points-range = { $flag } { $value } must be a number of points of at least 0 (the plan's 0.5 per case, 5 at most)
audit-rate-range = --rate { $rate } is outside (0, 1]; the plan checks 0.30 (30%)
audit-seed-same-as-draw = records the same seed for the draw; the audit needs its own seed, announced after the sample was collected
audit-sample-empty = has no collected records to audit
audit-sample-id-twice = id { $id } appears twice in the sample; each collected record needs its own id: remove the repeated row or correct its id
audit-sample-missing = names the collected sample '{ $sample }', which is missing; the checklist's identifying cells are checked with it, so keep it where it was when the selection was made
audit-selection-no-sample = names no collected sample; make the checklist again with `pingyi audit select`
audit-sample-changed = holds other records than when the audit selection was made (recorded in { $manifest }); the checklist is checked with it, so restore it as it was
audit-calls-not-a-sample = is not a sample from `pingyi draw` (no stratum_rank and role columns); give the sample file `pingyi draw` wrote
audit-calls-not-in-sample = row { $row }: { $id } was called but is not in the sample
audit-calls-other-unit = row { $row }: { $id } is a respondent of { $drawn } in the sample, but the log names { $unit }
audit-calls-reserve-order = row { $row }: reserve { $id } ({ $unit } / { $category }) has rank { $rank }, but the next reserve to call was rank { $expected }: reserves must be used in ticket order
audit-calls-too-many-reserves = { $unit } / { $category }: { $called } reserves were called but only { $lost } respondents were lost to non-response
audit-calls-finding = finding: { $unit }: { $n } respondents were not recipients (false-recipient findings)
audit-calls-ok = OK { $log }: { $calls } calls, reserves used in order and only for lost respondents
audit-calls-differs = DIFFERS { $log }
audit-calls-breaches = { $n } breaches of the reserve rules
audit-calls-no-disposition = has no disposition (通话结果) column; name the column of call outcomes 通话结果
audit-calls-no-id = has no id (编号) column; keep the 编号 column of the sample in the call log
audit-calls-bad-disposition = holds { $value }; write reached, refused, no answer, busy, wrong number or not a recipient (接通, 拒访, 无人接听, 占线, 空号, 非服务对象)
audit-wrote = wrote { $path }
audit-selection-not-found = has no selection manifest beside it, and none of the audit selections in { $folder } has its audit numbers; give the manifest `pingyi audit select` wrote with the checklist: --manifest <checklist>.manifest.json
audit-selection-ambiguous = could be the checklist of several audit selections ({ $manifests }); say which with --manifest

## Verifying, and the summary of pingyi run (terminal texts)
run-wrote = wrote { $path }
run-verify-hint = to check any output (re-derived and compared):
run-audit-heading = audit (30% verification):
run-calls = call log: { $calls } calls, reserves used in order and only for lost respondents
run-scores-heading = scores and ranking:
verify-ok = OK { $manifest } — { $summary }
verify-differs = DIFFERS { $manifest }
verify-note = note: { $note }
verify-failed = { $failed } of { $total } manifests do not match their inputs and outputs
verify-seed-without-draw = --seed and --commitment check a draw, but { $manifest } records no draw; give the sample's manifest, or --chain from a later stage
verify-no-beside-entry = records no output entry for '{ $name }', the file beside it, so it cannot vouch for it; use the manifest written with '{ $name }'
verify-wrong-seed = the draw used seed '{ $recorded }', not the announced seed '{ $announced }'

## The run's configuration (pingyi.toml)
config-invalid = is not a valid configuration: { $reason }
config-level = [{ $level }] { $problem }
config-key-problem = key { $key }: { $problem }
config-fraction = key { $key } holds { $value }; write it as a fraction above 0 and below 1, e.g. { $key } = { $usual }
config-counts-empty = key counts is empty; name the count table, e.g. counts = "counts.xlsx"
config-roster-empty = key rosters holds an empty name ('{ $name }'); list the roster files, e.g. rosters = ["roster.csv"]
config-margin = key margin holds { $value }; write the margin of error as a fraction above 0 and below 1, e.g. margin = 0.05 for ±5%
config-count-range = key { $key } holds { $value }; it is a whole number of people from { $low } to { $high }
config-reserve-rate = key reserve_rate holds { $value }; reserves are at most { $max } times the sample (the plan's examples use 0.3)
config-audit-rate = key audit_rate holds { $value }; the share of each unit's sample to check is above 0 and at most 1 (the plan's 0.30)
config-key-ignored = key { $key } is given but { $need } is not, so it would be ignored; add { $need } or remove { $key }

## The draw (pingyi draw, seed commit)
draw-no-id-column = has no column that identifies each recipient: neither an id column ({ $ids }) nor an ID-number column ({ $id_numbers }); its columns are: { $columns }. Add a column 编号 (or 身份证号), or name the column with --id-column
draw-id-column-missing = has no column '{ $name }' (given with --id-column); its columns are: { $columns }
draw-duplicate-id = id { $id } at { $places }
draw-duplicate-ids = the roster has duplicate ids; each recipient must appear once:{ $list }
draw-unknown-stratum = { $unit } / { $category } ({ $rows } rows, first at { $first })
draw-unknown-strata = the roster has units or categories that the frame does not: { $list }check the names against the frame, or rebuild the frame from counts that include them
draw-count-mismatch-header = unit         category   counts
draw-count-mismatch-line = { $unit } { $category } frame { $frame }  roster { $roster }  difference { $difference }
draw-counts-differ = the roster's counts differ from the frame's populations:{ $table }fix the roster or the frame, or pass --allow-count-mismatch to draw anyway with inclusion probabilities from the roster
draw-counts-differ-warning = { $strata } strata have roster counts that differ from the frame; inclusion probabilities and weights use the roster's counts
draw-short-line = { $unit } / { $category }: sample { $sample } but the roster has { $roster }
draw-short-strata = strata whose roster is smaller than their sample:{ $list }pass --take-all-short to take them whole
draw-short-strata-warning = { $strata } strata are taken whole: their roster is smaller than their sample
draw-cell-without-header = holds { $value }, but the header has only { $width } columns: a stray delimiter or quote may have moved this row's values; correct the row, or give the column a header
draw-empty-cell = is empty; every recipient needs { $what ->
        [id] an id
        [unit] a unit
       *[category] a category
    }
draw-id-stored-as-number = is a number of more than 15 digits, stored as a number: Excel has already lost its last digits; format the column as text (文本) and enter the ids again
draw-no-header = no header row with a unit column in the first 20 rows; a roster needs an id, a unit ({ $units }) and a category (类别) column
draw-no-category-column = has no category column; name it 类别 or category (or { $names })

## Scores and the ranking (pingyi score)
score-flag-unqualified = unqualified for the year ({ $reason })
score-flag-no-answers = no survey answers
score-flag-no-inspection = no inspection score: not ranked
score-flag-advanced = annual comprehensive-advanced
score-flag-commended = commended
score-flag-criticised = criticised
score-flag-not-eligible = not eligible for comprehensive-advanced
score-flag-few-respondents = fewer than { $min } respondents
score-note-overlap = only { $count } units are ranked: the top-3 and bottom-3 flags overlap
score-note-refusals = blank answers (refusals, counted but not scored), question 1+2: { $units }
score-note-inspection-zero = no inspection score for { $units }: counted as 0 (--missing-inspection zero)
score-note-inspection-excluded = no inspection score for { $units }: scored but not ranked (--missing-inspection exclude)
score-note-few-respondents = fewer than { $min } respondents (ranked, but the means rest on few answers): { $units }
score-note-unclear-boundary = the 95% interval of the difference between { $upper } (rank { $upper_rank }) and { $lower } (rank { $lower_rank }), { $diff } ± { $margin }, includes 0: the boundary between them is not clear
score-column-satisfaction = satisfaction (满意度)
score-column-misconduct = misconduct (不良行为)
score-column-inspection = inspection (检查评估)
score-column-false = false-recipient (虚假)
score-column-reason = reason (原因)
score-column-missing = has no { $what } column; name it one of { $names }
score-disposition-unknown = holds { $value }; write 接通, 拒访, 无人接听, 空号 or 非服务对象
score-answer-unknown = holds { $value }, which the { $scheme } scheme does not know; write one of { $levels }
score-inspection-twice = gives { $unit } a second inspection score (the first is at row { $first }); keep one row per unit
score-inspection-bad = holds { $value }; an inspection score is a number from 0 to 30
score-findings-bad = holds { $value } which { $problem }
score-inspection-missing = has no inspection score for { $count } evaluated units: { $units }. Add a row for each (check the spelling of the unit names), or say how to treat them with --missing-inspection zero (counted as 0) or --missing-inspection exclude (not ranked)
score-no-inspection = no --inspection table is given, so { $count } evaluated units have no inspection score; give --inspection, or say how to treat them with --missing-inspection zero (counted as 0) or --missing-inspection exclude (not ranked)
score-missing-inspection-flag = --missing-inspection { $value } is not a choice; write refuse, zero or exclude
score-no-unit-column = has no unit (单位) column
score-inspection-no-units = lists no unit; give --units with the frame, the sample or the count table
score-units-no-column = has no unit (单位) column in its first 20 rows; give the frame, the sample or the count table of the evaluated units
score-units-empty = lists no unit; give the frame, the sample or the count table of the evaluated units
score-unit-unknown-closest = names the unit { $value }, which is not one of the { $count } evaluated units of { $source }; did you mean '{ $best }'? Correct the unit name (or the list of units) and run again
score-unit-unknown = names the unit { $value }, which is not one of the { $count } evaluated units of { $source }; the units are { $units }. Correct the unit name (or the list of units) and run again
score-sample-not-drawn = is not a sample from `pingyi draw` (no role and weight columns)
score-respondent-not-in-sample = respondent { $respondent } is not in the sample { $sample }
score-respondent-other-unit = names { $unit }, but respondent { $respondent } was drawn for { $drawn_in } in the sample { $sample }; correct the unit or the respondent
score-respondent-no-weight = respondent { $respondent } belongs to a stratum of { $drawn_in } with no main rows of positive weight in the sample { $sample }; give the sample `pingyi draw` wrote
score-no-respondent-column = has no respondent column; name it one of { $names }
score-units-not-given = score needs the list of evaluated units, to check every unit the answers name: give --units with the frame, the sample or the count table (or --inspection, whose units are then taken as the list)
score-unit-facing-is-out = --unit-facing { $path } is the --out file; give it another name
score-wrote = wrote { $path }

## The HTML report (pingyi report)
report-title = Democratic evaluation: sampling, audit and scores
report-proof = Inputs and proof
report-verified = ✔ The chain was re-derived while this report was made: all { $count } manifests match their inputs and outputs.
report-not-verified = ✘ { $failed } of { $count } manifests do not match their inputs and outputs; what differs:
report-seeds = Seeds
report-no-seed = No seeded stage in these outputs.
report-files = Files (name, rows, SHA-256)
report-col-level = Level
report-col-role = Role
report-col-file = File
report-col-rows = Rows
report-col-sha256 = SHA-256
report-col-stage = Stage
report-col-seed = Seed
report-level = Level: { $name }
report-frame = Frame
report-frame-chart = Sample per unit, by category
report-col-unit = Unit
report-col-category = Category
report-col-population = Population
report-col-sample = Sample
report-col-reserve = Reserves
report-col-drawn = Drawn
report-total = Total
report-rules = Rules applied
report-col-rule = Rule
report-col-value = Value
report-rule-method = Allocation within a unit
report-rule-remainder = Rounding: largest remainder (the total is kept exactly)
report-rule-minimum = Minimum per category
report-rule-reserve = Reserves
report-rule-size = Sample size per unit
report-rule-take-all = Taken whole (sample = population)
report-none = none
report-draw = Draw
report-quality = Data-quality findings in the rosters
report-quality-note = Counts of findings, not people: no ID number, phone or name is shown.
report-quality-none = No finding.
report-col-finding = Finding
report-col-count = Count
report-issue-invalid-id = Invalid ID number
report-issue-id-repeated = Repeated ID number
report-issue-phone-shared = Phone shared by several people
report-audit = Audit (verification of recipients)
report-audit-chart = False rate per unit with its 95% interval
report-col-checked = Checked
report-col-false = False
report-col-unverifiable = Unverifiable
report-col-deduction = Deduction
report-col-rate = False rate (95% interval)
report-col-flag = Re-check
report-scores = Scores and ranking
report-scores-chart = Ranking: survey score after deduction, inspection, and the deduction
report-scores-chart-note = The first two parts of each bar add up to the total; the last part is what the deduction took off. Flags are written after the bar.
report-col-rank = Rank
report-col-respondents = Respondents
report-col-survey = Survey score
report-col-survey-net = Survey score after deduction
report-col-deducted = Deduction
report-col-inspection = Inspection
report-col-total = Total
report-col-flags = Flags
report-col-interval = Survey score 95% interval
report-tie = Tied: { $units } (same total, same rank).
report-small = Fewer than 5 respondents (figures shown as <5): { $units }.
report-weighted = Survey scores are design-weighted; the interval is the 95% interval of the weighted estimate.
report-wrote = wrote { $path }
report-not-a-number = '{ $value }' is not a number here; this table should be a pingyi output as written — write it again with pingyi rather than editing it
report-missing-column = has no column { $key } ({ $zh }); give an output written by pingyi (or its manifest)
report-population-chart = Population per unit, by category
report-chain-differs = { $failed } manifests of the chain do not match their files; the report says what differs
report-recheck = recheck

## Terminal summary columns
summary-col-checked = checked
summary-col-collected = collected
summary-col-deduction = deduction
summary-col-false = false
summary-col-false-rate-95 = false rate (95%)
summary-col-flag = flag
summary-col-flags = flags
summary-col-inspection = inspection
summary-col-note = note
summary-col-population = population
summary-col-rank = rank
summary-col-recheck = recheck
summary-col-reserve = reserve
summary-col-resp = resp.
summary-col-roster = roster
summary-col-sample = sample
summary-col-survey = survey
summary-col-target = target
summary-col-total = total
summary-col-unit = unit
summary-col-unverifiable = unverifiable
summary-row-total = total
summary-quality-none = data quality: no findings ({ $report })
summary-quality = data quality: { $findings } — see { $report }

## the web workbench (pingyi serve)
serve-title = pingyi evaluation workbench
serve-skip = Skip to the content
serve-workspace = Workspace: { $path }
serve-steps = Steps
serve-step-counts = Count table
serve-step-frame = Frame
serve-step-draw = Draw
serve-step-audit = Audit
serve-step-score = Scores
serve-step-verify = Verify
serve-step-report = Report
serve-listening = The workbench is running: open { $url } in a browser (workspace { $workspace }). Close this window to stop it.
serve-bind = cannot start the workbench on this port ({ $reason }); choose another, e.g. --port 8723
serve-refused-host = Refused: the request does not name this workbench. Type the address shown at start (beginning with 127.0.0.1) into the browser.
serve-refused-origin = Refused: this request was not sent from a page of this workbench. Do it again on the workbench's page.
serve-not-found = No such page or file; start again from the steps above.
serve-internal = The workbench failed inside; the workspace was not changed. Try again, and report it if it happens again.
serve-busy = Other work is running ({ $running }); submit again when it is done. This request was not carried out.
serve-running = Running: { $step }, { $seconds } s so far. The page reloads when it is done.
serve-result = Result
serve-summary = The summary the command line prints
serve-downloads = Downloads
serve-stored = Stored: { $name }
serve-sheet-as-read = The sheet as read
serve-upload-kind = "{ $name }" is not a table file; upload an Excel/WPS workbook or a CSV ({ $kinds }); in Excel or WPS use Save As and choose .xlsx.
serve-upload-too-large = The upload exceeds the { $limit } MB limit; split the roster by township into several files and select them together on the Draw page.
serve-upload-broken = The upload did not complete ({ $reason }); choose the file and upload it again.
serve-need-file = Choose the file to upload first.
serve-need-counts = Upload the count table in step 1 (Count table) first.
serve-need-frame = Save the frame in step 2 (Frame) first.
serve-need-rosters = Upload the rosters first.
serve-need-seed = Type the announced seed, exactly as announced.
serve-need-commitment = Make the commitment first and print or announce it, then type the seed: the seed must come after the commitment.
serve-need-draw = Complete the draw in step 3 (Draw) first.
serve-not-a-number = "{ $value }" is not a number; type a decimal such as 0.1.
serve-not-a-count = "{ $value }" is not a whole number; type a count such as 3.
serve-counts-needs = Needs: the count table of recipients by category (Excel/WPS workbook or CSV in any encoding). Chinese headers are fine; total rows, title rows and notes may stay, and totals are checked.
serve-counts-file = Count table file
serve-counts-hint = One row per township and a column per category, or one row per township × category.
serve-counts-read = Read and check
serve-counts-as-read = The counts as pingyi reads them ({ $checked } totals checked)
serve-counts-next = Next: choose the margin, confidence and reserve rate, and make the frame.
serve-frame-needs = Needs: the count table of step 1. Preview the sample per township and category first, then save the frame.
serve-margin = Margin (0.1 is ±10%)
serve-confidence = Confidence (e.g. 0.95)
serve-min-per-stratum = Least sample per category
serve-reserve-rate = Reserve rate (e.g. 0.3)
serve-frame-preview = Preview (not saved)
serve-frame-save = Save the frame
serve-frame-chart = Sample per unit (by category)
serve-frame-next = Next: upload the rosters, make the commitment, then type the announced seed and draw.
serve-table-frame = The frame (saved)
serve-table-quality = Data-quality findings (ID numbers, duplicates, shared phones)
serve-table-tally = Audit tally
serve-table-score = Ranking
serve-draw-needs = Needs: the saved frame, the recipient rosters (one row per person, one or more files) and the announced seed. In this order: upload the rosters and make the commitment; the seed comes only after the commitment is announced.
serve-draw-rosters = ① Upload the rosters
serve-rosters-file = Roster files (one or more)
serve-rosters-store = Upload the rosters
serve-draw-commit = ② Make the commitment (before the seed exists)
serve-commit-why = The commitment records digests of the frame and rosters; print or announce it. Once the seed is announced anyone can check the rosters were not changed.
serve-commit-button = Make the commitment
serve-committed = The commitment is made (download it below as 种子承诺.json).
serve-draw-seed = ③ Type the announced seed and draw
serve-seed-label = The announced seed
serve-draw-button = Draw
serve-draw-next = Next: once the sample is collected, announce the audit seed and check 30%.
serve-audit-needs = Needs: the audit seed announced after the draw (not the draw's seed). Download the checklist; checkers choose 真实 / 虚假 / 无法核实 in the result column and change nothing else; upload it when it comes back.
serve-audit-seed = The announced audit seed
serve-audit-select = Make the checklist
serve-checklist-file = The returned checklist
serve-audit-tally = Upload and tally
serve-audit-next = Next: upload the survey answers and inspection scores, and rank.
serve-score-needs = Needs: the telephone survey answers (one row per person: township, overall satisfaction, misconduct, call outcome), the inspection scores (one row per township), and optionally the interviewers' call log. The audit's deductions are applied.
serve-responses-file = Survey answers
serve-inspection-file = Inspection scores
serve-calls-file = Call log (optional)
serve-score-button = Score and rank
serve-score-next = Next: verify every output, then see the report.
serve-verify-needs = Press Verify with no file to re-derive every output of the workspace from its manifest. Or choose downloaded files to check they are the workspace's files byte for byte.
serve-verify-file = Files to check (optional, one or more)
serve-verify-button = Verify
serve-verify-same = "{ $name }" is byte for byte the workspace's { $output }.
serve-verify-differs = "{ $name }" differs from the workspace's { $output }: it was edited, or comes from another run.
serve-verify-unknown = "{ $name }" is not the name of an output of this workspace; use the name it was downloaded under.
serve-verify-next = Next: see and download the report.
serve-report-needs = The report sums up the frame, draw, audit and scores with charts and the verification; it holds no ID number, phone or name, and prints on A4.
serve-report-open = Open the report
serve-no-report = No report yet: complete step 2 (Frame) first.
serve-report-next = Every file of the workspace works from the command line too: pingyi run --data WORKSPACE --out WORKSPACE/out
