#!/usr/bin/env node
// The benchmark's peer: what `care check` does, written the obvious way in
// Node with ajv (JSON Schema 2020-12), ajv-formats and js-yaml.  It loads the
// schemas from DIR/records/schema/*.yaml, validates programme.yaml and every
// record under children/, pairings/ and activities/, looks up every x-ref,
// checks that ids equal their file names and match the id pattern, and applies
// the cross-field rules of the record format (spec/records.md) that a JSON
// Schema cannot say, so that it does the same checks as care.
//
//   node ajv-check.js DIR [--schema-only] [--today YYYY-MM-DD] [--max-print N]
//
// --schema-only skips the cross-field rules (schema, ids and x-ref look-ups
// only).  Prints each problem as `path: error: message [rule]` (the first
// --max-print, default 50) and a summary line; exits 0 if there are none,
// 1 if there are, 2 on a usage, I/O or schema failure.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const yaml = require('js-yaml');

const KIND_DIRS = { child: 'children', pairing: 'pairings', activity: 'activities' };
const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
// Phone numbers (the schema's phone pattern) and 18-digit national ID numbers,
// not embedded in a longer run of digits.
const FREE_TEXT_RE = /(?<![0-9])(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}|[0-9]{17}[0-9Xx])(?![0-9])/;

function usage(msg) {
  if (msg) process.stderr.write(`ajv-check: ${msg}\n`);
  process.stderr.write('usage: node ajv-check.js DIR [--schema-only] [--today YYYY-MM-DD] [--max-print N]\n');
  process.exit(2);
}

function fail(msg) {
  process.stderr.write(`ajv-check: ${msg}\n`);
  process.exit(2);
}

function localToday() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function parseArgs(argv) {
  const a = { dir: null, rules: true, today: localToday(), maxPrint: 50 };
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    if (s === '--schema-only') a.rules = false;
    else if (s === '--today') a.today = argv[++i];
    else if (s === '--max-print') a.maxPrint = Number(argv[++i]);
    else if (s.startsWith('-')) usage(`unknown option '${s}'`);
    else if (a.dir === null) a.dir = s;
    else usage('too many arguments');
  }
  if (a.dir === null) usage();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.today || '')) usage('--today wants YYYY-MM-DD');
  if (!Number.isInteger(a.maxPrint) || a.maxPrint < 0) usage('--max-print wants a number');
  return a;
}

// Record files in one directory, sorted, as [id, relative path].
function listDir(root, rel) {
  let names;
  try {
    names = fs.readdirSync(path.join(root, rel));
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    fail(`cannot open '${path.join(root, rel)}': ${e.message}`);
  }
  return names.filter((n) => n.endsWith('.yaml')).sort()
    .map((n) => [n.slice(0, -5), `${rel}/${n}`]);
}

function loadYaml(file, text) {
  // CORE_SCHEMA (in js-yaml 4 the same as JSON_SCHEMA): null, bool, int and
  // float are resolved, but `2024-09-01` stays a string as care reads it;
  // the default schema would make it a Date and fail `type: string`.
  return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file });
}

// For the free-text rule: a tree mirroring a schema that says which strings
// are free text (a string with no enum, pattern, format or x-ref).
function freeTextShape(node, root) {
  if (!node || typeof node !== 'object') return null;
  if (node.$ref) {
    const m = /^#\/\$defs\/(.+)$/.exec(node.$ref);
    const target = m && root.$defs && root.$defs[m[1]];
    return freeTextShape(Object.assign({}, target, node, { $ref: undefined }), root);
  }
  if (node.type === 'string') {
    return (node.enum || node.pattern || node.format || node['x-ref']) ? null : true;
  }
  if (node.type === 'array') {
    const items = freeTextShape(node.items, root);
    return items ? { items } : null;
  }
  if (node.type === 'object') {
    const props = {};
    let any = false;
    for (const [k, v] of Object.entries(node.properties || {})) {
      const s = freeTextShape(v, root);
      if (s) { props[k] = s; any = true; }
    }
    const extra = freeTextShape(node.additionalProperties, root);
    return (any || extra) ? { props, extra } : null;
  }
  return null;
}

