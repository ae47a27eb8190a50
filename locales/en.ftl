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
error-several =
    { $count } problems found; fix them all, then run again:
    { $list }
error-several-item = {"  "}{ $number }. { $error }
error-several-more = {"  "}… and { $more } more, not listed here (fix the ones above and run again to see them)
error-lines-join =
    { $head }
    { $tail }

## Count tables (服务对象类别和数量表)
counts-unit-sums-others = unit '{ $unit }' holds, in every category, the sum of all the other units: it looks like a totals row. If it is one, write 合计 in its unit cell (it is then checked as a total); if it really is a unit, check its numbers
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
counts-total-differs = the { $kind ->
        [subtotal] subtotal
       *[total] total
    } says { $stated } but { $what } add up to { $sum }; correct the numbers or the { $kind ->
        [subtotal] subtotal
       *[total] total
    }
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
names-spelled-differently = writes the unit '{ $unit }' as '{ $second }', but { $there } writes it '{ $first }': the two are one name written two ways (differing in invisible characters, spaces, or traditional and simplified forms of a character) and would count as two units; write the name the same way in every row

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
counts-unit-filled-down = { $table }: { $count ->
        [one] 1 row has
       *[other] { $count } rows have
    } no unit and { $count ->
        [one] was
       *[other] were
    } read as the unit above (a unit cell merged over its category rows): row { $rows }{ $more ->
        [0] {""}
       *[other] , and { $more } more
    }. Check that each belongs to that unit; if not, write its unit's name
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
audit-seed-drew-the-sample = its ticket column (ticket / 随机票号) shows the sample was drawn with this very seed; the audit needs its own seed, announced after the sample was collected: give the audit seed, not the draw seed
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
audit-calls-bad-disposition = holds { $value }; write reached, refused, no answer, busy, wrong number or not a recipient (接通, 拒访, 无人接听, 占线, 空号, 非服务对象)
audit-wrote = wrote { $path }
audit-selection-not-found = has no selection manifest beside it, and none of the audit selections in { $folder } has its audit numbers; give the manifest `pingyi audit select` wrote with the checklist: --manifest <checklist>.manifest.json
audit-selection-ambiguous = could be the checklist of several audit selections ({ $manifests }); say which with --manifest

## Returned checklists: the 核查批次 and several files (audit-id-…, audit-returns-…)
audit-id-blank = the 核查批次 cell is blank; copy it back from another row (every row carries the same 核查批次, as `pingyi audit select` wrote it)
audit-id-differs = 核查批次 { $value } differs from { $first } in cell { $cell }: the rows of one checklist belong to one selection; put back the 核查批次 as it was written, and return rows of another selection in that selection's own checklist
audit-id-not-found = 核查批次 { $value } names no audit selection found in { $folders }: if the cell was edited, restore it from the checklist's title row (核查清单 · … · 核查批次); otherwise give the selection's manifest with --manifest <checklist>.manifest.json
audit-id-other-selection = 核查批次 { $value } is not that of the selection recorded in { $manifest } (核查批次 { $expected }): this checklist comes from another selection, or its 核查批次 was edited; give the manifest of its own selection with --manifest, or restore the 核查批次
audit-returns-none = holds no checklist (no table with a 核查编号 column); give the returned checklists, or the folder they are in
audit-checklist-no-rows = has no rows of the selection (only its header); return the checklist with its rows filled in
audit-checklist-sheets = has a checklist on each of the sheets { $sheets }, and its first sheet holds none; keep one checklist per workbook, or name its sheet with --sheet
audit-returns-conflict = audit number { $no } is returned twice with different results (here, and in { $first_file }, row { $first_row }): keep each record in one township's checklist only, or make both results the same
audit-returns-missing-unit = { $unit }: { $count } selected records are missing: { $list }
audit-returns-missing =
    returns only part of a township's rows:
    {"  "}{ $units }
    return every row of the township's checklist (a township not returned at all is counted as pending)
audit-tally-partial = partial tally: { $pending } of { $total } units have not returned their checklist yet ({ $units }); their findings and deductions count only once it comes back
audit-tally-blank-pending = partial tally: { $count } results were left blank and count as pending (--partial): { $units }; their findings and deductions count only once they are filled in and tallied again

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
draw-with-a-note =
    { $message }
    { $note }
draw-unread-sheets = { $file } has other sheets with the roster's columns, not read ({ $count }: { $sheets }): only sheet { $sheet } was read. To draw from all of them, copy them into one sheet, or save each as a file of its own and give each with --roster
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
draw-id-formula-error = holds { $value }, the error of a formula and not an id: correct the formula in Excel or WPS (or paste the column as values) and save again
draw-id-rounded = ends in 000 and fails the ID number's check digit: a spreadsheet kept only its first 15 digits (the column held numbers when the file was saved); format the column as text (文本) and enter the ids again from their source
draw-id-stored-as-number = is a number of more than 15 digits, stored as a number: Excel has already lost its last digits; format the column as text (文本) and enter the ids again
draw-id-invisible = the id holds characters that print as nothing ({ $chars }): two ids that look the same would count as two people; delete them (Find and Replace in Excel or WPS, or export again from the source system), save, and draw again
draw-no-header = no header row with a unit column in the first 20 rows; a roster needs an id, a unit ({ $units }) and a category (类别) column
draw-no-category-column = has no category column; name it 类别 or category (or { $names })

