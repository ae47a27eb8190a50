# pingyi 的中文消息。这里的每个键在 en.ftl 中都有同样参数的英文文本（tests/messages.rs 检查）。
# 参数都是已遮蔽个人信息的文本。

## 问题所在的位置
loc-file = 文件 { $file }
loc-sheet = 工作表「{ $sheet }」
loc-row = 第 { $row } 行
loc-column = 第 { $number } 列（{ $letter } 列）「{ $header }」
loc-column-letter = 第 { $number } 列（{ $letter } 列）
loc-column-no-header = 第 { $number } 列（{ $letter } 列，无表头）
loc-column-header = 「{ $header }」列
loc-input = 输入
loc-join = { $head }，{ $tail }

## 打印的错误和警告
prefix-error = 错误：{ $message }
prefix-warning = 警告：{ $message }
error-input = { $location }：{ $message }
error-read = 无法读取 { $path }：{ $reason }。请确认文件存在、未被 Excel 或 WPS 占用，并且有读取权限
error-output-exists = { $path } 已存在；如要替换，请加 --force，或用 --out 另选文件名
error-write = 无法写入 { $path }：{ $reason }。请确认文件夹存在、文件未在 Excel 或 WPS 中打开，并且磁盘有空间
error-verification = 核验未通过：{ $reason }
error-internal = 内部错误：{ $reason }（这是 pingyi 自身的问题，请把这条消息和所用命令报告给维护者）
error-several =
    共发现 { $count } 处问题，请全部改好后再运行：
    { $list }
error-several-item = {"  "}{ $number }. { $error }
error-several-more = {"  "}……另有 { $more } 处未在此列出（改好以上各处后再运行即可看到）
error-lines-join =
    { $head }
    { $tail }

## 数量表（服务对象类别和数量表）
counts-unit-sums-others = 单位「{ $unit }」每个类别的人数都正好等于其他各单位之和，看起来是一个合计行。如果是合计行，请把它的单位一栏写成“合计”（之后会作为合计核对）；如果确实是一个单位，请核对它的数字
counts-no-units = 表头下面没有任何单位；请每个单位填一行
counts-empty = 表格是空的；应有一行表头，下面每个单位一行
counts-no-header = 前 { $rows } 行中找不到含单位列的表头；请把被评议单位那一列的表头写成以下之一：{ $names }
counts-column-twice = 表头两次写了{ $what }：本行的 { $first_letter } 列「{ $first }」和 { $second_letter } 列「{ $second }」；请删去其中一列
counts-what-column = 「{ $name }」列
counts-what-category = 类别「{ $category }」
counts-stratum-twice = 单位「{ $unit }」的类别「{ $category }」出现了两次（第 { $row } 行也有）；请把两行合并为一行
counts-data-after-notes = 第 { $row } 行的备注下面还有数字；请把备注移到表格最下方，或删去这条备注
count-bad = 填的是 { $value }，{ $problem }
count-bad-thousands = 填的是 { $value }，{ $problem }；如果本意是 { $number }（千位分隔符打错了），请改为 { $number }
number-negative = 是负数；应为 0 或更大的数
number-not-a-number = 填的是 { $value }，不是数字；如单元格显示为文本，请在 Excel 或 WPS 中改为数字
counts-size-differs = 给单位「{ $unit }」的样本量是 { $size }，但前面一行是 { $prev }；每个单位只能有一个样本量
counts-no-count-column = 有类别列但没有人数列；请把人数那一列的表头写成以下之一：{ $names }
counts-unit-empty = 是空的；请填写单位名称
counts-category-empty = 是空的；请填写类别（如 农村低保）
counts-unknown-column = 不是 pingyi 认识的列；应为 单位、类别、人数 等（或英文名 { $known }）；请改名或删去这一列
counts-value-without-header = 填有 { $value }，但这一列在第 { $row } 行没有表头：多余的分隔符或引号，或未加引号的千位分隔符（1,988），可能使这一行的数值错了位；请改正这一行，或在表头行写上类别名称
counts-total-differs = { $kind ->
        [subtotal] 小计
       *[total] 合计
    }填的是 { $stated }，但{ $what }加起来是 { $sum }；请改正数字或{ $kind ->
        [subtotal] 小计
       *[total] 合计
    }
counts-sum-unit-rows = 单位「{ $unit }」各行
counts-sum-category-rows = 类别「{ $category }」各行
counts-sum-all-rows = 所有行
counts-sum-unit-categories = 单位「{ $unit }」各类别
counts-sum-units-above = 「{ $column }」列上面各单位
counts-count-without-category = 人数列旁边需要一个类别列（长表）；或者不要人数列，每个类别一列（宽表）
counts-long-form-column = 「{ $name }」列只用于长表（每个单位的每个类别一行）；请加一个类别列
counts-no-category-columns = 有单位列但没有类别列；请每个类别一列（农村低保、城市低保、五保、优抚、慈善），或改用长表（单位、类别、人数）
counts-unit-empty-with-numbers = 是空的，但这一行有数字；请填写单位名称
counts-hint-not-a-category = { $message }（宽表中除 单位、序号、备注、合计、样本量 以外的每一列都是类别；如果「{ $label }」不是类别，请删去这一列）
count-empty = 是空的；应为整数（没有就填 0）
count-not-a-number = 不是数字；应为整数，如 1234
count-negative = 是负数；人数不能小于 0
count-not-whole = 带有小数；应为整数
count-too-large = 太大，不可能是人数（超过一万亿）

## 读取表格：CSV、工作簿、Parquet
grid-sheet-not-workbook = { $file } 不是工作簿；--sheet 只适用于 .xlsx 和 .xls 文件
grid-not-a-table = { $what }；应为表格：CSV（UTF-8 或 GBK）、.xlsx/.xls 工作簿或 Parquet。可在 Excel 或 WPS 中打开后“另存为”.xlsx 或 CSV
grid-pdf = 这是 PDF 文档，不是表格
grid-not-text = 这个文件既不是 UTF-8/GBK 文本，也不是工作簿
grid-unclosed-quote = 这一行有一个引号（"）没有配对，文件其余部分会被读成一个单元格；请删去多余的引号，或在值结束处补上引号
csv-unreadable = 无法按 CSV 读取（{ $reason }）；请检查是否有未配对的引号
grid-encrypted = 工作簿设有密码；请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿；WPS：文件 → 文档加密）后重新保存
grid-workbook-unreadable = 无法打开工作簿（{ $reason }）；文件可能已损坏或设有密码：请在 Excel 或 WPS 中打开，“另存为”.xlsx
grid-no-such-sheet = { $location }：没有名为「{ $sheet }」的工作表；现有的工作表是：{ $sheets }
grid-no-sheets = 工作簿中没有工作表
grid-sheet-unreadable = 无法读取工作表「{ $sheet }」（{ $reason }）；请在 Excel 或 WPS 中打开并重新保存
grid-parquet-unreadable = 无法读取 Parquet 文件（{ $reason }）
csv-bad-utf8 = 文件开头是 UTF-8，这里却不是有效的 UTF-8；请把整个文件用同一种编码重新保存（Excel：另存为 → CSV UTF-8）
rows-swallowed = 这里一个带引号的值跨了 { $lines } 行，直到第 { $last } 行，吞掉了中间各行：有一个引号（"）没有在该结束的地方闭合；请删去多余的引号
rows-line-break = 含有换行：换行两边有引号（"），中间各行被读成一个单元格；请删去多余的引号，或把值写在一行内
rows-too-few = 这一行有 { $cells } 个单元格，表头却有 { $width } 列：{ $missing } 没有值，而其他行都填了；可能丢了一个值或两个值并在了一起：请改正这一行（没有就填 0）
rows-split-number = '{ $a }' 和 '{ $b }'（这一行 { $cells } 个单元格，表头 { $width } 列）看来是数字 { $a },{ $b } 被千位分隔符切成了两半，使后面的人数都右移了一列；请去掉分隔符（{ $a }{ $b }），或给数字加引号（"{ $a },{ $b }"）。在 Excel 或 WPS 中可把该列设置单元格格式为“数值”且不用千位分隔符
rows-too-many = 填有 { $value }，但表头只有 { $width } 列，这一行却有 { $filled } 列：多余的分隔符或引号可能使数值错了位；请改正这一行，或给这一列加上表头
names-spelled-differently = 把单位「{ $unit }」写成了 '{ $second }'，而{ $there }写的是 '{ $first }'：两者是同一名称的两种写法（不可见字符、空格或繁简字不同），会被算作两个单位；请每一行都用同样的写法（可在 Excel 或 WPS 中用“查找和替换”统一）

## 抽样框和样本量
frame-per-unit-zero = --per-unit 至少为 1
frame-margin-range = --margin { $margin } 不在 (0, 1) 之间；请把允许误差写成小数，如 ±5% 写 0.05
frame-confidence-range = --confidence { $confidence } 不在 (0, 1) 之间；请写成小数，如 0.95
frame-p-range = --p { $p } 不在 (0, 1) 之间；取 0.5 得到的样本最大（最稳妥）
frame-size-zero = 单位「{ $unit }」在样本量列中的样本量是 0；至少应为 1
frame-no-size = 单位「{ $unit }」没有样本量；请加 --per-unit N 或 --margin E，或在数量表中填写它的样本量
frame-stratum-missing = 单位「{ $unit }」类别「{ $category }」没有{ $what }
frame-p-above-one = p = { $p } 大于 1；请把预期比例写成小数
frame-missing-spread = 标准差（sd）或预期比例（p）；奈曼分配和最优分配要求每一层都有 sd 或 p
frame-missing-cost = 访问成本（cost）；最优分配要求每一层都有每次访问的成本
frame-cost-zero = 访问成本（cost）必须大于 0
frame-missing-quota = 配额；配额分配要求每一层都有配额
frame-quota-above-population = 单位「{ $unit }」类别「{ $category }」的配额 { $quota } 大于其总体人数 { $population }；请调低配额
frame-whole-unit = 单位「{ $unit }」只有 { $population } 名服务对象，不超过目标样本量 { $target }：全部抽取
frame-minimum-unmet = 单位「{ $unit }」：目标样本量 { $target } 太小，无法让每个类别至少抽 { $minimum } 人；改为按总体人数比例分配
frame-unknown-method = 不认识的分配方法「{ $method }」；请用 proportional（比例）、equal（等额）、neyman（奈曼）、optimal（最优）或 quota（配额）
frame-size-rules-both = 同时给了 per_unit（--per-unit）和 margin（--margin）；只保留一个：每个单位固定样本量，或允许误差
frame-reserve-rules-both = 同时给了 reserve_rate（--reserve-rate）和 reserves（--reserves）；只保留一个：按样本的比例，或每层固定人数
frame-file-missing-column = 不是 `pingyi frame` 生成的抽样框：没有「{ $column }」列
frame-file-sample-above-population = 样本量 { $sample } 大于该层的总体人数 { $population }
frame-file-stratum-twice = 单位「{ $unit }」类别「{ $category }」在抽样框中出现了两次（第 { $row } 行也有）；每层只保留一行
frame-file-empty = 抽样框中没有任何层

## 清单（manifest）及其记录的文件
confine-root-not-folder = --root { $root } 不是文件夹；请给出存放清单及其文件的文件夹
confine-refused = 记录的文件「{ $file }」{ $why }；清单只能记录 { $root } 之内的文件（如文件都在一个更大的文件夹中，请用 --root 指定该文件夹）
confine-empty = 是空的
confine-absolute = 是绝对路径
confine-climbs = 用 '..' 跳出了允许的文件夹
confine-symlink-out = 通过符号链接指向允许的文件夹之外
confine-not-file = 不是普通文件（而是文件夹、设备、管道或套接字）
confine-dangling = 是指向不存在文件的符号链接
confine-manifest-outside = 清单 { $manifest } 不在 --root { $root } 之内；请给出包含它的文件夹
confine-manifest-name = 文件名与它所证明的文件不对应；X 的清单应名为 X.manifest.json，并与 X 放在同一文件夹
manifest-unreadable = 不是 pingyi 的清单文件（{ $reason }）

## 写出结果
write-unknown-format = { $path }：看不出输出格式；文件名请以 .csv、.xlsx、.json 或 .parquet 结尾
write-cell-too-long = 「{ $column }」列有一段 { $length } 个字符的文字，超过了工作簿单元格的上限（32,767）；请改为输出 .csv
write-target-is-folder = { $path } 是文件夹；请给输出文件起一个文件名

# 计数单元格（按各单位的填法）
counts-unit-filled-down = { $table }：有 { $count } 行没有填单位，已按上一行的单位读取（单位单元格跨类别行合并时即是如此）：第 { $rows } 行{ $more ->
        [0] {""}
       *[other] ，另有 { $more } 行
    }。请逐一核对确属该单位；否则请填上所属单位的名称