function scanFreeText(shape, data, where, report) {
  if (shape === true) {
    if (typeof data === 'string' && FREE_TEXT_RE.test(data)) {
      report(`${where || '/'} holds a phone or ID number [free-text]`);
    }
  } else if (shape.items) {
    if (Array.isArray(data)) data.forEach((v, i) => scanFreeText(shape.items, v, `${where}/${i}`, report));
  } else if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data)) {
      const s = shape.props[k] || shape.extra;
      if (s) scanFreeText(s, v, `${where}/${k}`, report);
    }
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const root = args.dir;
  const today = args.today;
  let errors = 0;
  let printed = 0;
  const report = (file, msg) => {
    errors++;
    if (printed < args.maxPrint) {
      printed++;
      process.stdout.write(`${file}: error: ${msg}\n`);
    }
  };

  // The ids of every kind, from the file names, before any record is read:
  // that is all an x-ref look-up needs.
  const files = {};
  const ids = {};
  for (const [kind, dir] of Object.entries(KIND_DIRS)) {
    files[kind] = listDir(root, `records/${dir}`);
    ids[kind] = new Set(files[kind].map(([id]) => id));
  }

  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv, ['date']);
  // The project's annotation keywords: they say things to editors and to the
  // site, never to validation.
  ajv.addKeyword({ keyword: 'x-labels', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'x-sensitive', schemaType: 'boolean' });
  ajv.addKeyword({ keyword: 'x-markdown', schemaType: 'boolean' });
  // x-ref names the kind of record a string refers to; validating it is the
  // id look-up.
  ajv.addKeyword({
    keyword: 'x-ref',
    schemaType: 'string',
    errors: true,
    validate: function xref(kind, data) {
      if (typeof data !== 'string') return true;       // `type` reports it
      if (ids[kind] && ids[kind].has(data)) return true;
      xref.errors = [{ keyword: 'x-ref', message: `no ${kind} '${data}' [x-ref]`, params: { kind } }];
      return false;
    },
  });

  const validators = {};
  const shapes = {};
  const schemaDir = path.join(root, 'records/schema');
  for (const kind of ['programme', ...Object.keys(KIND_DIRS)]) {
    const file = path.join(schemaDir, `${kind}.yaml`);
    let schema;
    try {
      schema = loadYaml(file, fs.readFileSync(file, 'utf8'));
      validators[kind] = ajv.compile(schema);
    } catch (e) {
      fail(`schema '${file}': ${e.message}`);
    }
    shapes[kind] = freeTextShape(schema, schema);
  }

  const describe = (e) => {
    if (e.keyword === 'x-ref') return `${e.instancePath}: ${e.message}`;
    const extra = e.keyword === 'additionalProperties' ? ` '${e.params.additionalProperty}'`
      : e.keyword === 'enum' ? `: ${e.params.allowedValues.join(', ')}` : '';
    return `${e.instancePath || '/'} ${e.message}${extra} [${e.keyword}]`;
  };

  let nfiles = 0;
  const check = (kind, file, id) => {
    nfiles++;
    let data;
    try {
      data = loadYaml(file, fs.readFileSync(path.join(root, file), 'utf8'));
    } catch (e) {
      const at = e.mark ? `:${e.mark.line + 1}:${e.mark.column + 1}` : '';
      report(file + at, `${e.reason || e.message} [yaml]`);
      return null;
    }
    if (id !== null && !ID_RE.test(id)) report(file, `id '${id}' is not lower-case letters, digits and '-' [id]`);
    const v = validators[kind];
    if (!v(data)) {
      for (const e of v.errors) report(file, describe(e));
    }
    if (!args.rules || !data || typeof data !== 'object' || Array.isArray(data)) return null;
    if (shapes[kind]) scanFreeText(shapes[kind], data, '', (m) => report(file, m));
    return data;
  };

  const isDate = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
  const notFuture = (file, where, s) => {
    if (isDate(s) && s > today) report(file, `${where} '${s}' is after today (${today}) [future-date]`);
  };

  const programme = check('programme', 'records/programme.yaml', null);
  const groups = new Set(Object.keys((programme && programme.interest_groups) || {}));

  for (const [id, file] of files.child) {
    const c = check('child', file, id);
    if (!c) continue;
    notFuture(file, '/birth_date', c.birth_date);
    notFuture(file, '/status_date', c.status_date);
    if (c.status && c.status !== 'enrolled' && c.status_date === undefined) {
      report(file, `/status_date is required when status is '${c.status}' [status-date]`);
    }
    if (Array.isArray(c.interests)) {
      c.interests.forEach((g, i) => {
        if (typeof g === 'string' && !groups.has(g)) report(file, `/interests/${i}: no interest group '${g}' in programme.yaml [interest]`);
      });
    }
  }

  for (const [id, file] of files.pairing) {
    const p = check('pairing', file, id);
    if (!p) continue;
    notFuture(file, '/start', p.start);
    notFuture(file, '/end', p.end);
    if (isDate(p.start) && isDate(p.end) && p.end < p.start) {
      report(file, `/end '${p.end}' is before /start '${p.start}' [date-order]`);
    }
    if (Array.isArray(p.reviews)) {
      let prev = null;
      p.reviews.forEach((r, i) => {
        const d = r && r.date;
        if (!isDate(d)) return;
        notFuture(file, `/reviews/${i}/date`, d);
        if (isDate(p.start) && d < p.start) report(file, `/reviews/${i}/date '${d}' is before /start [review-date]`);
        if (isDate(p.end) && d > p.end) report(file, `/reviews/${i}/date '${d}' is after /end [review-date]`);
        if (prev !== null && d < prev) report(file, `/reviews/${i}/date '${d}' is before the review above it [review-order]`);
        prev = d;
      });
    }
  }

  for (const [id, file] of files.activity) {
    const a = check('activity', file, id);
    if (!a) continue;
    notFuture(file, '/date', a.date);
    if (Array.isArray(a.participants)) {
      const seen = new Set();
      a.participants.forEach((p, i) => {
        if (seen.has(p)) report(file, `/participants/${i}: '${p}' is listed twice [duplicate]`);
        seen.add(p);
      });
    }
  }

  if (errors > printed) process.stdout.write(`... ${errors - printed} more not shown\n`);
  process.stdout.write(`ajv-check: ${nfiles} files, ${errors} errors${args.rules ? '' : ' (schema-only)'}\n`);
  process.exitCode = errors ? 1 : 0;
}

main();
