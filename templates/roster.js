/* Roster tables: a filter box and sorting by any column, offline and in a
   few lines. Without JavaScript the page is the same table, unfiltered. */
(function () {
	"use strict";
	var tables = document.querySelectorAll("main table");
	var collator = window.Intl ? new Intl.Collator("zh-CN-u-co-pinyin", { numeric: true }) : null;
	function text(row, i) { return row.cells[i] ? row.cells[i].textContent.trim() : ""; }
	Array.prototype.forEach.call(tables, function (table) {
		var body = table.tBodies[0];
		if (!body || !table.tHead) return;
		var rows = Array.prototype.slice.call(body.rows);
		var tools = document.createElement("div");
		tools.className = "roster-tools";
		var input = document.createElement("input");
		input.type = "search";
		input.placeholder = "筛选：姓名、班级、帮扶人…";
		input.setAttribute("aria-label", "筛选");
		var count = document.createElement("span");
		count.className = "count";
		tools.appendChild(input);
		tools.appendChild(count);
		var box = table.parentNode.classList.contains("table-scroll") ? table.parentNode : table;
		box.parentNode.insertBefore(tools, box);
		function filter() {
			var words = input.value.trim().split(/\s+/).filter(Boolean), shown = 0;
			rows.forEach(function (row) {
				var t = row.textContent, ok = words.every(function (w) { return t.indexOf(w) >= 0; });
				row.hidden = !ok;
				if (ok) shown++;
			});
			count.textContent = "显示 " + shown + " / " + rows.length + " 行";
		}
		input.addEventListener("input", filter);
		filter();
		Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
			th.classList.add("sortable");
			th.title = "点击排序";
			th.addEventListener("click", function () {
				var asc = !th.classList.contains("sorted-asc");
				Array.prototype.forEach.call(th.parentNode.cells, function (c) {
					c.classList.remove("sorted-asc", "sorted-desc");
				});
				th.classList.add(asc ? "sorted-asc" : "sorted-desc");
				rows.sort(function (a, b) {
					var x = text(a, i), y = text(b, i);
					var r = collator ? collator.compare(x, y) : (x < y ? -1 : x > y ? 1 : 0);
					return asc ? r : -r;
				});
				rows.forEach(function (row) { body.appendChild(row); });
			});
		});
	});
})();