counts-read-as-zero = { $table }：有 { $count } 个人数单元格为空或填的是表示“无”的符号（—、-、/、无），已按 0 读取：{ $cells }{ $more ->
        [0] {""}
       *[other] ；另有 { $more } 个
    }。请逐一核对确实为无；否则请填入人数
counts-total-skipped-text = 填的 { $value } 是以文本形式存储的数字，Excel 的 SUM 求和会跳过它：{ $total } 的合计为 { $stated }，而各数相加为 { $sum }{ $cells ->
        [1] {""}
       *[other] （这个合计中共有 { $cells } 个单元格以文本形式存储）
    }。请在 Excel 或 WPS 中选中该单元格，点左上角的绿色三角 → 转换为数字（或设置单元格格式 → 数值，再重新输入），让合计重新计算后保存
counts-formulas-not-computed = 含有公式但没有保存计算结果（本工作表共 { $cells } 个这样的单元格）：此工作簿是由程序生成的，从未在 Excel 或 WPS 中打开保存过，公式还没有计算。请在 Excel 或 WPS 中打开并保存后再试

## 核查：抽取、核查清单和汇总（audit-…）
audit-lines =
    { $head }
    {"  "}{ $tail }
audit-list = { $head }、{ $tail }
audit-not-a-selection = 不是核查抽取（`pingyi audit select`）的清单文件；请指定 `pingyi audit select` 在核查清单旁写下的 .manifest.json 文件
audit-selection-damaged = 其中的抽取记录已损坏；请用 `pingyi audit select` 重新生成核查清单
audit-checklist-no-audit-no = 没有「核查编号」列；这是 `pingyi audit select` 生成的核查清单吗？
audit-checklist-no-result = 没有「核查结果」列；请保留 `pingyi audit select` 生成的「核查结果」列，不要删除或改名
audit-column-removed = 「{ $column }」列被删除或改名
audit-number-twice = 核查编号 { $no } 出现了两次（第 { $first } 行和第 { $row } 行）
audit-number-unknown = 第 { $row } 行：核查编号 { $no } 不在抽取结果中（是后来加的行吗？）
audit-cells-changed = 核查编号 { $no }（第 { $row } 行）：{ $columns } 被改动
audit-checklist-differs =
    与记录的抽取结果（{ $selection }）不一致：
    {"  "}{ $problems }
    请使用 `pingyi audit select` 生成的原清单，只填写「核查结果」「核查人」「核查日期」和「备注」四列
audit-checklist-other-selection =
    大部分行与记录的抽取结果（{ $selection }）不一致：是不是另一次抽取的核查清单？
    {"  "}{ $problems }
    请使用 `pingyi audit select` 生成的原清单，只填写「核查结果」「核查人」「核查日期」和「备注」四列
audit-result-cell = { $no }（{ $cell } 单元格）
audit-result-either-way = { $no }（{ $cell } 单元格）：{ $value } 既可理解为真实也可理解为虚假
audit-result-unknown = { $no }（{ $cell } 单元格）：{ $value } 不是核查结果
audit-results-unreadable =
    有 { $count } 个核查结果无法识别；请在单元格的下拉列表中选择「真实」「虚假」或「无法核实」，不要填「是/否」「√/×」「1/0」这类两种理解都说得通的值：
    {"  "}{ $cells }
audit-results-blank = 有 { $count } 条记录没有填写核查结果：{ $cells }；请补填，或加 --partial 把它们算作待核
audit-recheck-at-range = --recheck-at { $value } 应是 0 到 1 之间的比例，例如 0.10
audit-confidence-range = 置信度 { $value } 应大于 0 且小于 1，例如 0.95
audit-points-range = { $flag } { $value } 应是不小于 0 的分数（方案规定每例扣 0.5 分，最多扣 5 分）
audit-rate-range = --rate { $rate } 不在 (0, 1] 之内；方案规定抽查 0.30（30%）
audit-seed-same-as-draw = 记录的抽样种子与本次相同；核查抽取需要自己的种子，在样本采集之后再公布
audit-seed-drew-the-sample = 其随机票号列表明样本正是用这个种子抽出的；核查抽取需要自己的种子，在样本采集之后再公布：请填写核查种子，而不是抽样种子
audit-sample-empty = 没有可供核查的已采集记录
audit-sample-id-twice = 编号 { $id } 在样本中出现了两次；每条采集记录要有自己的编号：请删去重复的行或改正编号
audit-sample-missing = 记录的已采集样本「{ $sample }」找不到了；核查清单的身份信息要用它核对，请把它放回抽取核查时的位置
audit-selection-no-sample = 没有记录已采集样本；请用 `pingyi audit select` 重新生成核查清单
audit-sample-changed = 其中的记录与抽取核查时（记录于 { $manifest }）不同；核查清单要用它核对，请恢复原样
audit-calls-not-a-sample = 不是 `pingyi draw` 抽出的样本（没有 stratum_rank 和 role 列）；请指定 `pingyi draw` 写出的样本文件
audit-calls-not-in-sample = 第 { $row } 行：{ $id } 被拨打了，但不在样本中
audit-calls-other-unit = 第 { $row } 行：{ $id } 在样本中属于 { $drawn }，但通话记录写的是 { $unit }
audit-calls-reserve-order = 第 { $row } 行：备用样本 { $id }（{ $unit } / { $category }）的顺位是 { $rank }，但下一个应启用的是顺位 { $expected }：备用样本必须按顺位依次启用
audit-calls-too-many-reserves = { $unit } / { $category }：启用了 { $called } 个备用样本，但只有 { $lost } 个受访者未能访问成功
audit-calls-finding = 发现：{ $unit }：有 { $n } 名受访者不是服务对象（虚假服务对象）
audit-calls-ok = 通过 { $log }：共 { $calls } 次通话，备用样本按顺位启用，且只用于替补未访问成功的受访者
audit-calls-differs = 不符 { $log }
audit-calls-breaches = 有 { $n } 处违反备用样本规则
audit-calls-no-disposition = 没有「通话结果」列；请把记录通话结果的那一列的表头写成「通话结果」
audit-calls-bad-disposition = 填的是 { $value }；请填写 接通、拒访、无人接听、占线、空号 或 非服务对象
audit-wrote = 已写出 { $path }
audit-selection-not-found = 旁边没有同名的抽取清单文件（.manifest.json），文件夹 { $folder } 中的核查抽取也都与它的核查编号对不上；请用 --manifest 指定 `pingyi audit select` 生成核查清单时一并写出的 .manifest.json 文件
audit-selection-ambiguous = 可能属于几次核查抽取（{ $manifests }）；请用 --manifest 指定是哪一个

## 交回的核查清单：核查批次与多个文件（audit-id-…、audit-returns-…）
audit-id-blank = 「核查批次」单元格为空；请从其他行复制回来（每一行的核查批次都相同，保持 `pingyi audit select` 写出的原样）
audit-id-differs = 核查批次 { $value } 与 { $cell } 单元格的 { $first } 不同：同一份核查清单的各行属于同一次抽取；请把核查批次改回原样，另一次抽取的行请放回那次抽取自己的核查清单
audit-id-not-found = 在 { $folders } 中找不到核查批次为 { $value } 的核查抽取：如果该单元格被改过，请按核查清单第一行的标题（核查清单 · … · 核查批次）改回；否则请用 --manifest 指定 `pingyi audit select` 一并写出的 .manifest.json 文件
audit-id-other-selection = 核查批次 { $value } 与 { $manifest } 记录的抽取（核查批次 { $expected }）不符：这份核查清单来自另一次抽取，或核查批次被改动过；请用 --manifest 指定它自己那次抽取的 .manifest.json，或把核查批次改回原样
audit-returns-none = 中没有核查清单（没有带「核查编号」列的表格）；请指定交回的核查清单文件，或它们所在的文件夹
audit-checklist-no-rows = 只有表头，没有抽取结果中的任何一行；请交回填好各行的核查清单
audit-checklist-sheets = 第一个工作表不是核查清单，而 { $sheets } 这几个工作表都是核查清单；请每个工作簿只放一份核查清单，或用 --sheet 指明工作表
audit-returns-conflict = 核查编号 { $no } 交回了两次且核查结果不同（这里，以及 { $first_file } 第 { $first_row } 行）：每条记录只保留在一个乡镇的核查清单中，或把两处的核查结果改为一致
audit-returns-missing-unit = { $unit }：缺少 { $count } 条抽中的记录：{ $list }
audit-returns-missing =
    只交回了乡镇的部分行：
    {"  "}{ $units }
    请交回该乡镇核查清单的全部行（整个乡镇都未交回的，按“待交回”计）
audit-tally-partial = 部分汇总：{ $total } 个单位中有 { $pending } 个尚未交回核查清单（{ $units }）；其核查结果和扣分在清单交回后才计入
audit-tally-blank-pending = 部分汇总：有 { $count } 条核查结果未填写，按待核计（--partial）：{ $units }；填好后重新汇总，其核查结果和扣分才会计入

## 核查，以及 pingyi run 的小结（终端文字）
run-wrote = 写入 { $path }
run-verify-hint = 核查任一输出（重新推导并比对）：
run-audit-heading = 抽查（30% 核查）：
run-calls = 电话记录：共 { $calls } 通，备用样本按顺序使用，且只替补失访的受访者
run-scores-heading = 得分与排名：
verify-ok = 一致 { $manifest } — { $summary }
verify-differs = 不符 { $manifest }
verify-note = 说明：{ $note }
verify-failed = { $total } 份清单中有 { $failed } 份与其输入、输出不符
verify-seed-without-draw = --seed 和 --commitment 核查的是抽样，但 { $manifest } 记录的不是抽样；请给出样本的清单文件（例如 sample.csv.manifest.json），或从后面的环节加 --chain 一路核查
verify-no-beside-entry = 没有记录旁边的文件“{ $name }”，不能为它作证；请用与“{ $name }”一同写出的清单文件
verify-wrong-seed = 抽样用的种子是“{ $recorded }”，不是公布的种子“{ $announced }”

## 运行配置（pingyi.toml）
config-invalid = 不是有效的配置文件：{ $reason }（请用记事本打开 pingyi.toml，按提示改正后保存）
config-level = [{ $level }] { $problem }
config-key-problem = 键 { $key }：{ $problem }
config-fraction = 键 { $key } 的值是 { $value }；请写成大于 0、小于 1 的小数，例如 { $key } = { $usual }
config-counts-empty = 键 counts 是空的；请写上数量表的文件名，例如 counts = "counts.xlsx"
config-roster-empty = 键 rosters 里有空的文件名（“{ $name }”）；请列出名册文件，例如 rosters = ["roster.csv"]
config-margin = 键 margin 的值是 { $value }；误差界请写成大于 0、小于 1 的小数，例如 margin = 0.05 表示 ±5%
config-count-range = 键 { $key } 的值是 { $value }；它是人数，应为 { $low } 到 { $high } 之间的整数
config-reserve-rate = 键 reserve_rate 的值是 { $value }；备用样本最多是样本量的 { $max } 倍（方案中的例子用 0.3）
config-audit-rate = 键 audit_rate 的值是 { $value }；每个单位抽查的比例应大于 0、至多为 1（方案规定 0.30）
config-key-ignored = 给了键 { $key }，却没有给 { $need }，这样 { $key } 会被忽略；请补上 { $need } 或删去 { $key }

## 抽样（pingyi draw、seed commit）
draw-no-id-column = 没有能区分每个服务对象的列：既没有编号列（{ $ids }），也没有身份证号列（{ $id_numbers }）；现有的列是：{ $columns }。请在表中加一列“编号”（或“身份证号”），或用 --id-column 指明哪一列
draw-id-column-missing = 没有名为“{ $name }”的列（--id-column 所指）；现有的列是：{ $columns }
draw-duplicate-id = 编号 { $id } 出现在 { $places }
draw-duplicate-ids = 名册中有重复的编号，每个服务对象只能出现一次：{ $list }
draw-unknown-stratum = { $unit } / { $category }（{ $rows } 行，首次出现在 { $first }）
draw-unknown-strata = 名册中有样本框里没有的乡镇或类别：{ $list }请对照样本框核对名称（注意错别字、空格），或用包含这些乡镇、类别的数量表重新生成样本框
draw-count-mismatch-header = 乡镇         类别       人数
draw-count-mismatch-line = { $unit } { $category } 样本框 { $frame }  名册 { $roster }  相差 { $difference }
draw-with-a-note =
    { $message }
    { $note }
