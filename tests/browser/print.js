#!/usr/bin/env node
// A page printed as a principal prints it to file it: on A4, in black and
// white, by Debian's chromium (playwright-core). Used by site.test.js for
// the roster and a child's page, and from the command line for any other
// page (a yearly report):
//
//   node print.js PAGE.html SHEETS|LEAST-MOST OUT_DIR [NAME]
//
// prints the page to OUT_DIR/NAME.pdf, renders its sheets in grey to
// OUT_DIR/NAME-N.png for a person to look at, and says (TAP, one line)
// whether it printed on SHEETS sheets with nothing cut off.
//
// What is checked, on two views of the print:
// - the layout chromium makes for print media at the width of an A4 sheet
//   less its margins: no table is wider than the sheet, or than its box, no
//   cell's words stick out of it, nothing with overflow other than
//   visible hides part of a table, and no header shows a sort arrow. (A
//   PDF alone would not tell: chromium shrinks a page that is too wide to
//   fit the sheet, and cuts off what a box hides.)
// - the PDF: its number of sheets (its /Type /Page objects), their size
//   (A4, as the page's @page asks), and, from the grey render, that the
//   ink keeps 1 cm from the left and right edges and reaches the 1 cm
//   margin on the left, so the @page margin is the one used.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const MM = 96 / 25.4;			// CSS px per mm
const A4 = { width: 210, height: 297 };	// mm
const MARGIN = 10;			// mm, as print.css's @page says
const A4_POINTS = [595.28, 841.89];	// the PDF's MediaBox for A4
// Sub-pixel rounding may add a pixel to a width.
const TOLERANCE = 2;
// Resolution of the grey renders: enough to read them, small to keep.
const PNG_DPI = 60;
const INK_DPI = 100;
const PDFTOPPM = process.env.PDFTOPPM || 'pdftoppm';
const PDFTOTEXT = process.env.PDFTOTEXT || 'pdftotext';

// The width of an A4 sheet's content box, in CSS px (718 for 190 mm).
const contentWidth = () => Math.floor((A4.width - 2 * MARGIN) * MM);
const contentHeight = () => Math.floor((A4.height - 2 * MARGIN) * MM);

// The number of sheets of a PDF: its page objects (/Type /Page, not the
// /Pages of the tree above them). Chromium writes them uncompressed.
function countSheets(pdf) {
	const text = pdf.toString('latin1');
	return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) || []).length;
}

function mediaBoxes(pdf) {
	return Array.from(pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([-\d.\s]+)\]/g),
		(m) => m[1].trim().split(/\s+/).map(Number));
}

// Problems of the page's print layout (see above), as sentences. The page
// is left in print media at the sheet's width; the caller restores it.
async function printLayout(page) {
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: contentWidth(), height: contentHeight() });
	return page.evaluate((tol) => {
		const problems = [];
		const limit = document.documentElement.clientWidth + tol;
		const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ?
			'.' + el.className.trim().split(/\s+/).join('.') : '');
		const tables = Array.from(document.querySelectorAll('main table'));
		tables.forEach((table, i) => {
			const what = `table ${i + 1} (${(table.tHead ? table.tHead.textContent : '').trim().split(/\s+/).slice(0, 3).join(' ')}…)`;
			const r = table.getBoundingClientRect();
			if (r.right > limit || r.left < -tol)
				problems.push(`${what} runs from ${Math.round(r.left)} to ${Math.round(r.right)}px, the sheet is ${limit - tol}px wide`);
			if (table.scrollWidth > table.clientWidth + tol)
				problems.push(`${what} is ${table.scrollWidth}px wide inside ${table.clientWidth}px`);
			for (let p = table.parentElement; p && p !== document.documentElement; p = p.parentElement) {
				const s = getComputedStyle(p);
				const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible';
				if (clips && (p.scrollWidth > p.clientWidth + tol || p.scrollHeight > p.clientHeight + tol))
					problems.push(`${what} is cut off by ${name(p)} (overflow ${s.overflowX}/${s.overflowY}: ` +
						`${p.scrollWidth}x${p.scrollHeight}px shown in ${p.clientWidth}x${p.clientHeight}px)`);
				else if (clips && p.getBoundingClientRect().right > limit)
					problems.push(`${what} is in ${name(p)} (overflow ${s.overflowX}), which is wider than the sheet`);
			}
			for (const cell of table.querySelectorAll('th, td'))
				if (cell.scrollWidth > cell.clientWidth + tol) {
					problems.push(`${what}: the words of a cell stick out of it: ${JSON.stringify(cell.textContent.trim().slice(0, 20))}`);
					break;
				}
			for (const th of table.querySelectorAll('th')) {
				const mark = getComputedStyle(th, '::after').content;
				if (mark !== 'none' && mark !== 'normal' && mark !== '""') {
					problems.push(`${what}: header ${JSON.stringify(th.textContent.trim())} prints ${mark}`);
					break;
				}
			}
		});
		const doc = document.documentElement;
		if (doc.scrollWidth > limit)
			problems.push(`the page is ${doc.scrollWidth}px wide, the sheet ${limit - tol}px`);
		return problems;
	}, TOLERANCE);
}

