#!/usr/bin/env node
// End-to-end test of the rendered site in a real browser, as a teacher would
// use it: opened straight from disk (file:// URLs, since schools copy the
// site folder to a PC with no server), with Debian's chromium driven by
// playwright-core. Any console error, uncaught page error, failed request
// or request leaving the site fails the step it happened in. Each step
// saves a screenshot for a person to look at; the print steps leave the
// PDF and its sheets as PNG files (print.js) beside them.
//
// Usage: node site.test.js SITE_DIR SCREENSHOT_DIR SCHOOL_NAME FULL_SITE_DIR
// (FULL_SITE_DIR: the same records rendered with --profile full)
// Prints TAP (one line per step and the plan) and exits 0 only when every
// step passed.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');
const print = require('./print.js');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The network here is closed: without these switches chromium keeps
// trying to reach Google's services and logs every refused connection.
const CHROMIUM_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const PROFILE_LABEL = '教职工版（隐藏敏感信息）';
const NAV = ['首页', '花名册', '帮扶人', '活动记录'];
const CLASS_LABEL = '三年级2班';
const CLASS_PAGE = 'class-2024-2.html';
const PHONE = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 800 };
// Sub-pixel rounding may add a pixel to scrollWidth.
const OVERFLOW_TOLERANCE = 2;
// A whole run takes a few seconds; this only stops a hung browser from
// hanging make check.
const WATCHDOG_MS = 90 * 1000;

const [siteDir, shotDir, school, fullSiteDir] = process.argv.slice(2);
if (!siteDir || !shotDir || !school || !fullSiteDir) {
	console.error('usage: node site.test.js SITE_DIR SCREENSHOT_DIR SCHOOL_NAME FULL_SITE_DIR');
	process.exit(2);
}
const siteUrl = (page) => pathToFileURL(path.join(path.resolve(siteDir), page)).href;
const fullSiteUrl = (page) => pathToFileURL(path.join(path.resolve(fullSiteDir), page)).href;
// On a child's page of the full profile, the contact card: the last h2
// (print.css) and what follows it.
const CARD = '.profile-full.kind-child main > h2:last-of-type';