draw-unread-sheets = { $file } 另有 { $count } 个工作表（{ $sheets }）与名册的列相同，未被读取：只读取了工作表 { $sheet }。要从全部工作表抽取，请把它们复制到同一个工作表中，或把每个工作表另存为单独的文件，各用一个 --roster 给出
draw-counts-differ = 名册各层人数与样本框的总体人数不一致：{ $table }请修改名册或样本框；如确需按名册人数计算入样概率继续抽样，加上 --allow-count-mismatch
draw-counts-differ-warning = 有 { $strata } 层的名册人数与样本框不一致；入样概率和权数按名册人数计算
draw-short-line = { $unit } / { $category }：样本量 { $sample }，但名册只有 { $roster } 人
draw-short-strata = 以下各层名册人数少于样本量：{ $list }加上 --take-all-short 可将这些层全部入样
draw-short-strata-warning = 有 { $strata } 层全部入样：名册人数少于样本量
draw-cell-without-header = 有内容 { $value }，但表头只有 { $width } 列：可能是多余的分隔符或引号使这一行的内容错位了；请改正这一行，或给这一列加上表头
draw-empty-cell = 是空的；每个服务对象都要有{ $what ->
        [id] 编号
        [unit] 所属乡镇
       *[category] 类别
    }
draw-id-formula-error = 填的是 { $value }，这是公式出错的结果，不是编号：请在 Excel 或 WPS 中改正公式（或把该列“选择性粘贴为数值”）后重新保存
draw-id-rounded = 以 000 结尾且校验位不符：表格只保留了前 15 位（保存时这一列是数字格式）；请把这一列“设置单元格格式”→“文本”，再从原始资料重新输入编号
draw-id-stored-as-number = 是超过 15 位、以数字形式保存的数：Excel 已经丢掉了最后几位；请选中这一列，右键“设置单元格格式”→“文本”，再重新输入（或粘贴）编号
draw-id-invisible = 编号里有看不见的字符（{ $chars }）：两个看起来一样的编号会被当成两个人；请在 Excel 或 WPS 里用“查找和替换”把这些字符删掉（或重新从原系统导出），保存后再抽样
draw-no-header = 前 20 行中没有含乡镇列的表头行；名册需要编号、乡镇（{ $units }）和类别（类别）三列
draw-no-category-column = 没有类别列；请把这一列命名为“类别”（或 { $names }）

## 评议得分和排名（pingyi score）
score-flag-unqualified = 年度评议不合格（{ $reason }）
score-flag-no-answers = 无调查结果
score-flag-provisional = 临时结果：尚有 { $count } 条核查待核
score-flag-no-inspection = 无检查评估得分，不参加排名
score-flag-advanced = 年度综合先进
score-flag-commended = 通报表扬
score-flag-criticised = 通报批评
score-flag-not-eligible = 取消综合先进评选资格
score-flag-few-respondents = 受访不足 { $min } 人
score-note-overlap = 只有 { $count } 个单位参加排名：前 3 名和后 3 名的标记有重叠
score-note-scheme-bureaus = 所有单位的名称都是县（区）局，但使用的是 township（乡镇）方案：它把“满意”计为 0.9（县局方案为 0.8），并标记乡镇的表扬、批评。是否应为 --scheme county？
score-note-scheme-townships = 所有单位的名称都是乡镇（街道），但使用的是 county（县局）方案：它把“满意”计为 0.8（乡镇方案为 0.9），也不标记方案中的乡镇表扬、批评。是否应为 --scheme township？
score-note-findings-pending = 核查结果中以下单位还有待核的记录（核查清单尚未交回，或结果未填写），其扣分只计已核查的部分，本次计分只是临时结果：{ $units }；请等全部核查清单交回、重新汇总后再计分
score-note-refusals = 有空白答案（拒答，计入受访人数但不计分），问题 1+2：{ $units }
score-note-inspection-zero = { $units } 没有检查评估得分：按 0 分计（--missing-inspection zero）
score-note-inspection-excluded = { $units } 没有检查评估得分：计算得分但不参加排名（--missing-inspection exclude）
score-note-few-respondents = 受访不足 { $min } 人（仍参加排名，但均值所依据的回答很少）：{ $units }
score-note-unclear-boundary = { $upper }（第 { $upper_rank } 名）与 { $lower }（第 { $lower_rank } 名）之差 { $diff } ± { $margin } 的 95% 区间包含 0：两者之间的名次界线并不明确
score-column-satisfaction = 满意度
score-column-misconduct = 不良行为
score-column-inspection = 检查评估
score-column-false = 虚假对象数
score-column-reason = 原因
score-column-missing = 没有「{ $what }」列；请把这一列的表头写成以下之一：{ $names }
disposition-ambiguous = 填的是 { $value }，两种理解都可以：如果电话打到了别人，请填“空号”或“号码错误”；如果此人不是服务对象，请填“非服务对象”（每例扣该单位 0.5 分）
score-disposition-unknown = 填的是 { $value }；请填写 接通、拒访、无人接听、空号 或 非服务对象（可在 Excel 或 WPS 中用“数据 → 数据验证（WPS：有效性）”设为下拉列表）
score-scheme-name = { $name ->
        [township] 乡镇（街道）
        [county] 县级
       *[other] { $name }
    }
score-answer-unknown = 填的是 { $value }，{ $scheme } 方案中没有这个选项；请填写以下之一：{ $levels }
score-inspection-twice = 第二次给出「{ $unit }」的检查评估得分（第一次在第 { $first } 行）；每个单位只保留一行
score-inspection-bad = 填的是 { $value }；检查评估得分应为 0 到 30 之间的数字（如单元格是文本，请在 Excel 或 WPS 中设置单元格格式 → 数值）
score-input-sheets = 工作表 { $sheets } 上都有这张表；只会读取一个工作表，其余的会被悄悄漏掉。请把所有行放在同一个工作表中（复制粘贴到同一个表头下）后再计分
score-inspection-fractions = 有 { $count } 个检查评估得分，全部在 0 到 1 之间：看起来是比例或百分数（显示为 21% 的单元格里存的是 0.21），不是分数。请填写每个单位 0 到 30 的得分（在 Excel 或 WPS 中：设置单元格格式 → 数值）
score-findings-bad = 填的是 { $value }，{ $problem }
score-findings-audit-twice = 与 { $other } 都给出了 { $unit } 的核查结果：同一次核查的两份汇总（一份按一个乡镇的核查表、一份按全部核查表）会把虚假对象重复计算。请只给出最新的一份汇总，即按全部已返回核查表汇总的那份
score-findings-same = 每个单位的虚假对象数都与 { $other } 完全相同：同一份核查结果给了两次（同一份汇总的 .csv 和 .xlsx，或同一个文件写了两次），每个虚假对象都会被扣两次分。每张表只给一次；如果确实是两次不同的核查，请把数字合并到一张表中
score-findings-is-score = 是一张计分结果表（有 survey_score 和 rank 列），不是核查结果表：它的虚假对象数已经包含了调查中的“非服务对象”，会被重复计算。请给出抽查汇总表（pingyi audit tally 的输出），或“单位、虚假”两列的表
score-findings-no-category = 在按类别填写的表中，「{ $unit }」有一行没有填类别；请填写类别，如果这一行是该单位的小计，请填“合计”
score-findings-subtotal = 「{ $unit }」的小计是 { $value }，但它各类别的行加起来是 { $sum }；请改正小计或各行（小计本身不计入）
score-disqualified-no-reason = 没有填写取消「{ $unit }」评议资格的原因；请填写原因（排名表中会列出），如果「{ $unit }」并未被取消资格，请删除这一行
score-findings-total = 合计为 { $value }，但上面各单位的行加起来是 { $sum }：请改正合计或填错的那一行（合计本身不计入）
score-findings-twice = 第二次列出「{ $unit }」（第一次在第 { $first } 行），两行的数字会被直接相加。请每个单位只保留一行、填合计数（或加一列 类别，每个单位每个类别一行）
score-answer-not-reached = 填有回答 { $value }，但本行的通话结果是 { $disposition }，即没有服务对象作答。如果电话已接通并完成访问，请把通话结果改为 接通；否则请清空本行的回答
score-note-flag-ties = { $flag }：共 { $count } 个单位，多于方案规定的 { $quota } 个，因为临界处总分并列、并列单位名次相同：{ $units }。公布前请先确定并列如何处理
score-note-no-answers = 以下单位没有任何调查结果：{ $units }，列出但没有总分和名次。请检查调查结果表中是否有这些单位的回答，单位名称是否与样本框一致
score-inspection-missing = 缺少 { $count } 个被评议单位的检查评估得分：{ $units }。请为每个单位补一行（并核对单位名称的写法），或用 --missing-inspection zero（按 0 分计）或 --missing-inspection exclude（不参加排名）明确说明如何处理
score-no-inspection = 没有给出 --inspection 检查评估表，{ $count } 个被评议单位都没有检查评估得分；请给出 --inspection，或用 --missing-inspection zero（按 0 分计）或 --missing-inspection exclude（不参加排名）明确说明如何处理
score-missing-inspection-flag = --missing-inspection { $value } 不是可选的值；请写 refuse、zero 或 exclude
score-no-unit-column = 没有单位列；请把被评议单位那一列的表头写成「单位」或「乡镇」
score-inspection-no-units = 没有列出任何单位；请用 --units 给出抽样样本框、样本或数量表
score-units-no-column = 前 20 行中没有单位列（单位、乡镇）；请给出列有被评议单位的抽样样本框、样本或数量表
score-units-empty = 没有列出任何单位；请给出列有被评议单位的抽样样本框、样本或数量表
score-unit-unknown-closest = 单位 { $value } — 是否应为 { $best }？{ $value } 不是 { $source } 所列 { $count } 个被评议单位之一；请改正单位名称（或单位名单）后重新运行
score-unit-unknown = 单位 { $value } 不是 { $source } 所列 { $count } 个被评议单位之一；被评议单位是：{ $units }。请改正单位名称（或单位名单）后重新运行
score-sample-not-drawn = 不是 `pingyi draw` 输出的样本（没有样本类型和权数列）
score-respondent-not-in-sample = 受访者 { $respondent } 不在样本 { $sample } 中
score-respondent-other-unit = 写的是「{ $unit }」，但受访者 { $respondent } 在样本 { $sample } 中是为「{ $drawn_in }」抽取的；请改正单位或受访者
score-respondent-no-weight = 受访者 { $respondent } 所在的「{ $drawn_in }」层在样本 { $sample } 中没有权数大于 0 的正式样本；请给出 `pingyi draw` 输出的样本
score-no-respondent-column = 没有受访者列；请把这一列的表头写成以下之一：{ $names }
score-units-not-given = 评分需要被评议单位名单，用来核对答案中的每个单位：请用 --units 给出抽样样本框、样本或数量表（或给出 --inspection，以其中的单位作为名单）
score-unit-facing-is-out = --unit-facing { $path } 与 --out 是同一个文件；请另取一个文件名
score-wrote = 已写入 { $path }

## HTML 报告（pingyi report）
report-title = 民主评议：抽样、核查与评分报告
report-proof = 输入与核验
report-verified = ✔ 生成本报告时已重新推导整条链：全部 { $count } 份清单与其输入、输出一致。
report-not-verified = ✘ { $count } 份清单中有 { $failed } 份与其输入或输出不符，不同之处：
report-seeds = 随机种子
report-no-seed = 这些输出中没有使用种子的环节。
report-files = 文件（名称、行数、SHA-256）
report-col-level = 层级
report-col-role = 用途
report-col-file = 文件
report-col-rows = 行数
report-col-sha256 = SHA-256
report-col-stage = 环节
report-col-seed = 种子
report-level = 层级：{ $name }
report-frame = 抽样框
report-frame-chart = 各单位样本量（按类别）
report-col-unit = 单位
report-col-category = 类别
report-col-population = 总体人数
report-col-sample = 样本量
report-col-reserve = 备用样本
report-col-drawn = 抽中
report-total = 合计
report-rules = 所用规则
report-col-rule = 规则
report-col-value = 取值
report-rule-method = 单位内分配方法
report-rule-remainder = 取整：最大余数法（总数不变）
report-rule-minimum = 每类最低样本量
report-rule-reserve = 备用样本
report-rule-size = 每单位样本量
report-rule-take-all = 全部抽取（样本量 = 总体人数）
report-none = 无
report-draw = 抽样
report-quality = 名册数据质量问题
report-quality-note = 只列问题个数，不列具体人员：不显示身份证号、电话或姓名。
report-quality-none = 未发现问题。
report-issue-invalid-id = 身份证号无效
report-issue-id-repeated = 身份证号重复
report-issue-phone-shared = 多人共用同一电话
report-audit = 核查（服务对象真实性）
report-audit-chart = 各单位虚假率及其 95% 置信区间
report-col-checked = 核查数
report-col-false = 虚假
report-col-unverifiable = 无法核实
report-col-deduction = 扣分
report-col-rate = 虚假率（95% 区间）
report-col-flag = 复核标记
report-scores = 得分与排名
report-scores-chart = 排名：扣分后调查得分、检查评估得分及扣分
report-scores-chart-note = 每条的前两段相加即总分；最后一段为扣掉的分数。标记写在条形之后。
report-col-rank = 排名
report-col-respondents = 受访人数
report-col-survey = 满意度调查得分
report-col-survey-net = 扣分后调查得分
report-col-deducted = 扣分
report-col-inspection = 检查评估得分
report-col-total = 总分
report-col-flags = 标记
report-col-interval = 调查得分 95% 区间
report-tie = 并列：{ $units }（总分相同，名次相同）。
report-small = 受访不足 5 人（数字显示为 <5）：{ $units }。
report-weighted = 调查得分按设计加权；区间为加权估计的 95% 置信区间。
report-wrote = 已写出 { $path }
report-not-a-number = 此处“{ $value }”不是数字；该表应为 pingyi 原样写出的输出——请用 pingyi 重新生成，不要手工修改
report-missing-column = 没有“{ $zh }”（{ $key }）列；请给出 pingyi 写出的输出（或其清单 .manifest.json）
report-population-chart = 各单位总体人数（按类别）
report-chain-differs = 链中有 { $failed } 份清单与其文件不符；报告中列出了不同之处
report-recheck = 需全面复核