// The grey render of one sheet (PGM: "P5 w h 255\n" and a byte a pixel),
// as the first and last column that has ink, in mm from the left edge.
function inkColumns(pgmFile) {
	const buf = fs.readFileSync(pgmFile);
	const head = buf.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
	if (!head) throw new Error(`${pgmFile}: not a PGM file`);
	const [w, h] = [Number(head[1]), Number(head[2])];
	const data = buf.subarray(head[0].length);
	let left = w, right = -1;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++)
			if (data[y * w + x] < 160) {
				if (x < left) left = x;
				if (x > right) right = x;
			}
	const mm = (px) => px / (INK_DPI / 25.4);
	return right < 0 ? null : { left: mm(left), right: mm(right + 1) };
}

function havePoppler() {
	try {
		execFileSync(PDFTOPPM, ['-v'], { stdio: 'ignore' });
		execFileSync(PDFTOTEXT, ['-v'], { stdio: 'ignore' });
		return true;
	} catch (err) {
		return false;
	}
}

// Problems of the PDF's sheets: their size, and where their ink is.
// Leaves OUT_DIR/NAME-N.png behind, one per sheet.
function checkSheets(pdfFile, pdf, outDir, name) {
	const problems = [];
	for (const box of mediaBoxes(pdf)) {
		const [w, h] = [box[2] - box[0], box[3] - box[1]];
		if (Math.abs(w - A4_POINTS[0]) > 1 || Math.abs(h - A4_POINTS[1]) > 1)
			problems.push(`a sheet is ${Math.round(w)}x${Math.round(h)} points, not A4 (595x842)`);
	}
	for (const f of fs.readdirSync(outDir))
		if (f.startsWith(`${name}-`) && /-\d+\.(png|pgm)$/.test(f)) fs.unlinkSync(path.join(outDir, f));
	const prefix = path.join(outDir, name);
	execFileSync(PDFTOPPM, ['-gray', '-r', String(PNG_DPI), '-png', pdfFile, prefix]);
	const tmp = fs.mkdtempSync(path.join(outDir, '.ink-'));
	try {
		execFileSync(PDFTOPPM, ['-gray', '-r', String(INK_DPI), pdfFile, path.join(tmp, 'sheet')]);
		const sheets = fs.readdirSync(tmp).filter((f) => f.endsWith('.pgm')).sort();
		let leftmost = A4.width;
		sheets.forEach((f, i) => {
			const ink = inkColumns(path.join(tmp, f));
			if (!ink) {
				problems.push(`sheet ${i + 1} is blank`);
				return;
			}
			// One pixel of the render either way.
			const px = 25.4 / INK_DPI;
			if (ink.left < MARGIN - px || ink.right > A4.width - MARGIN + px)
				problems.push(`sheet ${i + 1} has ink from ${ink.left.toFixed(1)} to ${ink.right.toFixed(1)} mm, ` +
					`into the ${MARGIN} mm margin`);
			leftmost = Math.min(leftmost, ink.left);
		});
		// Left-aligned words, or the rule under the site's header, start
		// at the margin on some sheet; the glyphs' side bearings aside.
		if (sheets.length && leftmost > MARGIN + 1)
			problems.push(`the ink starts ${leftmost.toFixed(1)} mm from the left: the margin is not the ${MARGIN} mm of @page`);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	return problems;
}

// Tables of up to this many rows are meant to print on one sheet.
const WHOLE_ROWS = 25;

// Puts a mark in the first and the last row of each table of up to
// WHOLE_ROWS rows, and in a heading right before it: words out of the
// flow (position: absolute, at the place they would have), so that the
// layout stays the same and pdftotext finds on which sheet each landed.
async function markTables(page) {
	return page.evaluate((most) => {
		const marks = [];
		const mark = (el, text) => {
			const s = document.createElement('span');
			s.textContent = ` ${text} `;
			s.style.cssText = 'position: absolute; font: 2px monospace; color: #000; white-space: nowrap';
			el.appendChild(s);
		};
		document.querySelectorAll('main table').forEach((table, i) => {
			const rows = table.tBodies[0] ? Array.from(table.tBodies[0].rows).filter((r) => !r.hidden) : [];
			if (!rows.length || rows.length > most) return;
			const box = table.parentElement.matches('.table-scroll') ? table.parentElement : table;
			const what = { table: i + 1, rows: rows.length, marks: [`QT${i + 1}AQ`, `QT${i + 1}ZQ`] };
			mark(rows[0].cells[0], what.marks[0]);
			mark(rows[rows.length - 1].cells[0], what.marks[1]);
			const prev = box.previousElementSibling;
			if (prev && /^H[2-6]$/.test(prev.tagName)) {
				what.heading = prev.textContent.trim();
				what.marks.push(`QT${i + 1}HQ`);
				mark(prev, what.marks[2]);
			}
			marks.push(what);
		});
		return marks;
	}, WHOLE_ROWS);
}

// The words of each sheet of a PDF, by pdftotext.
function sheetTexts(pdfFile, sheets) {
	const texts = [];
	for (let i = 1; i <= sheets; i++)
		texts.push(execFileSync(PDFTOTEXT, ['-f', String(i), '-l', String(i), pdfFile, '-'],
			{ encoding: 'utf8' }));
	return texts;
}

// Problems of tables split across sheets, or cut from their heading: a
// second print of the page, with markTables(), read back.
async function checkWhole(context, url, outDir, sheets) {
	const file = path.join(outDir, '.marked.pdf');
	const problems = [];
	const page = await context.newPage();
	try {
		await page.goto(url);
		const tables = await markTables(page);
		const pdf = await page.pdf({ path: file, preferCSSPageSize: true, printBackground: false });
		if (countSheets(pdf) !== sheets)
			problems.push(`the marks of markTables() changed the number of sheets: ${countSheets(pdf)}, not ${sheets}`);
		const texts = sheetTexts(file, countSheets(pdf));
		for (const t of tables) {
			const where = t.marks.map((m) => texts.findIndex((text) => text.includes(m)) + 1);
			if (where.some((n) => n === 0))
				problems.push(`table ${t.table}: a mark was not printed (${where.join(', ')})`);
			else if (new Set(where).size > 1)
				problems.push(`table ${t.table} (${t.rows} rows${t.heading ? `, under "${t.heading}"` : ''}) ` +
					`is split: first row on sheet ${where[0]}, last on ${where[1]}` +
					(t.heading ? `, heading on ${where[2]}` : ''));
		}
	} finally {
		await page.close();
		fs.rmSync(file, { force: true });
	}
	return problems;
}

// Prints the page at url as its @page asks (A4), without background
// colours as a browser prints by default, to OUT_DIR/NAME.pdf; hide is a
// selector of elements left out. Returns the number of sheets.
async function printToPdf(context, url, pdfFile, hide) {
	const page = await context.newPage();
	try {
		await page.goto(url);
		if (hide) await page.addStyleTag({ content: `${hide} { display: none !important; }` });
		const pdf = await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: false });
		return { pdf, sheets: countSheets(pdf) };
	} finally {
		await page.close();
	}
}

