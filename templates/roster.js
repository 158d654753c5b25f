/* Roster tables: a filter box and sorting by any column, offline and in a
   few lines. Without JavaScript the page is the same table, unfiltered. */
(function () {
	"use strict";
	/* The page's roster: its first table (a class page's figures follow it). */
	var first = document.querySelector("main table");
	var tables = first ? [first] : [];
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
		// The row count is a live region, so that a screen reader says how
		// many rows are left as the teacher types, without leaving the box.
		var count = document.createElement("span");
		count.className = "count";
		count.setAttribute("aria-live", "polite");
		tools.appendChild(input);
		tools.appendChild(count);
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
		// Counted before the region is in the page: only changes are read out.
		filter();
		var box = table.parentNode.classList.contains("table-scroll") ? table.parentNode : table;
		box.parentNode.insertBefore(tools, box);
		// Each header's words go into a button, which the keyboard reaches
		// and presses (Tab, Enter, Space) as well as the mouse; aria-sort
		// tells a screen reader which column orders the rows, and which way.
		var heads = table.tHead.rows[0].cells;
		Array.prototype.forEach.call(heads, function (th, i) {
			var button = document.createElement("button");
			button.type = "button";
			button.title = "点击排序";
			while (th.firstChild) button.appendChild(th.firstChild);
			th.appendChild(button);
			th.classList.add("sortable");
			th.setAttribute("aria-sort", "none");
			// On the header, so that a click beside the words sorts as well.
			th.addEventListener("click", function () {
				var asc = th.getAttribute("aria-sort") !== "ascending";
				Array.prototype.forEach.call(heads, function (c) {
					c.classList.remove("sorted-asc", "sorted-desc");
					c.setAttribute("aria-sort", "none");
				});
				th.classList.add(asc ? "sorted-asc" : "sorted-desc");
				th.setAttribute("aria-sort", asc ? "ascending" : "descending");
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