## 终端汇总表的列 / terminal summary columns
summary-col-checked = 核查
summary-col-collected = 采集
summary-col-deduction = 扣分
summary-col-false = 虚假
summary-col-false-rate-95 = 虚假率
summary-col-flag = 标记
summary-col-flags = 标记
summary-col-inspection = 检查
summary-col-note = 说明
summary-col-population = 总体
summary-col-rank = 排名
summary-col-recheck = 需全面复核
summary-col-reserve = 备用
summary-col-resp = 受访
summary-col-roster = 名册
summary-col-sample = 样本
summary-col-survey = 调查得分
summary-col-target = 目标
summary-col-total = 总分
summary-col-unit = 单位
summary-col-unverifiable = 无法核实
summary-row-total = 合计
summary-quality-none = 数据质量：未发现问题（{ $report }）
summary-quality = 数据质量：{ $findings } —— 详见 { $report }

# 遮蔽规则（pingyi.toml 的 [mask]，--mask-… 参数）
mask-key-range = [mask] 中的 { $key } = { $value } 不是 0 到 18 之间的字符数；默认为 { $key } = { $usual }（请用记事本打开 pingyi.toml 改正后保存）
mask-too-much = { $keys } 共保留 { $kept } 位{ $what }，最多只能保留 { $max } 位，其余必须遮蔽（默认保留 { $usual } 位）
mask-what-id = 身份证号
mask-what-phone = 电话号码
mask-what-name = 姓名
mask-flag-bad = { $flag } { $value }：请写明保留几位（0 到 18；--mask-id 和 --mask-phone 写“开头,结尾”两个数，--mask-name 写开头一个数），例如 { $flag } { $usual }

# 名册数据质量报告（sample.…quality.csv）
quality-invalid-id = 不是有效的 18 位居民身份证号（校验位或位数不对），请核对原始档案后改正
quality-old-id = 这是旧的 15 位号码，请向本人或档案索取 18 位身份证号
quality-more-invalid = 另有 { $count } 个未列出
quality-id-repeated = 同一身份证号出现在 { $count } 行，分别在 { $strata }，请核对是否重复登记
quality-phone-shared = 同一电话号码登记给 { $count } 名服务对象，请核对是否虚报
report-quality-no-unit = （未注明单位）
report-quality-per-unit = 同一问题涉及两个单位的，两个单位各计一次。

## pingyi run：pingyi.toml 缺少的内容（run-…）
run-no-level = 没有任何一级；请加上 [city] 或 [county] 表
run-no-draw-seed = 有一级给了名册（rosters），但 [seeds] 里没有抽样种子；请加上 draw = "…"（为抽样公布的种子）
run-no-audit-seed = 有一级给了抽查比例（audit_rate），但 [seeds] 里没有抽查种子；请加上 audit = "…"（为抽查公布的种子）

## 命令行：标题、参数错误、取值检查（cli-…）
cli-heading-usage = 用法：
cli-heading-commands = 命令
cli-heading-arguments = 参数
cli-heading-options = 选项
cli-value-command = 命令
cli-usage-options = [选项]
cli-default-value = [默认：{ $value }]
cli-possible-values = [可选：{ $values }]
cli-usage-line = 用法：{ $usage }
cli-more-help = 详细说明请运行「{ $command } --help」。
cli-unknown-argument = 无法识别的参数「{ $arg }」：这个命令没有这个选项（请检查拼写；以 - 开头的值要写在 -- 后面）
cli-extra-word = 多出来的「{ $arg }」：这个命令不需要它（值要紧跟在对应的选项后面；含空格的值要用引号括起来）
cli-repeated = { $arg } 给了不止一次；只能给一次
cli-unknown-subcommand = 没有「{ $command }」这个命令
cli-invalid-value = { $arg } 不接受「{ $value }」；请从这些值中选一个：{ $valid }
cli-empty-value = { $arg } 后面要给一个值
cli-bad-value = { $arg } 的值不对：{ $reason }
cli-value-refused = 「{ $value }」不能用
cli-value-whole = 「{ $value }」不是 0 或更大的整数；请写整数，例如 5
cli-value-number = 「{ $value }」不是数字；请写数字，例如 0.05
cli-value-decimal = 「{ $value }」不是数字；请写成小数，例如 0.5
cli-value-negative-points = { $value } 是负数；分值请写 0 或更大的数
cli-value-share = { $value } 不在 0 到 1 之间；请写成比例，例如 0.10
cli-value-rate = 「{ $value }」不是比例；请写成小数（如 0.3）或百分数（如 30%）
cli-value-method = 没有「{ $value }」这种分配方法；可用 proportional（比例）、equal（等额）、neyman（奈曼）、optimal（最优）或 quota（配额）
cli-missing-required = 缺少必须给出的参数：{ $arg }
cli-missing-subcommand = 「{ $command }」后面要跟一个命令
cli-conflict = { $arg } 不能和 { $other } 同时使用
cli-no-equals = { $arg } 的值要写在等号后面，例如 { $arg }=值
cli-value-count = { $arg } 给的值的个数不对
cli-invalid-utf8 = 有参数不是有效的文字（UTF-8）
cli-parse-other = 无法读取命令行（{ $reason }）
cli-did-you-mean = 提示：是否想用「{ $name }」？
cli-weighted-needs-sample = --weighted 需要同时给出 --sample（抽样结果文件）
cli-verify-what = 请给出一个清单文件（MANIFEST），或者 --sample 加 --roster/--frame/--seed，或者 --calls 加 --sample
cli-verify-sample-needs = --sample 需要同时给出 --roster、--frame 和 --seed（或者 --calls 通话记录）
cli-seed-empty = 种子是空的；请用 --seed 给出为这次抽样公布的种子（pingyi 从不自己编种子；「pingyi seed new」可以生成一个供公布）
config-invalid-line = 不是有效的配置文件：{ $reason }（这一行是：{ $source }）（请用记事本打开 pingyi.toml，按提示改正后保存）
config-rate-type = 比例要写成小数（如 0.3）或带引号的百分数（如 "30%"）
config-seed-type = 种子要用引号括起来，按公布时的原样照抄，例如 draw = "20260615"
io-not-found = 找不到这个文件或文件夹
io-permission-denied = 没有权限
io-storage-full = 磁盘已满
draw-frame-edited = 与其清单文件 { $manifest } 记录的内容不同（被手工改过？），不同之处：{ $strata }；请用「pingyi frame」重新生成，或加 --allow-edited-frame

## 进度条（progress-…）
progress-reading-rosters = 正在读取名册
progress-eta-left = 剩余 { $eta }

## 命令行帮助：每个命令的说明和每个参数的帮助（help-…）
help-pingyi-about = pingyi（评议）：民主评议调查的抽样框、抽样、抽查审核和评分
help-pingyi-long =
    pingyi（评议）：民政民主评议调查的抽样框、抽样、抽查审核和评分。
    {""}
    从「pingyi run」开始：它用 data/ 里自带的示例跑完整个流程，所有结果写到 out/ 下。
help-run-about = 对一个数据文件夹跑完整个流程（默认：data/ 里自带的示例）
help-run-long =
    对一个数据文件夹跑完整个流程（默认：data/ 里自带的示例）。
    {""}
    读取 data/pingyi.toml，生成示例市、县两级的抽样框，把每个结果和它的清单文件写到 out/ 下。再次运行时替换上次运行写下的文件（out/ 里的 .pingyi-run 列出了这些文件和摘要），其他文件一律保留；如果某个结果文件同名的文件不是本程序写的，或者写完后被改过，运行会在写任何文件之前停下。新结果一次性出现：运行在任何时刻中断，留下的要么是旧的一整套，要么是新的一整套。
    {""}
    示例：pingyi run --data data --out out
help-run-data = 存放 pingyi.toml 和其中所列表格的数据文件夹
help-run-out = 结果文件夹（不存在就新建；其中本程序上次写下的文件会被替换）
help-run-force = 即使 --out 里有不是上次运行写下的文件也照样使用（这些文件保留，绝不替换）
help-frame-about = 把调查样本分配到各单位 × 各类别（抽样样本框）
help-frame-long =
    把调查样本分配到各单位 × 各类别（抽样样本框）。
    {""}
    每个单位的样本量来自 --per-unit、表中的「样本量」（sample_size）列，或者由 --margin（误差界）加有限总体校正算出。样本量按 --method 分给该单位的各个类别；分到的份额达到总体数的层整层全取，每个非空层至少分到 --min-per-stratum 个，取整用最大余数法，所以每个单位的合计分毫不差。
    {""}
    示例：pingyi frame --counts data/county_counts.xlsx --margin 0.08 --reserve-rate 0.3 --out frame.xlsx
help-frame-counts = 服务对象类别和数量表：CSV、.xlsx/.xls 或 Parquet，长表或宽表均可
help-frame-per_unit = 每个单位使用相同的样本量
help-frame-margin = 误差界，写成小数（±5% 写 0.05）；样本量按单位算出
help-frame-confidence = --margin 的置信水平
help-frame-p = --margin 的预期比例（0.5 得到的样本量最大）
help-frame-method = 各类别之间的分配方法：proportional（比例）、equal（等额）、neyman（奈曼）、optimal（最优）或 quota（配额）
help-frame-min_per_stratum = 每个非空层至少抽取的人数（在总体数允许的范围内）
help-frame-reserve_rate = 每层备用样本数 = 向上取整（比例 × 样本量），例如 0.3
help-frame-reserves = 每层固定的备用样本数
help-size-about = 按总体数和误差界算出样本量
help-size-long =
    按总体数和误差界算出样本量。
    {""}
    n0 = z²·p(1−p)/E²，n = n0 / (1 + (n0 − 1)/N)，向上取整。
    {""}
    示例：pingyi size --population 1000 --margin 0.05   （输出 278）
help-size-population = 总体数 N
help-size-margin = 误差界，写成小数（±5% 写 0.05）
help-size-confidence = 置信水平
help-size-p = 预期比例
help-draw-about = 从服务对象名册中抽取每一层的样本和按顺序排列的备用样本
help-draw-long =
    从服务对象名册中抽取每一层的样本和按顺序排列的备用样本。
    {""}
    每个服务对象只凭种子和自己的编号得到一张「签」（Rivest 的 consistent_sampler 的签：种子十六进制摘要后接编号的 SHA-256）；每层签最小的 n 个是样本，接下来的 r 个按签的顺序是备用样本。任何人拿到名册和种子都能重新抽出同样的结果（见 docs/ALGORITHM.md）。
    {""}
    示例：pingyi draw --frame frame.csv --roster roster.csv --seed 20260615 --out sample.xlsx