// The number of sheets the page at url prints on, with what hide selects
// left out: to work out how many a page should take.
async function sheetsOf(context, url, outDir, hide) {
	const file = path.join(outDir, '.sheets.pdf');
	try {
		return (await printToPdf(context, url, file, hide)).sheets;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

// Prints the page at url to OUT_DIR/NAME.pdf and checks it (see the top
// of this file); sheets is how many it should take, or [least, most].
// Returns { sheets, problems, pdf: its file, pngs: the renders, texts:
// the words of each sheet }; the page printed as it should, with nothing
// cut off, when problems is empty.
async function checkPrint(context, url, { sheets, outDir, name }) {
	const problems = [];
	const page = await context.newPage();
	try {
		await page.goto(url);
		problems.push(...await printLayout(page));
	} finally {
		await page.close();
	}
	const pdfFile = path.join(outDir, `${name}.pdf`);
	const printed = await printToPdf(context, url, pdfFile);
	const [least, most] = Array.isArray(sheets) ? sheets : [sheets, sheets];
	if (printed.sheets < least || printed.sheets > most)
		problems.push(`printed on ${printed.sheets} sheets, wanted ${least === most ? least : `${least} to ${most}`}`);
	let texts = [];
	if (havePoppler()) {
		problems.push(...checkSheets(pdfFile, printed.pdf, outDir, name));
		problems.push(...await checkWhole(context, url, outDir, printed.sheets));
		texts = sheetTexts(pdfFile, printed.sheets);
	} else {
		problems.push(`${PDFTOPPM} or ${PDFTOTEXT} is missing: install poppler-utils (apt-get install poppler-utils)`);
	}
	const pngs = fs.readdirSync(outDir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
		.sort().map((f) => path.join(outDir, f));
	return { sheets: printed.sheets, problems, pdf: pdfFile, pngs, texts };
}

module.exports = { checkPrint, sheetsOf, printLayout, countSheets, contentWidth, contentHeight, MM };

if (require.main === module) {
	const { pathToFileURL } = require('url');
	const { chromium } = require('playwright-core');
	const [file, want, outDir, name] = process.argv.slice(2);
	if (!file || !/^\d+(-\d+)?$/.test(want || '') || !outDir) {
		console.error('usage: node print.js PAGE.html SHEETS|LEAST-MOST OUT_DIR [NAME]');
		process.exit(2);
	}
	(async () => {
		fs.mkdirSync(outDir, { recursive: true });
		const browser = await chromium.launch({
			executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
		});
		let r;
		try {
			const context = await browser.newContext({ locale: 'zh-CN' });
			r = await checkPrint(context, pathToFileURL(path.resolve(file)).href,
				{ sheets: want.includes('-') ? want.split('-').map(Number) : Number(want),
				  outDir, name: name || path.basename(file, '.html') });
		} finally {
			await browser.close();
		}
		console.log(`${r.problems.length ? 'not ok' : 'ok'} 1 - ${file} prints on ${want} A4 sheets, nothing cut off`);
		for (const p of r.problems) console.log(`# ${p}`);
		console.log(`# ${r.sheets} sheets: ${r.pdf}`);
		console.log('1..1');
		process.exitCode = r.problems.length ? 1 : 0;
	})().catch((err) => {
		console.log(`Bail out! ${err.message.split('\n')[0]}`);
		process.exitCode = 1;
	});
}
