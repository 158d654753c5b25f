/*
 * Chinese messages of the server-side gate (care check --range), {
 * English, Chinese }: included by i18n.c after messages-zh.h, which would
 * otherwise pass the 600 lines a source file may have. The same rules:
 * the printf conversions of each pair identical and in the same order
 * (or numbered, %1$zu, where Chinese wants another order).
 */
{ "care check --range A..B|REV [--verbose]", "care check --range 提交A..提交B|提交 [--verbose]" },
{ "A..B|REV", "提交A..提交B|提交" },
{ "check the records of every commit in A..B, or of one commit", "逐个检查 A..B 里每个提交的档案，或者只检查一个提交" },
{ "with --range, show every commit, not only those with errors", "和 --range 一起用：列出每个提交，不只是有错误的" },
{ "'%s' goes only with '%s'", "“%s”只能和“%s”一起用" },
{ "care: cannot read commit %.7s: %s\n", "care：读不到提交 %.7s：%s\n" },
{ "care: cannot list the commits of '%s': %s\n", "care：列不出“%s”里的提交：%s\n" },
{ "care: '%s' is not a range; write A..B (two dots, both ends given) or one commit\n",
  "care：“%s”不是提交范围；请写成 A..B（两个点，两头都要写），或者只写一个提交\n" },
{ "care: not in a git repository (%s); run care check --range in the repository, bare or not\n",
  "care：这里不是 git 仓库（%s）；请在仓库里运行 care check --range（裸仓库也可以）\n" },
{ "care: %zu commits in %s that no branch or tag here has yet, each checked by its own records\n",
  "care：%2$s 里有 %1$zu 个提交是这里的分支和标签都还没有的，逐个按它自己的档案检查\n" },
{ "care: %zu commits in %s, each checked by its own records\n",
  "care：%2$s 里有 %1$zu 个提交，逐个按它自己的档案检查\n" },
{ "commit %.7s %s\n", "提交 %.7s %s\n" },
{ "the same records as commit %.7s above, not checked again\n", "档案和上面的提交 %.7s 完全相同，不再重复检查\n" },
{ "%zu commits checked, %zu with errors; records/ checked %zu time(s)\n",
  "检查了 %zu 个提交，其中 %zu 个有错误；records/ 检查了 %zu 次\n" },