help-draw-frame = 「pingyi frame」生成的抽样框
help-draw-roster = 服务对象名册（编号、单位、类别及其他任意列）；多个文件就重复给出，例如每个乡镇一个
help-draw-seed = 公布的种子，按原样照抄（是文字，不是数字）
help-draw-id_column = 标识每个服务对象的列，例如 身份证号（默认：id/编号）
help-draw-sheet = 要读取的名册工作表（默认：第一个）
help-draw-take_all_short = 名册人数少于样本量的层整层全取
help-draw-allow_count_mismatch = 名册人数与抽样框不一致时仍然抽取；入样概率按名册计算
help-draw-allow_edited_frame = 抽样框与其清单文件所记录的不一致时仍然抽取
help-draw-commitment = 「pingyi seed commit」生成的承诺文件：抽样框和名册必须与之相符
help-draw-threads = 读取名册的线程数（默认：每个处理器核心一个）。线程数多少都不改变样本
help-draw-emit_sql = 不直接抽取，而是把同样的抽样写成一条给 DuckDB 或 Spark 用的 SQL 查询输出（名册只读表头）。见 docs/ALGORITHM.md
help-draw-out = 样本文件；扩展名决定格式：.csv、.xlsx、.json 或 .parquet。旁边会写一个清单文件 <out>.manifest.json
help-audit-about = 县级对已收集样本的 30% 抽查审核
help-audit-select-about = 从已收集的样本中随机抽出要核查的记录，写出核查表
help-audit-select-long =
    从已收集的样本中随机抽出要核查的记录，写出核查表。
    {""}
    每个单位抽取 向上取整（比例 × 已收集记录数）条（至少一条），分摊到各类别，按抽查种子的签从小到大选取（与抽样同一算法）。核查表留有空的「核查结果」（真实/虚假/无法核实）、「核查人」、「核查日期」和「备注」列供填写。
    {""}
    示例：pingyi audit select --sample sample.csv --seed 20260701 --out checklist.xlsx
help-audit-select-sample = 已收集的样本：pingyi 的抽样结果（正式样本，以及在 used（已启用）列标出的备用样本），或名册格式的名单
help-audit-select-seed = 抽查种子，在样本收集完后公布（不是抽样种子）
help-audit-select-rate = 每个单位要核查的记录比例
help-audit-tally-about = 把填好的核查表与抽查名单核对，并按单位汇总核查结果
help-audit-tally-long =
    把填好的核查表与抽查名单核对，并按单位汇总核查结果。
    {""}
    每条抽中的记录必须出现且只出现一次，内容不得改动；核查结果可用中文或英文填写（真实/虚假/无法核实，genuine/false/unverifiable 等）；「是/否」「√/×」「1/0」「TRUE/FALSE」这类两种理解都说得通的值不予接受。每个单位给出扣分（每个虚假服务对象扣 0.5 分，最多扣 5 分）和虚假率及其精确 95% 区间；虚假率可能达到 --recheck-at 的单位会被标出。
    {""}
    示例：pingyi audit tally --checklist checklist.xlsx --out tally.xlsx
help-audit-tally-checklist = 填好的核查表
help-audit-tally-manifest = 抽查名单的清单文件（默认：<checklist>.manifest.json）
help-audit-tally-partial = 把空着的核查结果算作待核查，而不是拒收
help-audit-tally-recheck_at = 虚假率可能达到这个值（区间上限）的单位标为需复核
help-audit-tally-per_case = 每个虚假服务对象扣的分
help-audit-tally-cap = 核查结果最多扣的分
help-help-about = 显示本帮助，或所给命令的帮助
help-verify-about = 证明一个结果来自其记录的输入和参数
help-verify-long =
    证明一个结果来自其记录的输入和参数。
    {""}
    重新读取清单文件记录的输入，核对摘要，用记录的参数和种子重新算出结果并比较：一致则输出 OK（退出码 0），否则列出每一处不同——哪个输入变了、变在哪些层，哪个结果被改过——并以退出码 3 结束。内容相同只是行序不同的输入，报告为内容相同。
    {""}
    示例：pingyi verify --chain --root . out/county/audit_tally.xlsx.manifest.json
    {""}
    清单文件必须把它旁边的文件（X.manifest.json 对应 X）记录为其结果，包括文件名和摘要。它列出的文件必须在它所在的文件夹里，或在 --root 指定的文件夹里（「pingyi run」的输入在 out/ 旁边的 data/ 里，所以 --root 要给同时包含两者的文件夹）。--seed 核对抽样用的是公布的种子，--commitment 核对抽样框和名册就是承诺过的那些。
    {""}
    另外：「pingyi verify --sample 名单 --roster 名册 --frame 抽样框 --seed 种子」核对一份自称是抽样结果的名单；「pingyi verify --calls 通话记录 --sample 样本」核对备用样本是否按签的顺序、且只在正式样本失访时才启用。
help-verify-manifest = 要核验的清单文件（<结果>.manifest.json），或结果文件本身
help-verify-root = 清单文件中所列文件必须所在的文件夹（默认：清单文件所在的文件夹）
help-verify-commitment = 「pingyi seed commit」生成的承诺文件，抽样的抽样框和名册必须与之相符
help-verify-chain = 同时核验输入所链接的每个清单文件，一直追溯到数量表
help-verify-sample = 要核对的样本（与重新抽取的结果比对，或与 --calls 的通话记录比对）
help-verify-roster = 样本应当抽自的名册
help-verify-frame = 样本应当依据的抽样框
help-verify-seed = 公布的抽样种子：用其他种子抽的结果核验不通过
help-verify-calls = 通话记录（编号、通话结果），与 --sample 核对
help-score-about = 把调查答卷算成各单位得分和排名（方案的 70/30）
help-score-long =
    把调查答卷算成各单位得分和排名（方案的 70/30）。
    {""}
    调查得分 = 70 × (0.7 × 满意度平均分值 + 0.3 × 不良行为平均分值)；扣分 = min(0.5 × 该单位全部虚假服务对象数, 5)，封顶只算一次；总分 = 调查得分 − 扣分 + 检查评估得分（0–30）。总分四舍五入保留 2 位小数后排名（同分同名次）；乡镇方案标出前 3 名（通报表扬）、第 1 名（年度综合先进）、后 3 名（通报批评）和后 2 名。
    {""}
    答卷、检查评估得分、核查结果和取消资格名单中出现的每个单位都必须是参评单位（来自 --units，没有则取 --weighted 的 --sample，再没有则取 --inspection 中的单位）；出现不认识的单位名称就停止评分，并给出最接近的单位名称。
    {""}
    示例：pingyi score --responses answers.csv --units frame.csv --scheme township --inspection inspection.csv --findings tally.csv --out score.xlsx
help-score-responses = 调查答卷，每个受访者一行：单位、满意度、不良行为，可选通话结果（接通、拒访、无人接听、空号 或 非服务对象；「非服务对象」计为一条核查结果，通话结果不是「接通」的行不能填回答）。各方案接受的回答见 --scheme
help-score-units = 参评单位：抽样框、样本或数量表（任何有单位列的表）。每个参评单位都会评分；不在任何名单里的单位会被拒收
help-score-scheme = county（县级）、township（乡镇）或自定义方案的 TOML 文件。township（乡镇）：满意度 满意 0.9、基本满意 0.8、不太满意 0.7、不满意 0.6；不良行为 不存在（或 无）1、不严重 0.8、严重 0.7。county（县局）：满意度 非常满意 0.9、满意 0.8、基本满意 0.7、不太满意 0.6、不满意 0.5；不良行为 不存在（或 无）1、有但不严重 0.8、严重 0.7、非常严重 0.5。空白答案为拒答：计入受访人数，不计分
help-score-inspection = 检查评估得分：单位、检查评估（0–30）
help-score-findings = 虚假服务对象核查结果：「pingyi audit tally」的结果，或任何含单位、虚假列的表
help-score-disqualified = 按方案规定取消资格的单位：单位、原因
help-score-unit_facing = 同时把发给各单位的表写到这里（受访者少于 5 人的平均分不显示）
help-score-weighted = 按设计加权的平均分（权数 N_h / 受访者数_h，标准误和 95% 区间与 R 的 survey 包算法一致）；需要 --sample
help-score-sample = 抽样结果文件，供 --weighted 使用
help-score-missing_inspection = --inspection 中没有的单位：refuse（默认：停止评分并指出该单位）、zero（按 0 分计并给出警告）或 exclude（评分但不排名）
help-score-min_respondents = 受访者少于这个人数的参评单位在排名和警告中标出
help-seed-about = 随机环节用的种子
help-seed-new-about = 用操作系统的随机源（ChaCha20）生成一个 20 位的新种子，在不举行公开掷骰仪式时，于抽样前公布并记录
help-seed-commit-about = 在种子产生之前记下抽样框和名册的摘要（用于公布或签字）；之后「pingyi draw --commitment」拒收任何其他抽样框或名册
help-seed-commit-frame = 抽样将使用的抽样框
help-seed-commit-roster = 抽样将使用的名册
help-seed-commit-out = 承诺文件（JSON）写到哪里
help-seed-commit-force = 承诺文件已存在时替换它
help-counts-about = 按 pingyi 的读法显示数量表：每个单位 × 类别一行
help-counts-long =
    按 pingyi 的读法显示数量表：每个单位 × 类别一行。
    {""}
    在生成抽样框之前用它检查表格：表的形式（长表或宽表）、核对过的合计、识别出的类别。不给 --out 时以 CSV 输出到屏幕。
    {""}
    示例：pingyi counts data/county_counts.xlsx
help-counts-file = 数量表
help-counts-out = 写到这个文件（附清单文件），而不是输出到屏幕
help-synth-about = 按数量表生成一份虚构的名册（用于试用和性能测试）
help-synth-long =
    按数量表生成一份虚构的名册（用于试用和性能测试）。
    {""}
    同样的数量表和种子总是生成同样的行。身份证号的地区码以 99 开头，电话以 10 开头，不属于任何真实的人。
    {""}
    示例：pingyi synth --counts data/county_counts.csv --seed example --out roster.csv
help-synth-counts = 名册要填满的各层所在的数量表
help-synth-seed = 生成器的种子
help-synth-plant_problems = 故意放入这么多个无效身份证号、一个共用电话和一个重复身份证号（用于演示数据质量报告）
help-report-about = 根据结果的清单文件及其链条，写一份独立的 HTML 报告（图表、表格、证明）
help-report-long =
    根据结果的清单文件及其链条，写一份独立的 HTML 报告（图表、表格、证明）。
    {""}
    读取清单文件所列的结果（抽样框、样本、抽查汇总、得分），不重新计算任何环节，像「pingyi verify --chain」一样重新核验链条，写出一个内嵌样式和图表的 HTML 文件：没有脚本，不联网，可用 A4 纸打印。报告中不出现任何身份证号、电话或姓名。
    {""}
    示例：pingyi report out/county/score.csv out/city/frame.csv --out report.html
help-report-manifests = 结果文件或其清单文件（<结果>.manifest.json）；会沿着它们链接的链条追溯
help-report-out = 要写出的 HTML 文件
help-report-root = 清单文件所列的每个文件都必须所在的文件夹（默认：第一个清单文件所在的文件夹）
help-report-commitment = 「pingyi seed commit」生成的承诺文件，用来核对抽样
help-report-force = --out 已存在时替换它
help-arg-force = 结果文件（及其清单文件）已存在时替换它；绝不替换输入文件
help-arg-headers = CSV、JSON 和 Parquet 的表头语言（默认：给了 --lang 就用它，否则 en；Excel 工作簿总是中文表头）
help-arg-help = 显示帮助（-h 看摘要，--help 看全部）
help-arg-id_column = 标识每个服务对象的列（默认：id/编号）
help-arg-lang = 提示信息和帮助的语言，zh 或 en（默认：PINGYI_LANG，其次「pingyi run」的 pingyi.toml 中的 lang，再次系统语言）；没有 --headers 时也是 CSV、JSON 和 Parquet 结果的表头语言
help-arg-no_bom = 写 CSV 时不加 UTF-8 字节顺序标记（BOM）（给程序读而不是给 Excel 打开时用）
help-arg-out = 结果文件；扩展名决定格式：.csv、.xlsx、.json 或 .parquet。旁边会写一个清单文件 <out>.manifest.json
help-arg-sheet = 要读取的工作表（默认：第一个）
help-arg-version = 显示版本号

## 命令行帮助：参数值的占位名称（help-value-…）
help-value-calls = 通话记录
help-value-cap = 分值
help-value-checklist = 核查表
help-value-commitment = 承诺文件
help-value-confidence = 置信水平
help-value-counts = 数量表
help-value-data = 数据文件夹
help-value-disqualified = 取消资格表
help-value-emit_sql = 引擎
help-value-file = 数量表
help-value-findings = 核查结果
help-value-frame = 抽样框
help-value-headers = 语言
help-value-id_column = 列名
help-value-inspection = 检查评估表
help-value-lang = 语言
help-value-manifest = 清单文件
help-value-manifests = 清单文件
help-value-margin = 误差界
help-value-method = 方法
help-value-min_per_stratum = 人数
help-value-min_respondents = 人数
help-value-missing_inspection = refuse|zero|exclude
help-value-out = 结果文件
help-value-p = 比例
help-value-per_case = 分值
help-value-per_unit = 人数
help-value-plant_problems = 个数
help-value-population = 总体数
help-value-rate = 比例
help-value-recheck_at = 比例
help-value-reserve_rate = 比例
help-value-reserves = 人数
help-value-responses = 答卷
help-value-root = 文件夹
help-value-roster = 名册
help-value-sample = 样本
help-value-scheme = 方案
help-value-seed = 种子
help-value-sheet = 工作表
help-value-threads = 线程数
help-value-unit_facing = 文件
help-value-units = 单位表

