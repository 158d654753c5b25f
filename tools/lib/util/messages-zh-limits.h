/*
 * Chinese messages of the limits on what care reads (docs/design.md,
 * "Limits"), { English, Chinese }: included by i18n.c after messages-zh.h.
 * The same rules: the printf conversions of each pair identical and in
 * the same order.
 */
{ "more than %zu values and lists in one file; a record has a few hundred, so split this one into several records",
  "一个文件里的值和列表超过 %zu 个；一份档案只有几百个，请把它拆成几份档案" },
{ "this value is %zu bytes long, more than the %zu allowed; keep long texts (a report, scanned notes) outside the records and write a short summary here",
  "这一项有 %zu 字节，超过允许的 %zu 字节；长文（报告、扫描的记录）请放在档案之外，这里只写简短摘要" },
{ "more than %zu files in this folder, the most care reads (a county has about 45,000 records); keep one repository per school or district",
  "这个文件夹里的文件超过 %zu 个，这是 care 能读取的上限（一个县约有 45,000 份档案）；请每所学校或每个学区各用一个仓库" },
{ "partials are included more than %d deep: a partial includes itself, directly or through another; remove that {{> ...}} from templates/partials",
  "局部模板嵌套超过 %d 层：有局部模板直接或间接地包含了它自己；请从 templates/partials 里删掉那个 {{> ...}}" },
{ "care: '%s' is not a folder but a link or a file; care writes records only into a folder of the repository itself, so replace it with the folder\n",
  "care: “%s”不是文件夹，而是链接或文件；care 只把档案写进仓库里真正的文件夹，请换成文件夹本身\n" },
