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