# Help texts of the masking flags
help-arg-mask_id = 身份证号码开头和结尾保留的位数，写作「开头,结尾」（默认 6,4：110105********123X；每端最多 10 位，合计最多 14 位）
help-arg-mask_phone = 电话号码开头和结尾保留的位数，写作「开头,结尾」（默认 3,4：138****5678；合计最多 7 位）
help-arg-mask_name = 姓名开头保留的字数（默认 1：张*；最多 2 个字）
help-value-mask_id = 开头,结尾
help-value-mask_phone = 开头,结尾
help-value-mask_name = 字数

## pingyi verify：重新推导了什么，以及每一处不符（verify-…）
verify-digests-match = { $command }：摘要一致
verify-rederived = { $command }：按记录的参数{ $with_seed }从 { $inputs } 个输入重新推导出 { $rows } 行{ $main }
verify-and-seed = 和种子“{ $seed }”
verify-input = 输入 { $path }（{ $role }）
verify-input-missing = { $what }不见了；请把这个文件放回清单文件所在的文件夹，文件名不变
verify-input-manifest-changed = { $what }：它的清单文件 { $manifest } 被改动或不见了
verify-input-same-content = { $what }的字节变了，内容没有变（调整了行序或重新保存过）：内容相同
verify-input-unreadable = { $what }被改动，且读不出来：{ $reason }
verify-input-bytes-changed = { $what }被改动（SHA-256 摘要不同）
verify-output-changed = 输出 { $path } 在写出之后被改动过
verify-output-inputs-changed = 输出 { $path } 与清单记录的 SHA-256 一致，但与其输入现在重新得出的结果不同：它写出之后有输入文件被改动过（见上），所以它已不再出自现在的输入
verify-output-not-derived = 输出 { $path } 与清单记录的 SHA-256 一致，但与其输入重新得出的结果不同：文件和清单中的 SHA-256 都被改动过
verify-output-rows = 输出 { $path } 有 { $found } 行，而由其输入重新得出的结果有 { $expected } 行：有行被添加或删除
verify-output-missing = 输出 { $path } 不见了
verify-frame-cell = { $location }：现为 { $found }，按数量表重新推导的抽样框为 { $expected }
verify-wrong-main-role = { $name } 的输出记录写的是“{ $role }”文件，而“{ $command }”命令写出的是 { $main }
verify-cannot-rederive = 无法重新推导输出：{ $reason }
verify-content-differs = { $what }：内容不同
verify-stratum-rows = { $what }：层 { $stratum } 现有 { $rows } 行，记录为 { $recorded } 行
verify-stratum-records = { $what }：层 { $stratum } 的记录不同
verify-stratum-gone = { $what }：层 { $stratum }（{ $rows } 行）没有了
verify-stratum-new = { $what }：层 { $stratum }（{ $rows } 行）是新增的
verify-rederived-what = 重新推导的{ $main }
verify-commitment-unreadable = 承诺文件 { $path } 读不出来
verify-commitment-differs = 承诺文件 { $path } 与抽样的输入不符：{ $problem }；抽样框和名册必须与产生种子之前承诺的完全一致
verify-commitment-id-column = 承诺文件 { $path } 记录的编号列与抽样所用的不同
verify-record-not-drawn = 记录 { $id }（{ $stratum }）在 { $file } 中，但抽样并没有抽中它
verify-record-not-listed = 记录 { $id }（{ $stratum }）被抽中，但 { $file } 中没有它
verify-sample-ok = 样本：所列 { $listed } 条记录都是抽中的（主样本 { $main } 人，允许列入备用样本）
verify-sample-extra = 记录 { $id }（{ $stratum }）不应在名单中：抽样并没有抽中它
verify-sample-missing-main = 主样本 { $id }（{ $stratum }）不在名单中
verify-sample-reserves = 名单中列有 { $reserves } 名备用样本；请用 --calls 核对他们是否按顺序替补了联系不上的主样本
verify-no-role-file = 清单文件中没有记录 { $role } 文件
verify-no-parameters = “{ $command }”的清单文件没有记录这一步的参数
verify-planted-too-many = 清单文件记录的预置错误过多
verify-bad-rate = 清单文件记录的比例“{ $rate }”无效
verify-roster-count = 清单文件列出的名册比抽样读取的多
verify-parameter-invalid = 清单文件的参数缺少有效的 { $what }
verify-plan-invalid = 清单文件的参数不能构成有效的抽样框方案：{ $reason }
verify-command = { $command ->
        [counts] 数量表
        [synth] 示例名册
        [frame] 抽样框
        [draw] 抽样
        [audit-select] 抽查选取
        [audit-tally] 核查汇总
        [score] 计分
       *[other] { $command }
    }
report-level-name = { $level ->
        [county] 县级
        [city] 市级
       *[other] { $level }
    }
verify-role = { $role ->
        [counts] 数量表
        [frame] 抽样框
        [roster] 名册
        [sample] 样本
        [checklist] 核查表
        [selection] 核查抽取
        [tally] 核查汇总
        [score] 评议得分
        [responses] 调查答卷
        [units] 被评单位
        [inspection] 检查评估
        [findings] 核查结果
        [scheme] 评分方案
        [disqualified] 不合格单位
        [commitment] 承诺文件
        [quality] 数据质量报告
       *[other] { $role }
    }

## pingyi seed commit：承诺文件及其核对（seed-…）
seed-not-a-commitment = 不是 `pingyi seed commit` 写出的承诺文件；请给出 `pingyi seed commit` 写出的 .json 文件
seed-frame-differs = 抽样框与承诺的 { $path } 不同
seed-roster-count = 承诺了 { $committed } 份名册，现在给出的是 { $given } 份
seed-roster-differs = 有一份名册与承诺的 { $path } 不同
seed-problems-join = { $head }；{ $tail }
seed-commitment-mismatch = 与抽样的输入不符：{ $problems }；抽样框和名册必须与产生种子之前承诺的完全一致
seed-announcement-heading = pingyi 承诺（{ $format }）：请在产生种子之前公布以下各行，或签字存档
seed-announcement-frame = 抽样框  { $digest }  { $path }
seed-announcement-roster = 名册    { $digest }  { $path }

## 写出结果，以及 pingyi run 的输出文件夹（output-…）
output-wrote = 已写出 { $path }
output-is-folder = { $path } 是文件夹；请在 --out 后给出一个文件名
output-is-input = { $output } 就是输入文件 { $input }；输出不会覆盖命令的输入，请用 --out 另选文件名
output-folder-unnamed = { $path } 不能作为输出文件夹；请另选一个有名字的文件夹，例如 out/
output-folder-not-folder = { $path } 已存在，但不是文件夹；请用 --out 另选
output-folder-foreign-files = { $path } 中已有不是 pingyi run 写出的文件；请用 --out 指定一个空文件夹，或加 --force 写在它们旁边（您的文件不会被替换或删除）
output-folder-in-the-way = pingyi run 要在 { $path } 处建自己的文件夹，那里却是一个快捷方式（链接）或文件；请把它移出 { $folder }（或用 --out 另选）后重新运行
output-undigested = { $path } 在 { $marker } 中没有记录摘要（可能是较早版本的 pingyi 写的），无法确认它没有被改动；请把 { $folder } 移走（或用 --out 另选）后重新运行
output-not-owned = { $path } 不是 pingyi run 写出的，或写出后被改动过（摘要与 { $marker } 中记录的不同）；本次运行会替换它，请先移走或改名（或用 --out 另选）后重新运行
output-marker-no-digest = { $marker } 列出了 { $line }，但没有 pingyi run 记录的摘要；该文件保持不动
output-marker-outside = { $marker } 列出了 { $path }，它不是该文件夹内的文件；已忽略
output-changed-left-alone = { $path } 在 pingyi run 写出后被改动过；保持不动
output-not-plain-left-alone = { $path } 不是该文件夹中的普通文件（是快捷方式，或在链接的文件夹中）；保持不动
output-old-not-removed = 无法删除 { $path } 中先前的输出（{ $reason }）；下次运行时会删除
output-folder-busy = { $reason }；请关闭在其他程序（Excel、WPS）中打开的该文件夹中的文件后重新运行
output-input-inside = 输入文件 { $input } 在输出文件夹 { $folder } 之中，而每次运行都会替换该文件夹中的文件；请把输入放在数据文件夹中，并用 --out 另选输出文件夹

## 评分方案文件（pingyi score --scheme 方案.toml）（scheme-…）
scheme-invalid = 不是有效的评分方案：{ $reason }。请用记事本打开方案文件，对照示例改正后保存（编码选 UTF-8）
scheme-name-empty = name 一项是空的；请给方案起个名字，例如 name = "county"
scheme-no-levels = 没有 { $key } 的答案等级；请至少加一个 [[{ $key }]] 表，写明 value（分值）和 labels（答案）
scheme-level = { $key } 的第 { $level } 个等级
scheme-level-value = { $at }的分值是 { $value }；分值是该等级所得分数的比例，应为 0 到 1 之间的数
scheme-level-no-labels = { $at }没有答案文字；请写出代表它的答案，例如 labels = ["满意", "satisfied"]
scheme-label-blank = { $at }有一个空白的答案文字；请照访问员记录的写法填写
scheme-label-twice = { $at }把答案“{ $label }”写了两次
scheme-label-shared = { $at }的答案“{ $label }”也出现在 { $other }中；一个答案只能对应一个等级
scheme-weight = weights 一项的第 { $number } 个权重是 { $weight }；每个权重应为 0 到 1 之间的数，例如 weights = [0.7, 0.3]
scheme-weights-sum = weights 一项的两个权重相加为 { $sum }，不是 1；两道题的权重共同分配调查得分，例如 weights = [0.7, 0.3]
scheme-points = points 一项是 { $points }；调查部分的分数应大于 0、不超过 100（方案中为 70）
scheme-deduction = { $key } 一项是 { $value }；它是扣分分数，应在 0 到调查部分的 { $points } 分之间（方案中为 { $usual }）

# The allocation method named in the report
report-method = { $method ->
    [proportional] 比例分配
    [equal] 等额分配
    [neyman] 奈曼分配
    [optimal] 最优分配
    [quota] 配额分配
   *[other] { $method }
    }

# The draw given neither --out nor --emit-sql
draw-needs-out = 请用 --out 指定样本文件（例如 --out 样本.xlsx），或用 --emit-sql duckdb|spark 输出 SQL