## Scores and the ranking (pingyi score)
score-flag-unqualified = unqualified for the year ({ $reason })
score-flag-no-answers = no survey answers
score-flag-provisional = provisional: { $count } checks of its findings pending
score-flag-no-inspection = no inspection score: not ranked
score-flag-advanced = annual comprehensive-advanced
score-flag-commended = commended
score-flag-criticised = criticised
score-flag-not-eligible = not eligible for comprehensive-advanced
score-flag-few-respondents = fewer than { $min } respondents
score-note-overlap = only { $count } units are ranked: the top-3 and bottom-3 flags overlap
score-note-scheme-bureaus = every unit is named as a county bureau (…局, …县), but the township scheme is used: it values 满意 0.9 where the county scheme values it 0.8, and it sets the township flags. Was --scheme county meant?
score-note-scheme-townships = every unit is named as a township office (乡, 镇, 街道 …), but the county scheme is used: it values 满意 0.8 where the township scheme values it 0.9, and it sets none of the plan's township flags. Was --scheme township meant?
score-note-findings-pending = the findings still have checks pending (a checklist not returned, or results left blank), so these units' deductions count only the checks done, and this score is provisional: { $units }; tally again once every checklist is back, then score again
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
disposition-ambiguous = holds { $value }, which reads either way: write 空号 or 号码错误 (wrong number) if the number reached someone else, or 非服务对象 (not a recipient, which costs the unit 0.5 points) if the person is not a recipient
score-disposition-unknown = holds { $value }; write 接通, 拒访, 无人接听, 空号 or 非服务对象
score-scheme-name = { $name }
score-answer-unknown = holds { $value }, which the { $scheme } scheme does not know; write one of { $levels }
score-inspection-twice = gives { $unit } a second inspection score (the first is at row { $first }); keep one row per unit
score-inspection-bad = holds { $value }; an inspection score is a number from 0 to 30
score-input-sheets = holds the table on each of the sheets { $sheets }; only one sheet is read, so the others would be left out without a word. Put every row on one sheet (copy and paste them under one header), then score again
score-inspection-fractions = holds { $count } inspection scores, every one between 0 and 1: they look like shares or percentages (a cell formatted as 21% holds 0.21), not points. Write each unit's points from 0 to 30 (in Excel or WPS: 设置单元格格式 → 数值)
score-findings-bad = holds { $value } which { $problem }
score-findings-audit-twice = gives the checks of { $unit } as { $other } does: two tallies of one audit (one made from a township's checklist, one from all of them) would count its false recipients twice. Give the latest tally alone, made from all returned checklists
score-findings-same = gives every unit the same false-recipient counts as { $other }: the same findings given twice (one tally as .csv and .xlsx, or one file named twice) would count every false recipient twice. Give each table once; if the two really are different checks, put their counts in one table
score-findings-is-score = is a score table (it has the columns survey_score and rank), not findings: its false_found column already holds the survey's 非服务对象 findings, which would count twice. Give the audit tally (`pingyi audit tally` output) or a table unit, false
score-findings-no-category = gives { $unit } a row without a category (类别) in a table by category; write the category, or 合计 if the row is the unit's subtotal
score-findings-subtotal = gives { $unit } a subtotal of { $value }, but its rows by category add up to { $sum }; correct the subtotal or the rows (the subtotal itself is not added)
score-disqualified-no-reason = gives no reason for disqualifying { $unit }; write the reason (the ranking prints it), or delete the row if { $unit } is not disqualified
score-findings-total = is a total of { $value }, but the units' rows above add up to { $sum }: correct the total or the row typed wrong (the total itself is not added)
score-findings-twice = lists { $unit } a second time (the first is at row { $first }); the counts would be added up silently. Keep one row per unit with its total (or give one row per unit and category with a 类别 column)
score-answer-not-reached = holds the answer { $value }, but the call result of this row is { $disposition }, so no recipient answered. If the call reached the recipient, write 接通 as the call result; otherwise clear the answers
score-note-flag-ties = { $flag }: { $count } units, more than the plan's { $quota }, because their totals tie at the boundary and tied units share a rank: { $units }. Decide how the tie is broken before announcing the flag
score-note-no-answers = no survey answers at all for { $units }: listed without a total or a rank. Check that their answers are in the responses file, with the unit written as in the frame
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

# Masking policy ([mask] in pingyi.toml, --mask-… flags)
mask-key-range = [mask] { $key } = { $value } is not a number of characters from 0 to 18; the default is { $key } = { $usual }
mask-too-much = { $keys } keep { $kept } characters of { $what }; at most { $max } may be kept so that the rest stays hidden (the default keeps { $usual })
mask-what-id = an ID number
mask-what-phone = a phone number
mask-what-name = a name
mask-flag-bad = { $flag } { $value }: give how many characters to keep, from 0 to 18 (first,last for --mask-id and --mask-phone, first for --mask-name), e.g. { $flag } { $usual }

# The roster's data-quality report (sample.…quality.csv)
quality-invalid-id = not a valid 18-character resident ID number (check character or length)
quality-old-id = an old 15-digit number; ask for the 18-digit one
quality-more-invalid = { $count } more not listed
quality-id-repeated = one ID number on { $count } rows, in { $strata }
quality-phone-shared = one phone number for { $count } recipients
report-quality-no-unit = (no unit named)
report-quality-per-unit = A finding whose rows lie in two units is counted in both.

## pingyi run: what pingyi.toml lacks (run-…)
run-no-level = names no level; add a [city] or [county] table
run-no-draw-seed = a level names rosters but [seeds] has no draw seed; add draw = "…" (the seed announced for the draw)
run-no-audit-seed = a level names audit_rate but [seeds] has no audit seed; add audit = "…" (the seed announced for the audit)

## Command line: headings, parse errors, value checks (cli-…)
cli-heading-usage = Usage:
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-value-command = COMMAND
cli-usage-options = [OPTIONS]
cli-default-value = [default: { $value }]
cli-possible-values = [possible values: { $values }]
cli-usage-line = Usage: { $usage }
cli-more-help = For more information, run '{ $command } --help'.
cli-unknown-argument = unexpected argument '{ $arg }': this command has no such flag (check its spelling; a value that starts with - goes after --)
cli-extra-word = unexpected word '{ $arg }': this command takes no such argument (a value belongs after its flag; quote a value with spaces)
cli-repeated = { $arg } is given more than once; give it once
cli-unknown-subcommand = there is no command '{ $command }'
cli-invalid-value = { $arg } does not take '{ $value }'; give one of: { $valid }
cli-empty-value = { $arg } needs a value after it
cli-bad-value = invalid value for { $arg }: { $reason }
cli-value-refused = '{ $value }' is not accepted
cli-value-whole = '{ $value }' is not a whole number of 0 or more; write one such as 5
cli-value-number = '{ $value }' is not a number; write one such as 0.05
cli-value-decimal = '{ $value }' is not a number; write it with a decimal point, e.g. 0.5
cli-value-negative-points = { $value } is negative; give 0 or more points
cli-value-share = { $value } is not between 0 and 1; write a share such as 0.10
cli-value-rate = '{ $value }' is not a rate; write a decimal such as 0.3 or 30%
cli-value-method = unknown allocation method '{ $value }'; use proportional, equal, neyman, optimal or quota
cli-missing-required = these required arguments were not given: { $arg }
cli-missing-subcommand = '{ $command }' needs a command after it
cli-conflict = { $arg } cannot be used with { $other }
cli-no-equals = { $arg } needs its value after an equals sign, e.g. { $arg }=VALUE
cli-value-count = { $arg } was given the wrong number of values
cli-invalid-utf8 = an argument is not valid text (UTF-8)
cli-parse-other = the command line could not be read ({ $reason })
cli-did-you-mean = tip: did you mean '{ $name }'?
cli-weighted-needs-sample = --weighted needs --sample (the draw's sample file)
cli-verify-what = give a MANIFEST, or --sample with --roster/--frame/--seed, or --calls with --sample
cli-verify-sample-needs = --sample needs --roster, --frame and --seed (or --calls LOG)
cli-seed-empty = the seed is empty; give the seed announced for this draw with --seed (pingyi never invents one; `pingyi seed new` makes one to announce)
config-invalid-line = is not a valid configuration: { $reason } (the line reads: { $source })
config-rate-type = a rate is a decimal such as 0.3 or "30%"
config-seed-type = a seed is text in quotes, exactly as it was announced, e.g. draw = "20260615"
io-not-found = no such file or folder
io-permission-denied = permission denied
io-storage-full = the disk is full
draw-frame-edited = differs from what its manifest { $manifest } recorded (edited by hand?) in: { $strata }; rebuild it with `pingyi frame`, or pass --allow-edited-frame

## Progress bars (progress-…)
progress-reading-rosters = reading rosters
progress-eta-left = { $eta } left

## Command-line help: each command's description and each argument's help (help-…)
help-pingyi-about = pingyi (评议): sampling frames, draws, audits and scores for the civil-affairs democratic-evaluation survey
help-pingyi-long =
    pingyi (评议): sampling frames, draws, audits and scores for the civil-affairs democratic-evaluation survey.
    {""}
    Start with `pingyi run`, which runs the whole pipeline on the bundled example in data/ and writes everything under out/.
help-run-about = Run the pipeline on a data folder (default: the bundled example in data/)
help-run-long =
    Run the pipeline on a data folder (default: the bundled example in data/).
    {""}
    Reads data/pingyi.toml, builds the frames of the example city and county, and writes every output with its manifest under out/. A rerun replaces the files the last run wrote there (its .pingyi-run lists them with their digests) and keeps every other file; a file of an output's name that the run did not write, or that was changed since, stops the run before anything is written. The new outputs appear all at once: a run stopped at any moment leaves the old set or the new one.
    {""}
    Example: pingyi run --data data --out out
help-run-data = The data folder holding pingyi.toml and the tables it names
help-run-out = The output folder (created if missing; the run's own files in it are replaced)
help-run-force = Use --out even if it holds files an earlier run did not write (they are kept, and none is ever replaced)
help-frame-about = Allocate the survey sample across units × categories (the sampling frame, 抽样样本框)
help-frame-long =
    Allocate the survey sample across units × categories (the sampling frame, 抽样样本框).
    {""}
    Each unit's sample size comes from --per-unit, a sample_size (样本量) column, or --margin with the finite-population correction. It is shared among the unit's categories by --method; strata whose share reaches their population are taken whole, every non-empty stratum gets at least --min-per-stratum, and whole numbers come from largest remainder, so each unit's total is exact.
    {""}
    Example: pingyi frame --counts data/county_counts.xlsx --margin 0.08 --reserve-rate 0.3 --out frame.xlsx
help-frame-counts = The count table (服务对象类别和数量表): CSV, .xlsx/.xls or Parquet, long or wide form
help-frame-per_unit = The same sample size for every unit
help-frame-margin = Margin of error as a fraction (0.05 for ±5%); the size follows per unit
help-frame-confidence = Confidence level for --margin
help-frame-p = Expected proportion for --margin (0.5 gives the largest sample)
help-frame-method = Allocation across categories: proportional, equal, neyman, optimal or quota
help-frame-min_per_stratum = The least sample of every non-empty stratum (where its population allows)
help-frame-reserve_rate = Reserves per stratum as ceil(rate × sample), e.g. 0.3
help-frame-reserves = A fixed number of reserves per stratum
help-size-about = Print the sample size for a population and margin of error
help-size-long =
    Print the sample size for a population and margin of error.
    {""}
    n0 = z²·p(1−p)/E², n = n0 / (1 + (n0 − 1)/N), rounded up.
    {""}
    Example: pingyi size --population 1000 --margin 0.05   (prints 278)
help-size-population = The population N
help-size-margin = Margin of error as a fraction (0.05 for ±5%)
help-size-confidence = Confidence level
help-size-p = Expected proportion
help-draw-about = Draw every stratum's sample and ordered reserves from recipient rosters
help-draw-long =
    Draw every stratum's sample and ordered reserves from recipient rosters.
    {""}
    Each recipient gets a ticket from the seed and its id alone (the tickets of Rivest's consistent_sampler: SHA-256 of the seed's hex digest followed by the id); in each stratum the n smallest tickets are the sample and the next r, in ticket order, the reserves. Anyone with the roster and the seed can re-derive the draw (docs/ALGORITHM.md).
    {""}
    Example: pingyi draw --frame frame.csv --roster roster.csv --seed 20260615 --out sample.xlsx
help-draw-frame = The frame written by `pingyi frame`
help-draw-roster = A recipient roster (id, unit, category, any other columns); repeat for several files, e.g. one per township
help-draw-seed = The announced seed, exactly as typed (text, never a number)
help-draw-id_column = The column that identifies each recipient, e.g. 身份证号 (default: id/编号)
help-draw-sheet = The roster worksheet to read (default: the first)
help-draw-take_all_short = Take a stratum whole when its roster is smaller than its sample
help-draw-allow_count_mismatch = Draw even if roster counts differ from the frame; probabilities use the roster
help-draw-allow_edited_frame = Draw from a frame that differs from what its manifest recorded
help-draw-commitment = A commitment from `pingyi seed commit`: the frame and rosters must match it
help-draw-threads = Threads reading the rosters (default: one per core). The sample is the same for any number
help-draw-emit_sql = Print the same draw as one SQL query for DuckDB or Spark instead of drawing (rosters are read only to their header). See docs/ALGORITHM.md
help-draw-out = The sample file; its extension picks the format: .csv, .xlsx, .json or .parquet. A manifest is written beside it as <out>.manifest.json
help-audit-about = The county's 30% verification audit of the collected samples (抽查审核)
help-audit-select-about = Select the random verification subset of a collected sample and write the checklist
help-audit-select-long =
    Select the random verification subset of a collected sample and write the checklist.
    {""}
    Per unit, ceil(rate × collected records) (at least one), spread over its categories, chosen by the smallest tickets of the audit seed (the draw's algorithm). The checklist has empty 核查结果 (真实/虚假/无法核实), 核查人, 核查日期 and 备注 columns to fill in.
    {""}
    Example: pingyi audit select --sample sample.csv --seed 20260701 --out checklist.xlsx
help-audit-select-sample = The collected sample: pingyi's draw output (main rows, and reserves marked in a `used` column), or a list in the roster format
help-audit-select-seed = The audit seed, announced after the sample was collected (not the draw seed)
help-audit-select-rate = The share of each unit's records to check
help-audit-tally-about = Check a filled checklist against its selection and tally the findings per unit
help-audit-tally-long =
    Check a filled checklist against its selection and tally the findings per unit.
    {""}
    Every selected record must be present once and unchanged; results are read in Chinese or English (真实/虚假/无法核实, genuine/false/unverifiable; a yes/no such as 是/否, √/×, 1/0 or TRUE/FALSE is refused, as it reads either way). Per unit: the deduction (0.5 per false recipient, at most 5) and the false rate with an exact 95% interval; units whose rate could reach --recheck-at are flagged.
    {""}
    Example: pingyi audit tally --checklist checklist.xlsx --out tally.xlsx
help-audit-tally-checklist = The filled checklist
help-audit-tally-manifest = The selection's manifest (default: <checklist>.manifest.json)
help-audit-tally-partial = Count blank results as pending instead of refusing them
help-audit-tally-recheck_at = Flag a unit whose false rate could be this high (upper end of the interval)
help-audit-tally-per_case = Points deducted per false recipient
help-audit-tally-cap = The most points the findings can cost
help-help-about = Print this help, or the help of the given command
help-verify-about = Prove an output came from its recorded inputs and parameters
help-verify-long =
    Prove an output came from its recorded inputs and parameters.
    {""}
    Re-reads the inputs a manifest records, checks their digests, re-derives the output with the recorded parameters and seed, and compares: prints OK (exit 0), or every difference — which input changed and in which strata, which output was edited — and exits 3. A reordered input with the same content is reported as the same content.
    {""}
    Example: pingyi verify --chain --root . out/county/audit_tally.xlsx.manifest.json
    {""}
    The manifest must record the file beside it (`X` for `X.manifest.json`) as its output, by name and digest. Files it names must lie inside its folder, or inside the folder given with --root (`pingyi run` keeps its inputs in data/ beside out/, so give --root with the folder holding both). `--seed` checks that a draw used the announced seed, `--commitment` that its frame and rosters are those committed.
    {""}
    Also: `pingyi verify --sample LIST --roster R --frame F --seed S` checks a list that claims to be the draw; `pingyi verify --calls LOG --sample SAMPLE` checks that reserves were used in ticket order and only in place of lost main respondents.
help-verify-manifest = The manifest to verify (<output>.manifest.json), or the output itself
help-verify-root = The folder the manifest's files must lie in (default: the manifest's folder)
help-verify-commitment = A commitment from `pingyi seed commit` the draw's frame and rosters must match
help-verify-chain = Also verify every manifest the inputs link to, back to the count table
help-verify-sample = A sample to check (against a fresh draw, or against a call log with --calls)
help-verify-roster = The roster(s) the sample should have been drawn from
help-verify-frame = The frame the sample should have been drawn from
help-verify-seed = The announced draw seed: a draw made with any other seed fails
help-verify-calls = A call log (id, disposition) to check against --sample
help-score-about = Turn survey answers into each unit's score and the ranking (the plan's 70/30)
help-score-long =
    Turn survey answers into each unit's score and the ranking (the plan's 70/30).
    {""}
    Survey score = 70 × (0.7 × mean satisfaction value + 0.3 × mean misconduct value); deduction = min(0.5 × all false-recipient findings of the unit, 5), the cap applied once; total = survey score − deduction + inspection score (0–30). Totals are rounded half up to 2 decimals and ranked (ties share a rank); the township scheme flags the top 3 (通报表扬), the first (年度综合先进), the bottom 3 (通报批评) and the bottom 2.
    {""}
    Every unit named in the answers, inspection scores, findings and disqualifications must be one of the evaluated units (--units, else the --sample of --weighted, else the units of --inspection); an unknown name stops the score, naming the closest unit.
    {""}
    Example: pingyi score --responses answers.csv --units frame.csv --scheme township --inspection inspection.csv --findings tally.csv --out score.xlsx
help-score-responses = Survey answers, one row per respondent: unit, satisfaction (满意度), misconduct (不良行为), optionally disposition (通话结果: 接通, 拒访, 无人接听, 空号 or 非服务对象; 非服务对象 counts as a finding, and a row not 接通 must have no answers). The answers each scheme accepts are listed under --scheme
help-score-units = The evaluated units: the frame, the sample or the count table (any table with a unit column). Every evaluated unit is scored; a unit no list names is refused
help-score-scheme = county, township, or a TOML file with a custom scheme. township: satisfaction 满意 0.9, 基本满意 0.8, 不太满意 0.7, 不满意 0.6; misconduct 不存在 (or 无) 1, 不严重 0.8, 严重 0.7. county: satisfaction 非常满意 0.9, 满意 0.8, 基本满意 0.7, 不太满意 0.6, 不满意 0.5; misconduct 不存在 (or 无) 1, 有但不严重 0.8, 严重 0.7, 非常严重 0.5. A blank answer is a refusal: counted, not scored
help-score-inspection = Inspection scores: unit, inspection (检查评估, 0–30)
help-score-findings = False-recipient findings: `pingyi audit tally` output or any table unit, false (虚假)
help-score-disqualified = Units disqualified under the plan's rules: unit, reason (原因)
help-score-unit_facing = Also write the unit-facing table here (means over fewer than 5 respondents suppressed)
help-score-weighted = Design-weighted means (weights N_h / respondents_h, with standard errors and 95% intervals as R's survey package computes them); needs --sample
help-score-sample = The draw's sample, for --weighted
help-score-missing_inspection = A unit with no row in --inspection: refuse (the default: the score stops, naming it), zero (counted as 0 points, with a warning) or exclude (scored, not ranked)
help-score-min_respondents = A ranked unit with fewer respondents is marked in the ranking and the warnings
help-seed-about = Seeds for the random stages
help-seed-new-about = Print a fresh 20-digit seed from the operating system's entropy (ChaCha20), to be announced and recorded before the draw, when no public dice ceremony is held
help-seed-commit-about = Record the digests of the frame and rosters before the seed exists (to publish or sign); `pingyi draw --commitment` then refuses any other frame or roster
help-seed-commit-frame = The frame the draw will use
help-seed-commit-roster = The roster(s) the draw will use
help-seed-commit-out = Where to write the commitment (JSON)
help-seed-commit-force = Replace the commitment file if it exists
help-counts-about = Show a count table as pingyi reads it: one row per unit × category
help-counts-long =
    Show a count table as pingyi reads it: one row per unit × category.
    {""}
    Use it to check a table before building a frame: the form (long or wide), the totals checked, and the categories recognised. Without --out the table is printed as CSV.
    {""}
    Example: pingyi counts data/county_counts.xlsx
help-counts-file = The count table
help-counts-out = Write to this file (with a manifest) instead of printing
help-synth-about = Generate a fictional roster matching a count table (for trials and benchmarks)
help-synth-long =
    Generate a fictional roster matching a count table (for trials and benchmarks).
    {""}
    The same counts and seed always give the same rows. ID numbers use region codes starting with 99 and phones start with 10, so they belong to nobody.
    {""}
    Example: pingyi synth --counts data/county_counts.csv --seed example --out roster.csv
help-synth-counts = The count table whose strata the roster fills
help-synth-seed = The seed of the generator
help-synth-plant_problems = Plant this many invalid ID numbers, one shared phone and one repeated ID number (to show the data-quality report)
help-report-about = Write one self-contained HTML report (charts, tables, the proof) from outputs' manifests and their chains
help-report-long =
    Write one self-contained HTML report (charts, tables, the proof) from outputs' manifests and their chains.
    {""}
    Reads the outputs the manifests name (frame, sample, audit tally, scores) without computing any stage again, re-verifies the chain as `pingyi verify --chain` does, and writes one HTML file with inline style and charts: no script, no network, prints on A4. No ID number, phone or name appears in it.
    {""}
    Example: pingyi report out/county/score.csv out/city/frame.csv --out report.html
help-report-manifests = Outputs or their manifests (<output>.manifest.json); the chains they link to are followed
help-report-out = The HTML file to write
help-report-root = The folder every file a manifest names must lie in (default: the first manifest's folder)
help-report-commitment = A commitment from `pingyi seed commit` the draw is checked against
help-report-force = Replace --out if it exists
help-arg-force = Replace the output (and its manifest) if it exists; never one of the inputs
help-arg-headers = Header language for CSV, JSON and Parquet (default: --lang if given, else en; workbooks always have Chinese headers)
help-arg-help = Print help (-h: a summary; --help: everything)
help-arg-id_column = The column that identifies each recipient (default: id/编号)
help-arg-lang = Language of messages and help, zh or en (default: PINGYI_LANG, else lang in pingyi.toml for `pingyi run`, else the system locale); also the header language of CSV, JSON and Parquet outputs unless --headers says otherwise
help-arg-no_bom = Write CSV without the UTF-8 byte-order mark (for programs rather than Excel)
help-arg-out = The output file; its extension picks the format: .csv, .xlsx, .json or .parquet. A manifest is written beside it as <out>.manifest.json
help-arg-sheet = The worksheet to read (default: the first)
help-arg-version = Print version

## Command-line help: the placeholder of each argument's value (help-value-…)
help-value-calls = CALLS
help-value-cap = CAP
help-value-checklist = CHECKLIST
help-value-commitment = COMMITMENT
help-value-confidence = CONFIDENCE
help-value-counts = COUNTS
help-value-data = DATA
help-value-disqualified = DISQUALIFIED
help-value-emit_sql = ENGINE
help-value-file = FILE
help-value-findings = FINDINGS
help-value-frame = FRAME
help-value-headers = HEADERS
help-value-id_column = ID_COLUMN
help-value-inspection = INSPECTION
help-value-lang = LANG
help-value-manifest = MANIFEST
help-value-manifests = MANIFESTS
help-value-margin = MARGIN
help-value-method = METHOD
help-value-min_per_stratum = MIN_PER_STRATUM
help-value-min_respondents = MIN_RESPONDENTS
help-value-missing_inspection = refuse|zero|exclude
help-value-out = OUT
help-value-p = P
help-value-per_case = PER_CASE
help-value-per_unit = PER_UNIT
help-value-plant_problems = PLANT_PROBLEMS
help-value-population = POPULATION
help-value-rate = RATE
help-value-recheck_at = RECHECK_AT
help-value-reserve_rate = RESERVE_RATE
help-value-reserves = RESERVES
help-value-responses = RESPONSES
help-value-root = ROOT
help-value-roster = ROSTER
help-value-sample = SAMPLE
help-value-scheme = SCHEME
help-value-seed = SEED
help-value-sheet = SHEET
help-value-threads = THREADS
help-value-unit_facing = UNIT_FACING
help-value-units = UNITS

# Help texts of the masking flags
help-arg-mask_id = Characters of an ID number kept at the start and the end, FIRST,LAST (default 6,4: 110105********123X; at most 10 at either end and 14 in all)
help-arg-mask_phone = Digits of a phone number kept at the start and the end, FIRST,LAST (default 3,4: 138****5678; at most 7 in all)
help-arg-mask_name = Characters of a name kept at the start (default 1: 张*; at most 2)
help-value-mask_id = FIRST,LAST
help-value-mask_phone = FIRST,LAST
help-value-mask_name = FIRST

## pingyi verify: what was re-derived and every difference (verify-…)
verify-digests-match = { $command }: digests match
verify-rederived = { $command }: { $rows } { $main } rows re-derived from { $inputs } inputs with the recorded parameters{ $with_seed }
verify-and-seed = {" "}and seed '{ $seed }'
verify-input = input { $path } ({ $role })
verify-input-missing = { $what } is missing; put the file back beside the manifest under the same name
verify-input-manifest-changed = { $what }: its manifest { $manifest } changed or is missing
verify-input-same-content = { $what } changed bytes but not content (reordered or saved again): same content
verify-input-unreadable = { $what } changed and cannot be read: { $reason }
verify-input-bytes-changed = { $what } changed (SHA-256 differs)
verify-output-changed = output { $path } was changed after it was written
verify-output-inputs-changed = output { $path } matches the SHA-256 its manifest records, but not the output its inputs give now: an input changed since it was written (see above), so the output no longer follows from its inputs as they are
verify-output-not-derived = output { $path } matches the SHA-256 its manifest records, but not the output its inputs give: the file and the SHA-256 in its manifest were both changed
verify-output-rows = output { $path } has { $found } rows, and the output its inputs give has { $expected }: rows were added or deleted
verify-output-missing = output { $path } is missing
verify-frame-cell = { $location }: holds { $found }, the frame re-derived from the counts has { $expected }
verify-wrong-main-role = the output entry for { $name } is recorded as a '{ $role }' file, not the { $main } a '{ $command }' command writes
verify-cannot-rederive = cannot re-derive the output: { $reason }
verify-content-differs = { $what }: content differs
verify-stratum-rows = { $what }: stratum { $stratum } has { $rows } rows, recorded { $recorded }
verify-stratum-records = { $what }: stratum { $stratum } has different records
verify-stratum-gone = { $what }: stratum { $stratum } ({ $rows } rows) is gone
verify-stratum-new = { $what }: stratum { $stratum } ({ $rows } rows) is new
verify-rederived-what = re-derived { $main }
verify-commitment-unreadable = commitment { $path } cannot be read
verify-commitment-differs = commitment { $path } does not match the draw's inputs: { $problem }; the frame and rosters must be exactly those committed before the seed was made
verify-commitment-id-column = commitment { $path } names another id column than the draw used
verify-record-not-drawn = record { $id } ({ $stratum }) is in { $file } but the draw does not pick it
verify-record-not-listed = record { $id } ({ $stratum }) is picked by the draw but missing from { $file }
verify-sample-ok = sample: all { $listed } listed records are the draw's ({ $main } main respondents, reserves allowed)
verify-sample-extra = record { $id } ({ $stratum }) should not be there: the draw does not pick it
verify-sample-missing-main = main respondent { $id } ({ $stratum }) is missing
verify-sample-reserves = { $reserves } reserves are listed; check with --calls that they replaced lost main respondents in order
verify-no-role-file = the manifest names no { $role } file
verify-no-parameters = a '{ $command }' manifest does not record the parameters of this stage
verify-planted-too-many = the manifest records too many planted errors
verify-bad-rate = the manifest records a bad rate '{ $rate }'
verify-roster-count = the manifest lists more rosters than the draw reads
verify-parameter-invalid = the manifest's parameters lack a valid { $what }
verify-plan-invalid = the manifest's parameters do not make a valid frame plan: { $reason }
verify-command = { $command }
report-level-name = { $level }
verify-role = { $role }

## pingyi seed commit: the commitment and its checks (seed-…)
seed-not-a-commitment = is not a commitment from `pingyi seed commit`; give the .json file that `pingyi seed commit` wrote
seed-frame-differs = the frame differs from the committed { $path }
seed-roster-count = { $committed } rosters were committed, { $given } given
seed-roster-differs = a roster differs from the committed { $path }
seed-problems-join = { $head }; { $tail }
seed-commitment-mismatch = does not match the draw's inputs: { $problems }; the frame and rosters must be exactly those committed before the seed was made
seed-announcement-heading = pingyi commitment ({ $format }): publish or sign these lines before the seed is made
seed-announcement-frame = frame   { $digest }  { $path }
seed-announcement-roster = roster  { $digest }  { $path }

## Writing outputs and the output folder of pingyi run (output-…)
output-wrote = wrote { $path }
output-is-folder = { $path } is a folder; give --out a file name
output-is-input = { $output } is the input { $input }; an output never replaces one of the command's inputs, so choose another --out
output-folder-unnamed = { $path } cannot be an output folder; choose a named folder such as out/
output-folder-not-folder = { $path } exists and is not a folder; choose another --out
output-folder-foreign-files = { $path } already holds files that pingyi run did not write; choose an empty --out, or pass --force to write beside them (nothing of yours is replaced or removed)
output-folder-in-the-way = { $path } is a link or a file where pingyi run writes a folder of its own; move it out of { $folder } (or choose another --out) and run again
output-undigested = { $path } is listed in { $marker } without its digest (written by an earlier version of pingyi?), so the run cannot tell it is unchanged; move { $folder } away (or choose another --out) and run again
output-not-owned = { $path } was not written by pingyi run, or was changed since (its digest differs from the one in { $marker }); the run would replace it, so move or rename it (or choose another --out) and run again
output-marker-no-digest = { $marker } lists { $line } without the digest pingyi run records; that file is left alone
output-marker-outside = { $marker } lists { $path }, which is not a file inside the folder; ignored
output-changed-left-alone = { $path } was changed since pingyi run wrote it; left alone
output-not-plain-left-alone = { $path } is not a plain file in the folder (a link, or inside a linked folder); left alone
output-old-not-removed = could not remove the earlier outputs in { $path } ({ $reason }); the next run removes them
output-folder-busy = { $reason }; close any file of the folder that is open in another program (Excel, WPS) and run again
output-input-inside = the input { $input } is inside the output folder { $folder }, whose files each run replaces; keep inputs in the data folder and choose another --out

## Scheme files (pingyi score --scheme file.toml) (scheme-…)
scheme-invalid = is not a valid scheme: { $reason }
scheme-name-empty = key name is empty; give the scheme a name, e.g. name = "county"
scheme-no-levels = has no { $key } levels; add at least one [[{ $key }]] table with a value and labels
scheme-level = { $key } level { $level }
scheme-level-value = { $at } has value { $value }; a level's value is the share of the points it earns, a number from 0 to 1
scheme-level-no-labels = { $at } has no labels; write the answers that name it, e.g. labels = ["满意", "satisfied"]
scheme-label-blank = { $at } has a blank label; write the answer as interviewers record it
scheme-label-twice = { $at } has the label '{ $label }' twice
scheme-label-shared = { $at } has the label '{ $label }', which also names { $other }; a label names one level
scheme-weight = key weights holds { $weight } as weight { $number }; each weight is a number from 0 to 1, e.g. weights = [0.7, 0.3]
scheme-weights-sum = key weights adds up to { $sum }, not 1; the two questions' weights share the survey's points, e.g. weights = [0.7, 0.3]
scheme-points = key points holds { $points }; the survey's points are a number above 0 and at most 100 (70 in the plan)
scheme-deduction = key { $key } holds { $value }; it is a number of points from 0 to the survey's { $points } ({ $usual } in the plan)

# The allocation method named in the report
report-method = { $method ->
    [proportional] proportional
    [equal] equal
    [neyman] Neyman
    [optimal] optimal
    [quota] quota
   *[other] { $method }
    }

# The draw given neither --out nor --emit-sql
draw-needs-out = give --out (for example --out sample.xlsx) or --emit-sql duckdb|spark

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
serve-progress = { $what }: { $done } of { $total } MB read ({ $percent }%)
serve-result = Result
serve-summary = The summary the command line prints
serve-downloads = Downloads
serve-stored = Stored: { $name }
serve-sheet-as-read = The sheet as read
serve-upload-kind = "{ $name }" is not a table file; upload an Excel/WPS workbook or a CSV ({ $kinds }); in Excel or WPS use Save As and choose .xlsx.
serve-upload-too-large = The files sent together exceed the workbench's { $limit } MB limit (all files of one upload count together). Close the workbench and start it again with a larger limit, for example `pingyi serve --max-upload-mib { $larger }`, then upload again.
serve-upload-broken = The upload did not complete ({ $reason }); choose the file and upload it again.
serve-need-file = Choose the file to upload first.
serve-need-counts = Upload the count table in step 1 (Count table) first.
serve-need-frame = Save the frame in step 2 (Frame) first.
serve-need-rosters = Upload the rosters first.
serve-need-seed = Type the announced seed, exactly as announced.
serve-need-commitment = Make the commitment first and print or announce it, then type the seed: the seed must come after the commitment.
serve-need-draw = Complete the draw in step 3 (Draw) first.
serve-rosters-same = These are the rosters already committed to: nothing changed.
serve-rosters-fixed = The rosters can no longer be replaced: the commitment to them has been made (it may already be printed or announced), and a draw from other rosters would pass for the announced one. If a roster really is wrong, start a new workspace (another folder), upload the right rosters there and hold the commitment and the seed announcement again.
serve-not-a-fraction = "{ $value }" is not between 0 and 1; type a decimal such as 0.1 (a margin of ±10%) or 0.95 (a confidence of 95%).
serve-not-a-rate = "{ $value }" is not a reserve rate; type a decimal such as 0.3 (30% more than the sample), at most 10.
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
serve-checklist-file = Returned checklists (one or more)
serve-checklist-hint = Choose every checklist that came back, one per township or all in one; those returned later can be uploaded later. The tally is made over all of them, in any order.
serve-returns-stored = Returned checklists received ({ $count })
serve-returns-pending = Not yet returned: { $units }. Upload their checklists when they come back; the tally is then made again over all of them.
serve-returns-complete = Every township's checklist has been returned and tallied.
serve-returns-remove = Remove
serve-returns-remove-one = Remove { $name } (to upload a corrected one)
serve-returns-clear = Remove every returned checklist (to upload them again)
serve-audit-tally = Upload and tally
serve-audit-next = Next: upload the survey answers and inspection scores, and rank.
serve-score-needs = Needs: the telephone survey answers (one row per person: township, overall satisfaction, misconduct, call outcome), the inspection scores (one row per township), and optionally the interviewers' call log. The audit's deductions are applied.
serve-responses-file = Survey answers
serve-inspection-file = Inspection scores
serve-calls-file = Call log (optional)
serve-score-button = Score and rank
serve-score-next = Next: verify every output, then see the report.
serve-verify-needs = Press Verify with no file to re-derive every output of the workspace from its manifest. Or choose files to check: a downloaded output alone (the workspaces manifest that records it is found), or with its manifest (.manifest.json) and inputs. Each is verified against its manifest, and what differs is shown.
serve-verify-file = Files to check (optional, one or more)
serve-verify-button = Verify
serve-verify-ok = OK: "{ $name }" is the file { $manifest } records, and it re-derives from its inputs:
serve-verify-not-ok = NOT OK: "{ $name }" is not what its manifest records; what differs:
serve-verify-cells = The cells that differ from the file the manifest records:
serve-verify-row-count = the dropped file has { $found } rows, the recorded one { $expected }
serve-verify-cell = { $cell } ({ $header }): holds { $found }, the recorded file { $expected }
serve-verify-dropped = The files chosen
serve-verify-all = Every output of the workspace, re-derived from its manifest
serve-verify-unknown = "{ $name }" is recorded by no manifest of this workspace (neither its content nor its name); choose it together with its manifest (.manifest.json) and inputs.
serve-verify-next = Next: see and download the report.
serve-report-needs = The report sums up the frame, draw, audit and scores with charts and the verification; it holds no ID number, phone or name, and prints on A4.
serve-report-open = Open the report
serve-no-report = No report yet: complete step 2 (Frame) first.
serve-report-next = Every file of the workspace works from the command line too: pingyi run --data WORKSPACE --out WORKSPACE/out

# Help texts of the web workbench command
help-serve-about = Start the local web workbench: pages for each step of the plan (count table, frame, draw, audit, scores, verification, report) on one workspace folder
help-serve-long =
    Start the local web workbench: pages for each step of the plan (count table, frame, draw, audit, scores, verification, report) on one workspace folder.
    {""}
    Listens on 127.0.0.1 only and opens the browser. The workspace holds pingyi.toml, the uploaded inputs (inputs/) and out/ exactly as `pingyi run` writes them, so `pingyi run --data WORKSPACE --out WORKSPACE/out` and `pingyi verify` continue from the command line. The first line printed is the address.
    {""}
    Example: pingyi serve --workspace 青石县2026
help-serve-workspace = The workspace folder (created if missing)
help-value-workspace = WORKSPACE
help-serve-port = The port on 127.0.0.1 (0 picks a free one)
help-value-port = PORT
help-serve-no_open = Do not open the browser
help-serve-max_upload_mib = The largest upload accepted, in MiB
help-value-max_upload_mib = MIB

## The masking policy in manifests and the data-quality report built again by verify.
mask-verify-policy = the masking policy recorded keeps { $kept } characters of { $what } ({ $keys }), more than the { $max } any policy may keep: the manifest was edited; restore it as it was written, or make the output again
mask-quality-what = the data-quality report { $path }
mask-quality-earlier = the data-quality report { $path } was written by an earlier version (findings not counted per unit): checked by its bytes only
mask-quality-empty = the data-quality report { $path } is empty; make the draw again to write it
mask-quality-cell = { $location }: holds { $found }, the data-quality report built again from the rosters has { $expected }
mask-quality-extra = { $location }: holds a finding the data-quality report built again from the rosters does not have ({ $found })
mask-quality-missing = { $path }: row { $row } is missing; the data-quality report built again from the rosters has { $expected } there
mask-quality-roster-changed = the data-quality report { $path } names rows of rosters that changed since: checked by its bytes only

## Rows of an input that would be dropped, cut or counted twice unseen (input-…)
input-row-without-unit = has no unit, but holds { $value } under { $column }; write the unit in this row (a merged cell keeps its value in its first row only: unmerge it and fill in every row), or delete the row
input-respondent-twice = counts respondent { $id } a second time (the first is at row { $first }); keep one row per respondent (a call that reached no one may stay beside the one that did)
input-column-twice = both { $first } ({ $first_letter }) and { $second } ({ $second_letter }) could be this column, and which one is meant would be a guess; keep one: delete the column not in use, or rename its header (e.g. put 原 in front: 原{ $first })
input-call-without-id = records a call ({ $value }) but no id; write the id of the recipient called, as the sample writes it, or delete the row
input-part-of-category = reads { $label }: a 其中 (of which) category counts part of another one, and read as a category of its own it would count those recipients twice; delete it (keep it on another sheet if it is needed)
input-of-which-row = is a 其中 (of which) row ({ $label }): part of the row above it, not a unit; read as a unit it would be counted twice. Delete the row, or give the part its own unit name if it is evaluated on its own
input-summary-row = is a summary row ({ $label }), not a unit: read as a unit it would be counted like the others. Delete the row (pingyi works out totals and averages itself)
counts-households-column = is headed { $label }: it counts households (户), and the survey samples people. Give the number of recipients (人数) of each category, or delete the column
counts-not-a-category-column = is headed { $label }, which is no category of recipients (a phone or code, a rank or share, a change or an earlier figure, villages, or numbers no category reaches): read as one it would be a stratum of its own with its numbers as people. Delete the column or move it out of the table; if it is a category, head it with the category's name
counts-several-sheets = holds a count table on more than one sheet ({ $sheets }): which one to read would be a guess. Name it with --sheet, or keep only the sheet of this evaluation in the workbook
counts-total-like-column = is headed { $label }, which is none of the plan's categories and holds a total (of the categories beside it): read as a category it would be a stratum of its own and double every unit's population. Head it 合计 (pingyi then checks it against the categories), or delete the column
input-role-unknown = holds { $value }, which is neither a main respondent (正式样本 / main) nor a reserve (备用样本 / reserve); write one of them as the draw wrote it
input-sample-role-missing = keeps the draw's column { $column } but not its 样本类型 (role) column, which tells main respondents from reserves: put the column back as the draw wrote it (or give the list of the collected alone, without the draw's columns)
input-used-unknown = holds { $value }, which says neither that this reserve was used nor that it was not; write 是 (used) or leave it blank (not used)

## Clerk-ready messages (clerk-…)
clerk-calls-no-id = has no { $column } column, the id column of the sample; keep the sample's { $column } column in the call log (or name the log's id column with --id-column)
help-verify-id_column = The column that identifies each recipient (default: the one the draw's manifest records, else 编号, else 身份证号); a call log is read by the column of the same header
clerk-col-pending = pending
clerk-flag-not-returned = not returned
clerk-verify-cell = { $location }: holds { $found }, the { $role } written again from its inputs has { $expected }
clerk-verify-cells-more = and { $more } more cells differ
clerk-verify-cells-same = every cell of { $path } holds what the { $role } written again from its inputs has: the file was saved again (by Excel or WPS, say) without a value changed; its bytes no longer match the manifest, so keep the file as pingyi wrote it
clerk-io = { $kind ->
        [exists] a file or folder of that name exists already
        [folder] it is a folder, not a file; give the path of a file
        [not-folder] a part of the path is a file, not a folder
        [not-empty] the folder is not empty
        [read-only] the disk or folder is read-only (a write-protected USB stick, say); copy the files to a disk you can write to
        [too-large] the file is too large for this disk
        [busy] the file is in use by another program; close it in Excel or WPS and run again
        [bad-name] the file name is not allowed (too long, or with a character the disk does not accept); choose a shorter plain name
        [bad-data] its content cannot be read
        [incomplete] the file ends too early (it is incomplete); copy it again
        [interrupted] the operation was interrupted or took too long; run again
        [memory] there is not enough memory
        [network] the network location cannot be reached; copy the files to this computer
        [address] the network address or port is in use or not available; choose another port with --port
       *[other] the operating system refused
    }
clerk-io-other = the operating system refused (error code { $code })
clerk-toml-kind = { $kind ->
        [integer] a whole number
        [whole] a whole number, 0 or more
        [number] a number
        [text] text in double quotes
        [boolean] true or false
        [list] a list in brackets [ ]
        [table] a table ([name] on a line of its own)
        [date] a date
       *[other] another kind of value
    }
clerk-toml-this-value = this value
clerk-toml-named-value = the value { $value }
clerk-toml-type = { $value } is { $found }, but { $expected } is needed here
clerk-toml-value = { $value } is not allowed here; { $expected } is needed
clerk-toml-unknown-key = there is no key { $key }; the keys are { $known } (check its spelling)
clerk-toml-unknown-value = { $value } is not one of the values allowed here: { $known }
clerk-toml-missing-key = key { $key } is missing; add it
clerk-toml-duplicate = this key is given twice; keep one
clerk-toml-unclosed = a closing { $mark } is missing
clerk-toml-unquoted = text must be written in double quotes, e.g. title = "青石县"
clerk-toml-syntax = this line is not written as key = value (text in double quotes, numbers as they are, [table] on a line of its own)
clerk-sql-no-strata = the frame has no strata; there is nothing to draw
clerk-sql-unnamed-column = the roster's { $what ->
        [id] id
        [unit] unit
       *[category] category
    } column has no header; the SQL names columns by their headers, so give that column a header in the roster
clerk-sql-dialect = --emit-sql does not know the SQL dialect '{ $value }'; write --emit-sql duckdb or --emit-sql spark
clerk-no-roster = no roster is given; name the roster with --roster (repeat it for several files)
clerk-run-calls-breached = the call log { $log } breaks the reserve rules:
    { $breaches }
clerk-io-not-regular = it is not a regular file (a device, a pipe or a socket); give the path of a table file
clerk-verify-checklist-not-read = the checklist was not read again with the others of the tally

## Ids and unit names matched across files (names-…)
names-id-lost-zeros = holds { $value }, a sampled id with its leading zeros dropped: Excel or WPS removes them when a file is opened and saved again with the column formatted as a number. Use the original file pingyi wrote, not one re-saved by Excel; or format the column as Text (Format Cells → Text) and copy the ids again from the original list
names-id-as-number = holds { $value }, a long number in scientific notation: Excel or WPS stored the ID number as a number and lost its last digits. Use the original file pingyi wrote, not one re-saved by Excel; or format the column as Text (Format Cells → Text) and copy the ids again from the original list

## Rows and cells read as their writer meant (rows-)
rows-short-row = this row has { $cells } fields but the header has { $width }: nothing from this column on. A line break typed inside a cell (Alt+Enter) or a missing comma cuts one record into short rows, whose cells would be read as blank or as another record; put the record back on one line with all its cells (open the file in Excel or WPS, join the two rows, remove the line break and save again as CSV), or delete the row
rows-digits-lost = this { $what ->
        [phone] phone number
       *[id] ID number
    } was stored as a number in Excel, which keeps it as 1.23457E+10 with only the first digits: the rest are lost and no file saved since holds them. In Excel or WPS select the column, Format Cells (设置单元格格式) → Text (文本), and enter the numbers again, or export the roster again from the source system
rows-report-digits-lost = Number stored as a number in Excel (digits lost)
rows-sum-subtotal = the units in column { $column } from row { $from } to row { $to } (the rows since the previous 小计, which this subtotal adds up)
rows-sum-subtotal-rows = the rows from row { $from } to row { $to } (the rows since the previous 小计, which this subtotal adds up)

## polish: why a reader refused a file (CSV, workbooks, Parquet, JSON manifests)
polish-csv-utf8 = some text is not in UTF-8; open it in Notepad and choose UTF-8 as the encoding when you save it
polish-csv-unequal = this row has { $found } fields, the rows before it { $expected }
polish-csv-other = the file is not written as CSV is; open it in Excel or WPS, save it as CSV UTF-8 (comma delimited) and try again. Technical reason: { $raw }
polish-book = { $kind ->
        [not-workbook] the content is not an Excel or WPS workbook: it may be damaged, or another file renamed
        [password] the workbook is password-protected
        [container] the workbook's file structure is damaged: it may not have been saved completely, or was damaged while copied
        [missing-part] a required part of the workbook is missing: another program may have written it incompletely
       *[damaged] the content of the workbook is damaged and cannot be read
    }
polish-parquet = { $kind ->
        [damaged] the file is damaged or incomplete: the export may not have finished, or copying was interrupted; export it again
        [unsupported] the file uses a compression or data type pingyi cannot read; export it again as CSV or .xlsx
        [column] a column is of a type, a list or a struct, that no cell of a table can hold; export only text and number columns, or use CSV
       *[other] the file cannot be read; export it again as CSV or .xlsx
    }
polish-parquet-other = the file cannot be read; export it again as CSV or .xlsx and try again. Technical reason: { $raw }
polish-upload-cut = the file the browser sent is incomplete: the connection broke, or the file changed while it was sent
polish-json-cut = the file is incomplete, it ends too early; manifests are written by pingyi: put back the original manifest, or run again the step that wrote it
polish-json-syntax = at line { $line }, character { $column }, it is not written as JSON is, it was most likely edited by hand; manifests are written by pingyi, do not edit them: put back the original manifest, or run again the step that wrote it
polish-json-data = line { $line }: { $reason }; manifests are written by pingyi, do not edit them: put back the original manifest, or run again the step that wrote it
polish-serde-other = the value is not what belongs here (technical reason: { $raw })
polish-manifest-parameters = its '{ $command }' parameters are not valid: { $reason }; restore the manifest as it was written, or make the output again
polish-manifest-command = it records the command '{ $command }', which this version of pingyi does not know; a manifest written by a later version needs that version to verify it
polish-json-value = at line { $line }, character { $column }, a value is not what a manifest holds; manifests are written by pingyi, do not edit them: put back the original manifest, or run again the step that wrote it

## polish: the workbench's own words for refusals that name a command, a flag or a key of pingyi.toml
polish-page-need-select = there is no checklist yet: first enter the published audit seed on this page, press “Make the checklist”, download the checklist for the auditors, and upload it once it is returned
polish-page-audit-not-a-selection = is not the record of an audit selection; make the checklist again with “Make the checklist” on the Audit page
polish-page-audit-selection-damaged = has a damaged selection record; make the checklist again with “Make the checklist” on the Audit page
polish-page-audit-checklist-no-audit-no = has no 核查编号 (audit_no) column; is this the checklist downloaded after “Make the checklist” on the Audit page?
polish-page-audit-checklist-no-result = has no 核查结果 (result) column; keep the 核查结果 column of the checklist downloaded from the Audit page
polish-page-audit-checklist-differs =
    differs from the recorded selection ({ $selection }):
    {"  "}{ $problems }
    use the checklist exactly as downloaded from the Audit page, filling in only 核查结果, 核查人, 核查日期 and 备注, then press “Upload and tally”
polish-page-audit-checklist-other-selection =
    does not match the recorded selection in most rows: is it a checklist from another selection? ({ $selection }):
    {"  "}{ $problems }
    use the checklist exactly as downloaded from the Audit page, filling in only 核查结果, 核查人, 核查日期 and 备注, then press “Upload and tally”
polish-page-audit-selection-no-sample = names no collected sample; make the checklist again with “Make the checklist” on the Audit page
polish-page-audit-selection-not-found = none of the audit selections in { $folder } has its audit numbers; upload the checklist downloaded after “Make the checklist” on the Audit page
polish-page-audit-selection-ambiguous = could be the checklist of several audit selections ({ $manifests }); make the checklist again with “Make the checklist” on the Audit page and have it filled in again
polish-page-audit-returns-none = holds no checklist (no table with a 核查编号 column); upload the checklists downloaded after “Make the checklist” on the Audit page and filled in by the auditors, then press “Upload and tally”
polish-page-audit-id-blank = the 核查批次 cell is blank; copy it back from another row (every row carries the same 核查批次, as downloaded from the Audit page)
polish-page-audit-id-not-found = 核查批次 { $value } names no audit selection found in { $folders }: if the cell was edited, restore it from the checklist's title row (核查清单 · … · 核查批次); otherwise upload the checklist downloaded after “Make the checklist” on the Audit page
polish-page-audit-id-other-selection = 核查批次 { $value } is not that of the selection recorded in { $manifest } (核查批次 { $expected }): this checklist comes from another selection, or its 核查批次 was edited; restore the 核查批次, or upload the checklist of this workspace's latest “Make the checklist”
polish-page-audit-results-blank = has { $count } records without a result: { $cells }; fill them in and upload again with “Upload and tally” on the Audit page
polish-page-draw-no-id-column = has no column that identifies each recipient: neither an id column ({ $ids }) nor an ID-number column ({ $id_numbers }); its columns are: { $columns }. Add a column 编号 (or 身份证号) to the roster and upload it again with “Upload the rosters” on the Draw page
polish-page-draw-counts-differ = the roster's counts differ from the frame's populations:{ $table }fix the roster and upload it again on the Draw page, or fix the count table and save it again on the Count table and Frame pages
polish-page-draw-short-strata = strata whose roster is smaller than their sample:{ $list }check that the roster is complete and upload it again on the Draw page, or fix the count table and save the frame again on the Frame page
polish-page-draw-frame-edited = differs from what its manifest { $manifest } recorded (edited by hand?) in: { $strata }; make it again with “Save the frame” on the Frame page
polish-page-frame-file-missing-column = is not a frame saved on the Frame page: it has no { $column } column; make it again with “Save the frame” on the Frame page
polish-page-score-inspection-missing = has no inspection score for { $count } evaluated units: { $units }. Add a row for each (check the spelling of the unit names) and upload the inspection scores again on the Scores page
polish-page-score-no-inspection = no inspection scores are given, so { $count } evaluated units have none; choose the inspection scores file on the Scores page and press “Score and rank”
polish-page-clerk-calls-no-id = has no { $column } column, the id column of the sample; keep the sample's { $column } column in the call log and upload it again on the Scores page