// Problems the browser reported; each step takes the ones raised during it.
let problems = [];
function watch(page) {
	page.on('console', (msg) => {
		if (msg.type() === 'error')
			problems.push(`console error on ${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
	page.on('requestfailed', (req) =>
		problems.push(`failed request ${req.url()}: ${req.failure() ? req.failure().errorText : '?'}`));
	page.on('request', (req) => {
		if (!/^(file|data|blob|about):/.test(req.url()))
			problems.push(`request outside the site: ${req.url()}`);
	});
	page.on('dialog', (dialog) => {
		problems.push(`unexpected dialog: ${dialog.message()}`);
		dialog.dismiss().catch(() => {});
	});
}

function assert(cond, message) {
	if (!cond) throw new Error(message);
}

function assertEqual(got, want, what) {
	if (JSON.stringify(got) !== JSON.stringify(want))
		throw new Error(`${what}: got ${JSON.stringify(got)}, wanted ${JSON.stringify(want)}`);
}

function comment(text) {
	for (const line of String(text).replace(/\x1b\[[0-9;]*m/g, '').split('\n')) console.log(`# ${line}`);
}

// A known fault of the templates that this test has found and reported,
// but which is not this test's to fix. Its check still runs: the step
// prints `not ok ... # TODO`, which prove does not count as a failure, and
// prove lists it as "TODO passed" once the templates are fixed; then delete
// the entry. Browser errors in that step still fail it outright.
const KNOWN_ISSUES = {
};
class KnownIssue extends Error {}

const steps = [];
function step(name, shot, fn) {
	steps.push({ name, shot, fn });
}

// The texts of the visible rows of the first table of main (the roster of
// enrolled children; the second lists children who left).
async function visibleRows(page) {
	return page.$eval('main table', (table) =>
		Array.from(table.tBodies[0].rows).filter((r) => !r.hidden && r.offsetParent !== null).map((r) =>
			Array.from(r.cells, (c) => c.textContent.trim())));
}

async function headerMarks(page) {
	return page.$eval('main table', (table) => Array.from(table.tHead.rows[0].cells, (th) => ({
		text: th.textContent.trim(),
		cls: th.className,
		mark: getComputedStyle(th, '::after').content,
	})));
}

let page;

step('home page: title names the school, nav and staff profile badge are there', '01-home', async () => {
	await page.goto(siteUrl('index.html'));
	const title = await page.title();
	assert(title.includes(school), `title ${JSON.stringify(title)} does not contain ${school}`);
	assertEqual(await page.getAttribute('html', 'lang'), 'zh-CN', 'html lang');
	const nav = page.locator('header.site nav a');
	assertEqual(await nav.allTextContents(), NAV, 'nav links');
	assert(await page.locator('header.site nav').isVisible(), 'the nav is not visible');
	const badge = page.locator('p.profile');
	assertEqual(await badge.count(), 1, 'number of profile badges');
	assert(await badge.isVisible(), 'the profile badge is not visible');
	assertEqual((await badge.textContent()).trim(), PROFILE_LABEL, 'profile badge');
	comment(`fonts used for the h1: ${await platformFonts(page, 'main h1')}`);
});

step('roster from the nav: table of at least 30 children, filter box added by roster.js', '02-roster', async () => {
	await Promise.all([
		page.waitForURL(/\/roster\.html$/),
		page.locator('header.site nav a', { hasText: /^花名册$/ }).click(),
	]);
	assertEqual((await page.locator('main h1').textContent()).trim(), '花名册', 'roster h1');
	const table = page.locator('main table').first();
	assert(await table.isVisible(), 'the roster table is not visible');
	const rows = await visibleRows(page);
	assert(rows.length >= 30, `the roster shows ${rows.length} rows, wanted at least 30`);
	const tools = await page.$$eval('main table', (tables) => tables.map((t) => {
		const box = t.parentElement.matches('div.table-scroll') ? t.parentElement : t;
		const prev = box.previousElementSibling;
		return !!(prev && prev.matches('div.roster-tools') && prev.querySelector('input[type="search"]'));
	}));
	// The roster (the first table) gets the tools; the children who left, below it, do not.
	assert(tools.length > 0 && tools[0] && !tools.slice(1).some(Boolean),
		`the roster, and only it, should follow a div.roster-tools with a search box: ${JSON.stringify(tools)}`);
	assert(await page.locator('div.roster-tools input[type="search"]').first().isVisible(),
		'the filter box is not visible');
});

step(`filter ${CLASS_LABEL}: only that class is shown, as many rows as ${CLASS_PAGE} has`, '03-roster-filtered', async () => {
	await page.locator('div.roster-tools input[type="search"]').first().fill(CLASS_LABEL);
	const rows = await visibleRows(page);
	const strays = rows.filter((cells) => !cells.join(' ').includes(CLASS_LABEL));
	assert(strays.length === 0, `rows without ${CLASS_LABEL}: ${JSON.stringify(strays)}`);
	const classPage = await page.context().newPage();
	let classRows;
	try {
		await classPage.goto(siteUrl(CLASS_PAGE));
		assertEqual((await classPage.locator('main h1').textContent()).trim(), CLASS_LABEL, `${CLASS_PAGE} h1`);
		classRows = await classPage.locator('main table').first().locator('tbody tr').count();
	} finally {
		await classPage.close();
	}
	assert(classRows > 0, `${CLASS_PAGE} has no rows`);
	assertEqual(rows.length, classRows, `visible roster rows vs rows of ${CLASS_PAGE}`);
	const count = (await page.locator('div.roster-tools .count').first().textContent()).trim();
	assert(count.startsWith(`显示 ${classRows} / `), `the row count says ${JSON.stringify(count)}`);
});

step('sort by 姓名: marks appear, ascending then descending order', '04-roster-sorted', async () => {
	const name = page.locator('main table').first().locator('thead th', { hasText: /^姓名$/ });
	const before = (await headerMarks(page)).filter((h) => h.text !== '姓名');
	assert(before.every((h) => h.cls.includes('sortable') && h.mark.includes('⇅')),
		`headers should be marked sortable (⇅): ${JSON.stringify(before)}`);
	await name.click();
	const asc = (await visibleRows(page)).map((cells) => cells[0]);
	let head = (await headerMarks(page)).find((h) => h.text === '姓名');
	assert(head.cls.includes('sorted-asc') && head.mark.includes('↑'),
		`姓名 after one click: ${JSON.stringify(head)}`);
	const sorted = await page.evaluate((names) => {
		const c = new Intl.Collator('zh-CN-u-co-pinyin', { numeric: true });
		return names.slice().sort(c.compare);
	}, asc);
	assertEqual(asc, sorted, 'names after sorting ascending');
	await name.click();
	const desc = (await visibleRows(page)).map((cells) => cells[0]);
	head = (await headerMarks(page)).find((h) => h.text === '姓名');
	assert(head.cls.includes('sorted-desc') && head.mark.includes('↓'),
		`姓名 after two clicks: ${JSON.stringify(head)}`);
	assertEqual(desc, asc.slice().reverse(), 'names after sorting descending');
	assert(asc.length < 2 || asc[0] !== desc[0], 'the order did not change');
});

step('first child of the filtered table: child page with 档案, 结对帮扶, 参加的活动 and no 联系卡', '05-child', async () => {
	const link = page.locator('main table').first()
		.locator('tbody tr:not([hidden])').first().locator('td').first().locator('a');
	const nameClicked = (await link.textContent()).trim();
	await Promise.all([page.waitForURL(/\/child-[a-z0-9-]+\.html$/), link.click()]);
	assertEqual((await page.locator('main h1').textContent()).trim(), nameClicked, 'child page h1');
	const h2 = (await page.locator('main h2').allTextContents()).map((t) => t.trim());
	for (const want of ['档案', '结对帮扶', '参加的活动'])
		assert(h2.includes(want), `no ${want} section: ${JSON.stringify(h2)}`);
	assert(!h2.some((t) => t.includes('联系卡')), `a 联系卡 section under the staff profile: ${JSON.stringify(h2)}`);
	assert(!(await page.content()).includes('联系卡'), 'the page mentions 联系卡 under the staff profile');
	assertEqual((await page.locator('p.profile').textContent()).trim(), PROFILE_LABEL, 'profile badge');
	comment(`clicked ${nameClicked}: ${page.url().replace(/^.*\//, '')}`);
});

step(`roster at phone width (${PHONE.width}x${PHONE.height}): no horizontal overflow of the page`, '06-roster-phone', async () => {
	await page.setViewportSize(PHONE);
	await page.goto(siteUrl('roster.html'));
	await page.locator('div.roster-tools input[type="search"]').first().waitFor();
	const m = await page.evaluate((limit) => {
		const doc = document.documentElement;
		function scroller(el) {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				const o = getComputedStyle(p).overflowX;
				if (o === 'auto' || o === 'scroll') return p;
			}
			return null;
		}
		const tables = Array.from(document.querySelectorAll('main table'), (t) => {
			const s = scroller(t);
			return { width: Math.round(t.getBoundingClientRect().width), scroller: !!s,
				fits: !!s && s.getBoundingClientRect().right <= limit };
		});
		// The outermost elements that stick out on the right, to say what to fix.
		const out = [];
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.right > limit && !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit))
				out.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} (right edge ${Math.round(r.right)}px)`);
		}
		return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, tables, out: out.slice(0, 5) };
	}, PHONE.width + OVERFLOW_TOLERANCE);
	comment(`phone width: scrollWidth ${m.scrollWidth}, clientWidth ${m.clientWidth}, tables ${JSON.stringify(m.tables)}`);
	const fits = m.scrollWidth <= PHONE.width + OVERFLOW_TOLERANCE;
	const scrolls = m.tables.length > 0 && m.tables.every((t) => t.fits);
	const check = KNOWN_ISSUES['06-roster-phone'] ? (c, msg) => { if (!c) throw new KnownIssue(msg); } : assert;
	check(fits || scrolls,
		`the page is ${m.scrollWidth}px wide at ${PHONE.width}px and the tables are not in a scrolling container; ` +
		`sticking out: ${m.out.join(', ')}`);
});

step('sort by keyboard: headers are buttons, Enter and Space sort, aria-sort says how; the count is a live region', '07-roster-keyboard', async () => {
	await page.setViewportSize(DESKTOP);
	await page.goto(siteUrl('roster.html'));
	const table = page.locator('main table').first();
	await page.locator('div.roster-tools input[type="search"]').first().waitFor();
	const heads = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => ({
		text: th.textContent.trim(),
		sort: th.getAttribute('aria-sort'),
		button: th.querySelectorAll('button[type="button"]').length,
	})));
	assert(heads.length > 0 && heads.every((h) => h.button === 1 && h.sort === 'none'),
		`every header should hold one button and aria-sort="none": ${JSON.stringify(heads)}`);
	const live = await page.locator('div.roster-tools .count').first().getAttribute('aria-live');
	assertEqual(live, 'polite', 'aria-live of the row count');
	// From the filter box, Tab goes on to the first header's button.
	await page.locator('div.roster-tools input[type="search"]').first().focus();
	await page.keyboard.press('Tab');
	const focused = await page.evaluate(() => {
		const el = document.activeElement;
		return el && el.tagName === 'BUTTON' && el.closest('th') ? el.closest('th').textContent.trim() : null;
	});
	assertEqual(focused, heads[0].text, 'the header button Tab goes to after the filter box');
	const sorts = () => table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('aria-sort')));
	await page.keyboard.press('Enter');
	let now = await sorts();
	assertEqual(now, heads.map((h, i) => (i === 0 ? 'ascending' : 'none')), 'aria-sort after Enter');
	const asc = (await visibleRows(page)).map((cells) => cells[0]);
	await page.keyboard.press('Space');
	now = await sorts();
	assertEqual(now, heads.map((h, i) => (i === 0 ? 'descending' : 'none')), 'aria-sort after Space');
	const desc = (await visibleRows(page)).map((cells) => cells[0]);
	assertEqual(desc, asc.slice().reverse(), 'rows after Enter, then Space');
	// Another column by keyboard: the first one is "none" again.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	now = await sorts();
	assertEqual(now, heads.map((h, i) => (i === 1 ? 'ascending' : 'none')), 'aria-sort after sorting the second column');
	await page.locator('div.roster-tools input[type="search"]').first().fill('没有这个名字');
	assertEqual((await page.locator('div.roster-tools .count').first().textContent()).trim(),
		`显示 0 / ${asc.length} 行`, 'the live row count after a filter that matches nothing');
});

step('without JavaScript the roster is the plain table: every row, no buttons, no filter box', '08-roster-no-js', async () => {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
		await page.goto(siteUrl('roster.html'));
		const m = await page.evaluate(() => {
			const table = document.querySelector('main table');
			return {
				rows: table.tBodies[0].rows.length,
				shown: Array.from(table.tBodies[0].rows).filter((r) => r.offsetParent !== null).length,
				buttons: document.querySelectorAll('main th button').length,
				sorts: document.querySelectorAll('main th[aria-sort]').length,
				tools: document.querySelectorAll('.roster-tools').length,
			};
		});
		assert(m.rows >= 30 && m.shown === m.rows, `rows shown without JavaScript: ${JSON.stringify(m)}`);
		assertEqual([m.buttons, m.sorts, m.tools], [0, 0, 0], 'buttons, aria-sort and filter boxes without JavaScript');
	} finally {
		await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
		await cdp.detach();
	}
});

// The print steps leave the page in print media at the width of the
// sheet, so that their screenshot shows it as chromium lays it out to
// print.
async function showPrinted(url) {
	await page.goto(url);
	await print.printLayout(page);
}

function printProblems(r, name) {
	comment(`${name}: ${r.sheets} sheet(s) in ${r.pdf}; rendered in grey: ${r.pngs.map((f) => path.basename(f)).join(', ')}`);
	assert(r.problems.length === 0, r.problems.join('\n'));
}

step('print the roster on A4: as many sheets as its height needs, nothing cut off, header on every sheet', '09-print-roster', async () => {
	const url = siteUrl('roster.html');
	await showPrinted(url);
	// What the page needs laid out for print, in sheets; one more when a
	// table or heading kept whole moves on to the next sheet.
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	const least = Math.ceil(height / print.contentHeight());
	const r = await print.checkPrint(page.context(), url, { sheets: [least, least + 1], outDir: shotDir, name: '09-print-roster' });
	printProblems(r, 'roster');
	// The roster runs on over sheets: each sheet with its rows repeats
	// its header (words and all).
	const names = (await visibleRows(page)).map((cells) => cells[0].replace(/\s*（待核实）$/, ''));
	const heads = await page.locator('main table').first().locator('thead th')
		.evaluateAll((ths) => ths.map((th) => th.textContent.trim()));
	r.texts.forEach((text, i) => {
		if (names.some((n) => text.includes(n)))
			assert(heads.every((h) => text.includes(h)),
				`sheet ${i + 1} has roster rows but not the header ${JSON.stringify(heads)}`);
	});
});

step('print a child\'s page of the full profile on A4: the contact card alone on the last sheet, at 13pt', '10-print-child', async () => {
	const child = fs.readdirSync(fullSiteDir).filter((f) => /^child-.*\.html$/.test(f)).sort()[0];
	assert(child, `no child page in ${fullSiteDir}`);
	const url = fullSiteUrl(child);
	await showPrinted(url);
	const card = await page.evaluate((sel) => {
		const h2 = document.querySelector(sel);
		const table = h2 && h2.nextElementSibling && h2.nextElementSibling.querySelector('table');
		return h2 && table && {
			heading: h2.textContent.trim(),
			fontSize: getComputedStyle(table.querySelector('td')).fontSize,
			height: table.getBoundingClientRect().bottom - h2.getBoundingClientRect().top,
			phones: table.textContent.match(/\d{11}/g) || [],
		};
	}, CARD);
	assert(card && card.heading === '联系卡', `the last section of ${child} is not the contact card: ${JSON.stringify(card)}`);
	assert(Math.abs(parseFloat(card.fontSize) - 13 * 96 / 72) < 0.01,
		`the contact card prints at ${card.fontSize}, not 13pt (17.33px)`);
	assert(card.phones.length > 0, 'no phone number on the contact card');
	assert(card.height < print.contentHeight(), `the contact card is ${card.height}px high, more than a sheet`);
	// The rest of the page, printed alone, and one sheet for the card.
	const rest = await print.sheetsOf(page.context(), url, shotDir, `${CARD}, ${CARD} ~ *`);
	const r = await print.checkPrint(page.context(), url, { sheets: rest + 1, outDir: shotDir, name: '10-print-child' });
	printProblems(r, child);
	const last = r.texts[r.texts.length - 1].trim();
	assert(last.startsWith('联系卡'), `the last sheet does not start with the contact card: ${JSON.stringify(last.slice(0, 40))}`);
	assert(card.phones.every((p) => last.includes(p)) &&
		r.texts.slice(0, -1).every((t) => card.phones.every((p) => !t.includes(p))),
		`the phone numbers of the contact card (${card.phones.join(', ')}) are not all on the last sheet, and only there`);
	comment(`${child}: ${rest} sheet(s) before the contact card, ${r.sheets} in all`);
});

// The fonts chromium really drew a node's text with (CSS.getPlatformFontsForNode),
// to tell from the log whether Chinese could render as boxes.
async function platformFonts(p, selector) {
	try {
		const cdp = await p.context().newCDPSession(p);
		await cdp.send('DOM.enable');
		await cdp.send('CSS.enable');
		const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
		const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
		const node = await cdp.send('DOM.describeNode', { nodeId, depth: 1 });
		const text = node.node.children && node.node.children.find((c) => c.nodeType === 3);
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode',
			{ nodeId: text && text.nodeId ? text.nodeId : nodeId });
		await cdp.detach();
		return fonts.map((f) => `${f.familyName} (${f.glyphCount} glyphs)`).join(', ') || 'none';
	} catch (err) {
		return `unknown (${err.message.split('\n')[0]})`;
	}
}

async function main() {
	fs.mkdirSync(shotDir, { recursive: true });
	for (const f of fs.readdirSync(shotDir))
		if (/^\d\d-.*\.(png|pdf)$/.test(f)) fs.unlinkSync(path.join(shotDir, f));
	assert(fs.existsSync(path.join(siteDir, 'index.html')), `no index.html in ${siteDir}`);

	console.log(`1..${steps.length}`);
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'care-chromium-'));
	let context;
	let failed = 0;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: DESKTOP,
			locale: 'zh-CN',
			timezoneId: 'Asia/Shanghai',
			timeout: 30000,
		});
		context.setDefaultTimeout(10000);
		context.on('page', watch);
		// Nothing on the site may come from the network; refuse it outright
		// instead of waiting for a closed network.
		await context.route(/^(https?|wss?|ftp):/, (route) => route.abort('blockedbyclient'));
		// A persistent context opens with one page, before watch() was set.
		page = context.pages()[0];
		if (page) watch(page);
		else page = await context.newPage();

		for (const [i, s] of steps.entries()) {
			problems = [];
			let error = null;
			try {
				await s.fn();
			} catch (err) {
				error = err;
			}
			try {
				await page.screenshot({ path: path.join(shotDir, `${s.shot}.png`), fullPage: true });
			} catch (err) {
				if (!error || error instanceof KnownIssue) error = err;
			}
			const seen = problems;
			if (seen.length && (!error || error instanceof KnownIssue))
				error = new Error(`the browser reported ${seen.length} problem(s)` +
					(error ? `; also: ${error.message}` : ''));
			const todo = KNOWN_ISSUES[s.shot] ? ` # TODO ${KNOWN_ISSUES[s.shot]}` : '';
			if (error instanceof KnownIssue) {
				console.log(`not ok ${i + 1} - ${s.name}${todo}`);
				comment(error.message);
				comment(`screenshot: ${path.join(shotDir, s.shot + '.png')}`);
			} else if (error) {
				failed++;
				console.log(`not ok ${i + 1} - ${s.name}`);
				comment(error.message.split('\n').slice(0, 8).join('\n'));
				for (const p of seen) comment(p);
				comment(`screenshot: ${path.join(shotDir, s.shot + '.png')}`);
			} else {
				console.log(`ok ${i + 1} - ${s.name}${todo}`);
			}
		}
	} catch (err) {
		// The browser did not start: say so once and fail every step.
		comment(`cannot run the browser ${CHROMIUM}: ${err.message.split('\n').slice(0, 12).join('\n')}`);
		for (let i = 0; i < steps.length; i++)
			console.log(`not ok ${i + 1} - ${steps[i].name}`);
		failed = steps.length;
	} finally {
		if (context) await context.close().catch(() => {});
		fs.rmSync(profile, { recursive: true, force: true });
	}
	return failed;
}

const watchdog = setTimeout(() => {
	console.log(`Bail out! the browser test did not finish in ${WATCHDOG_MS / 1000} s`);
	process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

main().then((failed) => {
	process.exitCode = failed ? 1 : 0;
}, (err) => {
	console.log(`Bail out! ${err.message}`);
	process.exitCode = 1;
});