## 网页工作台（pingyi serve） / the web workbench
serve-title = pingyi 民主评议工作台
serve-skip = 跳到正文
serve-workspace = 工作文件夹：{ $path }
serve-steps = 工作步骤
serve-step-counts = 数量表
serve-step-frame = 样本框
serve-step-draw = 抽样
serve-step-audit = 抽查
serve-step-score = 计分
serve-step-verify = 核查
serve-step-report = 报告
serve-listening = 工作台已启动：请在浏览器中打开 { $url }（工作文件夹 { $workspace }）。关闭本窗口即停止。
serve-bind = 无法在本机端口上启动工作台（{ $reason }）；请换一个端口，例如 --port 8723
serve-refused-host = 拒绝：请求的地址不是本机工作台。请直接在浏览器地址栏输入启动时显示的地址（127.0.0.1 开头）。
serve-refused-origin = 拒绝：这个提交不是从本工作台的页面发出的。请在工作台页面上重新操作。
serve-not-found = 没有这个页面或文件；请从上方的步骤重新进入。
serve-internal = 工作台内部出错，工作文件夹未被改动；请重试，若仍出错请联系维护人员。
serve-busy = 正在进行另一项工作（{ $running }），请等它完成后再提交；本次提交未被执行。
serve-running = 正在进行：{ $step }，已用 { $seconds } 秒。完成后页面会自动刷新。
serve-progress = { $what }：已读 { $done } / { $total } MB（{ $percent }%）
serve-result = 结果
serve-summary = 命令行输出的汇总
serve-downloads = 下载
serve-stored = 已保存：{ $name }
serve-sheet-as-read = 读到的表格内容
serve-upload-kind = 文件“{ $name }”不是表格文件；请上传 Excel/WPS 表格或 CSV（{ $kinds }），在 Excel 或 WPS 中可用“另存为”选择 .xlsx 格式。
serve-upload-too-large = 一次上传的文件合计超过了工作台 { $limit } MB 的上限（同一次上传的所有文件合并计算）。请关闭工作台，用更大的上限重新启动，例如 `pingyi serve --max-upload-mib { $larger }`，然后重新上传。
serve-upload-broken = 上传没有完成（{ $reason }）；请重新选择文件上传。
serve-need-file = 请先选择要上传的文件。
serve-need-counts = 请先在第 1 步“数量表”上传数量表。
serve-need-frame = 请先在第 2 步“样本框”保存样本框。
serve-need-rosters = 请先上传名册。
serve-need-seed = 请填写公布的随机种子（照公布的原样输入）。
serve-need-commitment = 请先点“生成承诺”，把承诺打印或公布后再输入种子：种子必须在承诺之后产生。
serve-need-draw = 请先在第 3 步“抽样”完成抽样。
serve-rosters-same = 这些正是已生成承诺的名册，没有任何改动。
serve-rosters-fixed = 名册已不能更换：已对这些名册生成承诺（可能已经打印或公布），如果换用其他名册抽样，结果会被当作所公布的那次抽样。如果名册确实有误，请新建一个工作区（另一个文件夹），在那里上传正确的名册，重新生成承诺并重新公布种子。
serve-not-a-fraction = “{ $value }”不在 0 和 1 之间；请填写小数，例如 0.1（误差 ±10%）或 0.95（置信度 95%）。
serve-not-a-rate = “{ $value }”不是备用样本比例；请填写小数，例如 0.3（比样本多 30%），最大为 10。
serve-not-a-number = “{ $value }”不是数字；请填写小数，例如 0.1。
serve-not-a-count = “{ $value }”不是整数；请填写人数，例如 3。
serve-counts-needs = 需要：《服务对象类别和数量表》（Excel/WPS 表格或 CSV，任何编码均可）。表头用中文即可，合计行、标题行、“注：”都可以保留，合计会被自动核对。
serve-counts-file = 数量表文件
serve-counts-hint = 每个乡镇一行，各类别一列；或每行一个乡镇×类别。
serve-counts-read = 读取并核对
serve-counts-as-read = pingyi 读到的数量（已核对 { $checked } 个合计）
serve-counts-next = 下一步：确定误差、置信度和备用样本比例，生成样本框。
serve-frame-needs = 需要：第 1 步的数量表。先点“预览”查看各乡镇各类别的样本量，确认后点“保存样本框”。
serve-margin = 误差（如 0.1 即 ±10%）
serve-confidence = 置信度（如 0.95）
serve-min-per-stratum = 每类至少抽取人数
serve-reserve-rate = 备用样本比例（如 0.3）
serve-frame-preview = 预览（不保存）
serve-frame-save = 保存样本框
serve-frame-chart = 各单位样本量（按类别）
serve-frame-next = 下一步：上传名册，先生成承诺，再输入公布的种子抽样。
serve-table-frame = 样本框（已保存）
serve-table-quality = 数据质量问题（身份证号、重复、共用电话）
serve-table-tally = 抽查汇总
serve-table-score = 得分排名
serve-draw-needs = 需要：已保存的样本框、服务对象名册（每人一行，可以是多个文件），以及公布的随机种子。顺序不能颠倒：先上传名册并生成承诺，承诺公布后才产生种子。
serve-draw-rosters = ① 上传名册
serve-rosters-file = 名册文件（可多选）
serve-rosters-store = 上传名册
serve-draw-commit = ② 生成承诺（在种子产生之前）
serve-commit-why = 承诺记录样本框和名册的指纹；请打印或公布。种子公布后，任何人都能核对名册没有被改动。
serve-commit-button = 生成承诺
serve-committed = 已生成承诺（可在下方下载“种子承诺.json”）。
serve-draw-seed = ③ 输入公布的种子并抽样
serve-seed-label = 公布的随机种子
serve-draw-button = 抽样
serve-draw-next = 下一步：样本采集完成后，公布抽查种子，抽查 30%。
serve-audit-needs = 需要：抽样完成后另行公布的抽查种子（不能与抽样种子相同）。下载核查清单，核查人员在“核查结果”列选择 真实 / 虚假 / 无法核实，其他列不要改动，交回后上传。
serve-audit-seed = 公布的抽查种子
serve-audit-select = 生成核查清单
serve-checklist-file = 交回的核查清单（一份或多份）
serve-checklist-hint = 选中所有已交回的清单，可以一个乡镇一份，也可以合成一份；后交回的以后再上传。汇总按已上传的全部清单计算，与上传顺序无关。
serve-returns-stored = 已收到的核查清单（{ $count } 份）
serve-returns-pending = 尚未交回（未返回）：{ $units }。清单交回后在上面上传，汇总会按全部清单重新计算。
serve-returns-complete = 所有乡镇的核查清单均已交回并汇总。
serve-returns-remove = 移除
serve-returns-remove-one = 移除 { $name }（以便上传改正后的清单）
serve-returns-clear = 清除全部已上传的核查清单（以便重新上传）
serve-audit-tally = 上传并汇总
serve-audit-next = 下一步：上传电话调查结果和检查评估得分，计分排名。
serve-score-needs = 需要：电话调查结果（每人一行：乡镇、总体满意度、不良行为、通话结果）、检查评估得分（每个乡镇一行），可选：调查员通话记录。抽查汇总的扣分自动计入。
serve-responses-file = 电话调查结果
serve-inspection-file = 检查评估得分
serve-calls-file = 通话记录（可选）
serve-score-button = 计分排名
serve-score-next = 下一步：核查全部输出，然后查看报告。
serve-verify-needs = 不选文件直接点“核查”：按清单文件（manifest）重新计算工作文件夹中的每个输出并比对。也可以选择要核对的文件：单独选下载过的输出文件（自动找到工作文件夹中记录它的清单），或连同它的清单文件（.manifest.json）和输入文件一起选。每个文件都按其清单核对，并列出差异。
serve-verify-file = 要核对的文件（可选，可多选）
serve-verify-button = 核查
serve-verify-ok = 一致：“{ $name }”正是 { $manifest } 所记录的文件，并可由其输入重新推导出来：
serve-verify-not-ok = 有改动：“{ $name }”与其清单所记录的不符，差异如下：
serve-verify-cells = 与清单所记录文件不同的单元格：
serve-verify-row-count = 拖入的文件有 { $found } 行，记录的文件有 { $expected } 行
serve-verify-cell = { $cell }（{ $header }）：现为 { $found }，记录的文件为 { $expected }
serve-verify-dropped = 所选文件的核查结果
serve-verify-all = 工作文件夹中全部输出（按清单重新推导）
serve-verify-unknown = “{ $name }”不在本工作文件夹任何清单的记录中（内容和文件名都对不上）；请把它和它的清单文件（.manifest.json）及输入文件一起选中。
serve-verify-next = 下一步：查看并下载报告。
serve-report-needs = 报告汇总样本框、抽样、抽查和得分，含图表和核查结果，不含身份证号、电话和姓名，可直接打印（A4）。
serve-report-open = 打开报告
serve-no-report = 还没有报告：请先完成第 2 步“样本框”。
serve-report-next = 工作文件夹中的全部文件也可以在命令行中继续使用：pingyi run --data 工作文件夹 --out 工作文件夹/out

# Help texts of the web workbench command
help-serve-about = 启动本机网页工作台：按方案的步骤（数量表、样本框、抽样、抽查、计分、核查、报告）逐页操作一个工作文件夹
help-serve-long =
    启动本机网页工作台：按方案的步骤（数量表、样本框、抽样、抽查、计分、核查、报告）逐页操作一个工作文件夹。
    {""}
    只在本机 127.0.0.1 上监听，并自动打开浏览器。工作文件夹里有 pingyi.toml、上传的输入（inputs/）和 out/，与「pingyi run」写出的完全相同，所以随时可以用「pingyi run --data 工作文件夹 --out 工作文件夹/out」和「pingyi verify」在命令行接着做。第一行显示的是网址。
    {""}
    例：pingyi serve --workspace 青石县2026
help-serve-workspace = 工作文件夹（不存在时新建）
help-value-workspace = 文件夹
help-serve-port = 127.0.0.1 上的端口（0 表示任选一个空闲端口）
help-value-port = 端口
help-serve-no_open = 不自动打开浏览器
help-serve-max_upload_mib = 允许上传的最大文件，单位 MiB
help-value-max_upload_mib = MiB

## 清单中记录的遮蔽规则，以及 verify 重新生成的数据质量报告。
mask-verify-policy = 清单记录的遮蔽规则保留了{ $what }的 { $kept } 个字符（{ $keys }），超过任何规则允许的最多 { $max } 个：清单被改动过；请恢复清单原样，或重新生成该输出
mask-quality-what = 数据质量报告 { $path }
mask-quality-earlier = 数据质量报告 { $path } 由早期版本写出（问题未按单位计数）：只核对其字节
mask-quality-empty = 数据质量报告 { $path } 是空的；请重新抽样以写出该报告
mask-quality-cell = { $location }：现为 { $found }，按花名册重新生成的数据质量报告为 { $expected }
mask-quality-extra = { $location }：有一条按花名册重新生成的数据质量报告中没有的问题（{ $found }）
mask-quality-missing = { $path }：缺少第 { $row } 行；按花名册重新生成的数据质量报告在该行为 { $expected }
mask-quality-roster-changed = 数据质量报告 { $path } 所列行号对应的花名册此后有改动：只核对其字节

## 会被悄悄丢掉、截断或重复计算的行 / rows dropped, cut or counted twice unseen (input-…)
input-row-without-unit = 没有填单位，但「{ $column }」列有内容 { $value }；请在这一行填上单位（合并单元格只在第一行有值：请选中它，点“合并后居中”取消合并，再在每一行填上单位），或删除这一行
input-respondent-twice = 第二次计入受访者 { $id }（第一次在第 { $first } 行）；每位受访者只保留一行（未接通的那次通话可以保留在接通的那次旁边）
input-column-twice = 「{ $first }」（{ $first_letter } 列）和「{ $second }」（{ $second_letter } 列）都可能是这一列，用哪一列只能靠猜；请只保留一列：删除不用的那一列，或改掉它的表头（例如在前面加“原”字，改为“原{ $first }”）
input-call-without-id = 记录了一次通话（{ $value }），但没有编号；请填上所拨打对象在样本中的编号，或删除这一行
input-part-of-category = 写的是 { $label }：“其中”类别是另一类别的一部分，单独作为一个类别读入会把这些对象算两次；请删除它（如仍需要，可放到另一个工作表）
input-of-which-row = 是“其中”行（{ $label }）：属于上一行的一部分，不是单位；当作单位读会被重复计算。请删去这一行；如果它单独参评，请给它单独的单位名称
input-summary-row = 是统计行（{ $label }），不是单位：当作单位读入会和其他单位一样被计算。请删除这一行（合计、平均等由 pingyi 自己计算）
counts-households-column = 表头是「{ $label }」：这一列是户数，而调查抽取的是人。请给出每个类别的人数，或删除这一列
counts-not-a-category-column = 表头是 { $label }，不是服务对象类别（电话或代码、排名或占比、增减或往年数字、村（社区）数，或者任何类别都达不到的数字）：当作类别读会成为单独的一层，把这些数字当作人数。请删去这一列或把它移到表格之外；如果确实是类别，请用类别名称作表头
counts-several-sheets = 有不止一个工作表是数量表（{ $sheets }）：读哪一个只能靠猜。请用 --sheet 指明，或者工作簿中只保留本次评议的那张表
counts-total-like-column = 表头是「{ $label }」，不是方案中的类别，而是（旁边各类别的）合计：当作类别读入会成为单独的一层，使每个单位的人数翻倍。请把表头改为“合计”（pingyi 会用它核对各类别之和），或删除这一列
input-role-unknown = 填的是 { $value }，既不是正式样本（main）也不是备用样本（reserve）；请按抽样时写的填写其中之一
input-sample-role-missing = 保留了抽样时加的列 { $column }，却没有“样本类型”列，无法区分正式样本和备用样本：请按抽样时的样子把该列补回（或只给出已采集对象的名单，不带抽样时加的各列）
input-used-unknown = 填的是 { $value }，看不出这名备选对象是否启用；启用的填“是”，未启用的留空

