# pingyi 的中文消息。这里的每个键在 en.ftl 中都有同样参数的英文文本（tests/messages.rs 检查）。
# 参数都是已遮蔽个人信息的文本。

## 问题所在的位置
loc-file = 文件 { $file }
loc-sheet = 工作表「{ $sheet }」
loc-row = 第 { $row } 行
loc-column = 第 { $number } 列（{ $letter } 列）「{ $header }」
loc-column-letter = 第 { $number } 列（{ $letter } 列）
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

## 数量表（服务对象类别和数量表）
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
counts-total-differs = 合计填的是 { $stated }，但{ $what }加起来是 { $sum }；请改正数字或合计
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