## 面向县局工作人员的提示（clerk-…）
clerk-calls-no-id = 没有「{ $column }」列（样本用这一列区分每个人）；请在通话记录中保留样本的「{ $column }」列（或用 --id-column 指明通话记录中区分每个人的列）
help-verify-id_column = 区分每个服务对象的列（默认：抽样清单文件记录的列，没有时用“编号”列，再没有时用身份证号列）；通话记录按同名的列核对
clerk-col-pending = 待核
clerk-flag-not-returned = 未返回
clerk-verify-cell = { $location }：现为 { $found }，按输入重新生成的{ $role }为 { $expected }
clerk-verify-cells-more = 另有 { $more } 个单元格不同
clerk-verify-cells-same = { $path } 的每个单元格都与按输入重新生成的{ $role }相同：文件被重新保存过（例如在 Excel 或 WPS 中另存），数值没有改动，但文件内容已与清单记录的不一致；请保留 pingyi 写出的原文件
clerk-io = { $kind ->
        [exists] 已有同名的文件或文件夹
        [folder] 这是一个文件夹，不是文件；请给出文件的路径
        [not-folder] 路径中有一段是文件，而不是文件夹
        [not-empty] 文件夹不是空的
        [read-only] 磁盘或文件夹是只读的（例如 U 盘开了写保护）；请把文件复制到可以写入的磁盘上
        [too-large] 文件太大，这个磁盘放不下
        [busy] 文件正被其他程序使用；请在 Excel 或 WPS 中关闭它后重新运行
        [bad-name] 文件名不被允许（太长，或含有磁盘不接受的字符）；请换一个简短的文件名
        [bad-data] 文件内容无法读取
        [incomplete] 文件不完整（在结尾之前就断了）；请重新复制一份
        [interrupted] 操作被中断或超时；请重新运行
        [memory] 内存不足
        [network] 无法访问网络位置；请把文件复制到本机
        [address] 网络地址或端口已被占用或不可用；请用 --port 换一个端口
       *[other] 操作系统拒绝了这一操作
    }
clerk-io-other = 操作系统拒绝了这一操作（错误代码 { $code }）
clerk-toml-kind = { $kind ->
        [integer] 整数
        [whole] 不小于 0 的整数
        [number] 数字
        [text] 加双引号的文字
        [boolean] true 或 false
        [list] 方括号 [ ] 里的列表
        [table] 一个小节（单独一行写 [名称]）
        [date] 日期
       *[other] 其他类型的值
    }
clerk-toml-this-value = 这个值
clerk-toml-named-value = 值 { $value }
clerk-toml-type = { $value } 是{ $found }，但这里需要{ $expected }
clerk-toml-value = 这里不能填{ $value }；需要{ $expected }
clerk-toml-unknown-key = 没有名为 { $key } 的键；可用的键有 { $known }（请检查拼写）
clerk-toml-unknown-value = { $value } 不是这里允许的值；允许的值有 { $known }
clerk-toml-missing-key = 缺少键 { $key }；请补上
clerk-toml-duplicate = 这个键写了两次；请只保留一个
clerk-toml-unclosed = 缺少结尾的 { $mark }
clerk-toml-unquoted = 文字必须写在双引号里，例如 title = "青石县"
clerk-toml-syntax = 这一行没有按“键 = 值”的格式书写（文字加双引号，数字直接写，[小节名] 单独占一行）
clerk-sql-no-strata = 抽样框中没有任何层，无从抽取
clerk-sql-unnamed-column = 名册的{ $what ->
        [id] 编号
        [unit] 乡镇
       *[category] 类别
    }列没有表头；SQL 按表头引用列，请在名册中给这一列填上表头
clerk-sql-dialect = --emit-sql 不认识 SQL 方言「{ $value }」；请写 --emit-sql duckdb 或 --emit-sql spark
clerk-no-roster = 没有给出名册；请用 --roster 指定名册文件（多个文件可重复写）
clerk-run-calls-breached = 通话记录 { $log } 违反备用样本规则：
    { $breaches }
clerk-io-not-regular = 这不是普通文件（而是设备、管道或套接字）；请给出表格文件的路径
clerk-verify-checklist-not-read = 重新汇总时没有读到这份核查表

## 跨文件核对编号和单位名称（names-…）
names-id-lost-zeros = 填的是 { $value }，是样本中某个编号去掉了前导零：Excel 或 WPS 在打开并重新保存文件时，若该列是“数值”格式，就会去掉前导零。请使用 pingyi 写出的原始文件，不要用 Excel 重新保存过的；或者把该列设置单元格格式 → 文本后，从原始清单重新复制编号
names-id-as-number = 填的是 { $value }，是用科学计数法显示的长数字：Excel 或 WPS 把身份证号存成了数字，已经丢掉了最后几位。请使用 pingyi 写出的原始文件，不要用 Excel 重新保存过的；或者把该列设置单元格格式 → 文本后，从原始清单重新复制

## 按填写者的本意读取行和单元格（rows-）
rows-short-row = 这一行只有 { $cells } 列，表头却有 { $width } 列：从这一列起没有内容。单元格里的换行（按 Alt+Enter 输入的）或少了一个逗号，会把一条记录拆成几行短行，缺的单元格会被当作空白或另一条记录；请把这条记录恢复为一行并写全每个单元格（在 Excel 或 WPS 中打开，把拆开的两行合并回一行、删去单元格内的换行，再“另存为”CSV），或删去这一行
rows-digits-lost = 这个{ $what ->
        [phone] 电话号码
       *[id] 身份证号
    }在 Excel 中被存成了数字，显示并保存为 1.23457E+10 这样的科学记数，只留下前几位：后面的数字已经丢失，之后保存的文件里都找不回来。请在 Excel 或 WPS 中选中这一列，右键“设置单元格格式”→“文本”，再重新输入号码，或从原业务系统重新导出名单
rows-report-digits-lost = 号码被 Excel 存成数字（位数已丢失）
rows-sum-subtotal = 「{ $column }」列第 { $from } 行到第 { $to } 行各单位（上一个小计之后的各行，即这个小计所加的行）
rows-sum-subtotal-rows = 第 { $from } 行到第 { $to } 行（上一个小计之后的各行，即这个小计所加的行）

## polish: why a reader refused a file (CSV, workbooks, Parquet, JSON manifests)
polish-csv-utf8 = 有的文字不是 UTF-8 编码；请用记事本打开，“另存为”时编码选 UTF-8
polish-csv-unequal = 这一行有 { $found } 个字段，前面的行有 { $expected } 个
polish-csv-other = 文件不合 CSV 的写法；请在 Excel 或 WPS 中打开，“另存为” CSV UTF-8（逗号分隔）后重试。技术原因：{ $raw }
polish-book = { $kind ->
        [not-workbook] 文件内容不是 Excel 或 WPS 的工作簿，可能已损坏，或是别的文件改了扩展名
        [password] 工作簿设有密码
        [container] 工作簿的文件结构已损坏，可能没有保存完或复制时出错
        [missing-part] 工作簿缺少必需的组成部分，可能是别的软件没有写完整
       *[damaged] 工作簿里的内容已损坏，无法解析
    }
polish-parquet = { $kind ->
        [damaged] 文件已损坏或不完整，可能没有导出完或复制时中断；请重新导出
        [unsupported] 文件用了 pingyi 读不了的压缩方式或数据类型；请重新导出为 CSV 或 .xlsx
        [column] 有一列是列表、结构等类型，放不进表格的一格；请只导出文字和数字列，或改用 CSV
       *[other] 文件无法读取；请重新导出为 CSV 或 .xlsx
    }
polish-parquet-other = 文件无法读取；请重新导出为 CSV 或 .xlsx 后重试。技术原因：{ $raw }
polish-upload-cut = 浏览器发来的文件不完整，连接中断了或文件在上传时被改动
polish-json-cut = 文件不完整，在结尾之前就断了；清单由 pingyi 写出，请换回原来的清单文件，或重新运行写出它的那一步
polish-json-syntax = 第 { $line } 行第 { $column } 个字符处不合 JSON 的写法，文件多半被手工改过；清单由 pingyi 写出，请勿修改：请换回原来的清单文件，或重新运行写出它的那一步
polish-json-data = 第 { $line } 行：{ $reason }；清单由 pingyi 写出，请勿修改：请换回原来的清单文件，或重新运行写出它的那一步
polish-serde-other = 这个值不是这里该有的内容（技术原因：{ $raw }）
polish-manifest-parameters = 其中「{ $command }」这一步的参数不对：{ $reason }；请换回原来的清单文件，或重新运行写出它的那一步
polish-manifest-command = 记录的命令「{ $command }」是这个版本的 pingyi 不认识的；较新版本写出的清单要用那个版本核验
polish-json-value = 第 { $line } 行第 { $column } 个字符处的值不是清单该有的内容；清单由 pingyi 写出，请勿修改：请换回原来的清单文件，或重新运行写出它的那一步

## polish: the workbench's own words for refusals that name a command, a flag or a key of pingyi.toml
polish-page-need-select = 还没有核查清单：请先在本页填写公布的抽查种子，点“生成核查清单”，下载清单交核查人员填写，交回后再上传
polish-page-audit-not-a-selection = 不是核查抽取的记录；请在“抽查”页点“生成核查清单”重新生成核查清单
polish-page-audit-selection-damaged = 其中的抽取记录已损坏；请在“抽查”页点“生成核查清单”重新生成核查清单
polish-page-audit-checklist-no-audit-no = 没有「核查编号」列；这是在“抽查”页点“生成核查清单”后下载的核查清单吗？
polish-page-audit-checklist-no-result = 没有「核查结果」列；请保留“抽查”页下载的核查清单中的「核查结果」列，不要删除或改名
polish-page-audit-checklist-differs =
    与记录的抽取结果（{ $selection }）不一致：
    {"  "}{ $problems }
    请使用在“抽查”页下载的原清单，只填写「核查结果」「核查人」「核查日期」和「备注」四列，再点“上传并汇总”
polish-page-audit-checklist-other-selection =
    大部分行与记录的抽取结果（{ $selection }）不一致：是不是另一次抽取的核查清单？
    {"  "}{ $problems }
    请使用在“抽查”页下载的原清单，只填写「核查结果」「核查人」「核查日期」和「备注」四列，再点“上传并汇总”
polish-page-audit-selection-no-sample = 没有记录已采集样本；请在“抽查”页点“生成核查清单”重新生成核查清单
polish-page-audit-selection-not-found = 文件夹 { $folder } 中的核查抽取都与它的核查编号对不上；请上传在“抽查”页点“生成核查清单”后下载的核查清单
polish-page-audit-selection-ambiguous = 可能属于几次核查抽取（{ $manifests }）；请在“抽查”页点“生成核查清单”重新生成核查清单，交核查人员重新填写
polish-page-audit-returns-none = 中没有核查清单（没有带「核查编号」列的表格）；请上传在“抽查”页点“生成核查清单”后下载、由核查人员填好交回的清单，再点“上传并汇总”
polish-page-audit-id-blank = 「核查批次」单元格为空；请从其他行复制回来（每一行的核查批次都相同，保持“抽查”页下载时的原样）
polish-page-audit-id-not-found = 在 { $folders } 中找不到核查批次为 { $value } 的核查抽取：如果该单元格被改过，请按核查清单第一行的标题（核查清单 · … · 核查批次）改回；否则请上传在“抽查”页点“生成核查清单”后下载的核查清单
polish-page-audit-id-other-selection = 核查批次 { $value } 与 { $manifest } 记录的抽取（核查批次 { $expected }）不符：这份核查清单来自另一次抽取，或核查批次被改动过；请把核查批次改回原样，或上传本工作文件夹最近一次“生成核查清单”下载的清单
polish-page-audit-results-blank = 有 { $count } 条记录没有填写核查结果：{ $cells }；请补填后在“抽查”页点“上传并汇总”重新上传
polish-page-draw-no-id-column = 没有能区分每个服务对象的列：既没有编号列（{ $ids }），也没有身份证号列（{ $id_numbers }）；现有的列是：{ $columns }。请在名册中加一列“编号”（或“身份证号”），再在“抽样”页点“上传名册”重新上传
polish-page-draw-counts-differ = 名册各层人数与样本框的总体人数不一致：{ $table }请修改名册后在“抽样”页重新上传，或改正数量表后在“数量表”和“样本框”页重新保存
polish-page-draw-short-strata = 以下各层名册人数少于样本量：{ $list }请核对名册是否完整后在“抽样”页重新上传，或改正数量表后在“样本框”页重新保存样本框
polish-page-draw-frame-edited = 与其清单文件 { $manifest } 记录的内容不同（被手工改过？），不同之处：{ $strata }；请在“样本框”页点“保存样本框”重新生成
polish-page-frame-file-missing-column = 不是“样本框”页保存的样本框：没有「{ $column }」列；请在“样本框”页点“保存样本框”重新生成
polish-page-score-inspection-missing = 缺少 { $count } 个被评议单位的检查评估得分：{ $units }。请为每个单位补一行（并核对单位名称的写法），再在“计分”页重新上传检查评估得分
polish-page-score-no-inspection = 没有检查评估得分，{ $count } 个被评议单位都没有检查评估得分；请在“计分”页选择检查评估得分文件后点“计分排名”
polish-page-clerk-calls-no-id = 没有「{ $column }」列（样本用这一列区分每个人）；请在通话记录中保留样本的「{ $column }」列，再在“计分”页重新上传
