#!/usr/bin/env node
// Do the JSON Schemas `care schema --json` exports accept and reject what
// `care check` accepts and rejects on its schema rules alone?  An independent
// validator answers: ajv (JSON Schema 2020-12, ajv-formats for `date`) over
// the records as js-yaml reads them with YAML 1.2's core schema, as an
// editor's YAML language server does.  tests/t0810-schema-json.sh runs it.
//
//   node schema-agree.js SCHEMA_DIR CASE_DIR...
//
// Each CASE_DIR holds records/ and check.json (the output of
// `care check --format json` there).  Each record file (programme.yaml and
// the .yaml files of the record folders; not folders or symlinks, which care
// refuses before reading) is schema-invalid to care when care reports one of
// SCHEMA_RULES for it, and to ajv when ajv finds an error.  Files with the
// same kind and bytes are compared once.  Prints one line per file that is
// skipped, excluded or in disagreement, then a summary; exits 1 on any
// disagreement (or when no file was valid, or none invalid, to both), 2 on
// a usage or I/O failure.
'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const yaml = require('js-yaml');

// The rules of tools/lib/schema/validate.c: a file with one of them is
// schema-invalid to care.
const SCHEMA_RULES = new Set([
  'type', 'empty', 'required', 'unknown-key', 'enum', 'const', 'date', 'pattern',
  'length', 'range', 'items', 'unique',
]);

// Files care does not judge by their schema, or not only: they are skipped,
// by rule, and counted.
const SKIP_RULES = new Map([
  // The raw-text scan (yaml/hazards.c): the file is not parsed at all.
  ...['encoding', 'control-char', 'conflict-marker', 'tab-indent', 'fullwidth-space',
    'fullwidth-punct', 'missing-space'].map((r) => [r, 'hazard']),
  // The YAML loader (yaml/tree.c) refuses the file: no schema check follows.
  ...['yaml-syntax', 'yaml-alias', 'yaml-anchor', 'yaml-tag', 'yaml-merge', 'yaml-complex-key',
    'yaml-multi-doc', 'yaml-depth', 'duplicate-key', 'empty-file', 'not-mapping',
    'file-too-large', 'io', 'internal'].map((r) => [r, 'yaml']),
  // A hidden character in a key or value: care reports it and judges that
  // value no further (design.md, "hidden-char"), so an enum or a pattern
  // that would refuse it is never asked; ajv has no such rule.  Excluded
  // by rule name, with the file.
  ['hidden-char', 'hidden-char'],
]);

// Where care's schema rules do what JSON Schema cannot say (design.md,
// "Decisions where the spec is silent"): care reads every scalar as the
// text the teacher wrote and lets the schema's type decide, so
//   - a plain `13812345678`, `2021` or `yes` is also a string to care,
//     where YAML 1.2 makes it a number or a boolean, which `type: string`
//     refuses; and
//   - a quoted number ("2021") is an integer to care, which JSON Schema's
//     `type: integer` refuses.
// A file care accepts and ajv refuses only with such `type` errors is
// excluded under this name, counted and listed, never silently.
const SCALAR_TEXT = 'type/scalar-text';

function isScalarTextTypeError(err, data) {
  if (err.keyword !== 'type') return false;
  const want = [].concat(err.params.type).join(',').split(',');
  const v = valueAt(data, err.instancePath);
  if ((typeof v === 'number' || typeof v === 'boolean') && want.includes('string')) return true;
  if (typeof v === 'string' && want.includes('integer') && /^[+-]?[0-9]+$/.test(v)) return true;
  if (typeof v === 'string' && want.includes('number') && v !== '' && !Number.isNaN(Number(v)) &&
      /^[0-9+\-.eE]+$/.test(v)) return true;
  return false;
}

function valueAt(data, pointer) {
  let v = data;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object') return undefined;
    v = v[k];
  }
  return v;
}

function fail(msg) {
  process.stderr.write(`schema-agree: ${msg}\n`);
  process.exit(2);
}

const KIND_DIRS = [['child', 'children'], ['pairing', 'pairings'], ['activity', 'activities']];

// [kind, path relative to the case] of each record file care would read.
function recordFiles(caseDir) {
  const out = [];
  const prog = path.join(caseDir, 'records', 'programme.yaml');
  if (fs.existsSync(prog) && fs.lstatSync(prog).isFile()) out.push(['programme', 'records/programme.yaml']);
  for (const [kind, dir] of KIND_DIRS) {
    let names = [];
    try {
      names = fs.readdirSync(path.join(caseDir, 'records', dir));
    } catch (e) {
      if (e.code !== 'ENOENT') fail(`cannot read ${caseDir}/records/${dir}: ${e.message}`);
    }
    for (const n of names.sort()) {
      const rel = `records/${dir}/${n}`;
      if (n.endsWith('.yaml') && fs.lstatSync(path.join(caseDir, rel)).isFile()) out.push([kind, rel]);
    }
  }
  return out;
}

function ajvErrors(validate, data) {
  validate(data);
  return validate.errors || [];
}

function describe(errors) {
  return errors.map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message}`).join('; ');
}

function main() {
  const [schemaDir, ...cases] = process.argv.slice(2);
  if (!schemaDir || !cases.length) fail('usage: node schema-agree.js SCHEMA_DIR CASE_DIR...');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = {};
  for (const kind of ['programme', ...KIND_DIRS.map((k) => k[0])]) {
    const file = path.join(schemaDir, `${kind}.json`);
    validators[kind] = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
  }

  const seen = new Map();
  const counts = { files: 0, distinct: 0, agreed: 0, valid: 0, invalid: 0 };
  const skipped = new Map();
  const excluded = new Map();
  const disagreements = [];
  const note = (map, why, where) => {
    if (!map.has(why)) map.set(why, []);
    map.get(why).push(where);
  };

  for (const caseDir of cases) {
    const name = path.basename(caseDir);
    let diags;
    try {
      diags = JSON.parse(fs.readFileSync(path.join(caseDir, 'check.json'), 'utf8'));
    } catch (e) {
      fail(`cannot read ${caseDir}/check.json: ${e.message}`);
    }
    const rules = new Map();
    for (const d of diags) {
      if (!rules.has(d.path)) rules.set(d.path, new Set());
      if (d.severity === 'error') rules.get(d.path).add(d.rule);
    }
    for (const [kind, rel] of recordFiles(caseDir)) {
      const bytes = fs.readFileSync(path.join(caseDir, rel));
      const careRules = rules.get(rel) || new Set();
      const where = `${name}/${rel}`;
      counts.files++;
      const key = `${kind} ${crypto.createHash('sha256').update(bytes).digest('hex')}`;
      const careInvalid = [...careRules].some((r) => SCHEMA_RULES.has(r));
      if (seen.has(key)) {
        if (seen.get(key) !== careInvalid) disagreements.push(`${where}: care judges the same bytes differently in another case`);
        continue;
      }
      seen.set(key, careInvalid);
      counts.distinct++;
      const skipRule = [...careRules].find((r) => SKIP_RULES.has(r));
      if (skipRule) {
        note(skipped, `${SKIP_RULES.get(skipRule)} [${skipRule}]`, where);
        continue;
      }
      let data;
      try {
        data = yaml.load(bytes.toString('utf8'), { schema: yaml.CORE_SCHEMA, filename: rel });
      } catch (e) {
        note(skipped, 'js-yaml cannot parse it', where);
        continue;
      }
      const errors = ajvErrors(validators[kind], data);
      const ajvInvalid = errors.length > 0;
      const careSaid = [...careRules].filter((r) => SCHEMA_RULES.has(r)).join(',') || 'valid';
      if (careInvalid === ajvInvalid) {
        counts.agreed++;
        counts[careInvalid ? 'invalid' : 'valid']++;
      } else if (!careInvalid && errors.every((e) => isScalarTextTypeError(e, data))) {
        note(excluded, SCALAR_TEXT, `${where} (ajv: ${describe(errors)})`);
      } else {
        disagreements.push(`${where}: care ${careSaid}; ajv ${ajvInvalid ? describe(errors) : 'valid'}`);
      }
    }
  }

  for (const [why, list] of skipped) for (const w of list) process.stdout.write(`skipped (${why}): ${w}\n`);
  for (const [why, list] of excluded) for (const w of list) process.stdout.write(`excluded (${why}): ${w}\n`);
  for (const d of disagreements) process.stdout.write(`DISAGREE: ${d}\n`);
  const nskipped = [...skipped.values()].reduce((a, l) => a + l.length, 0);
  const nexcluded = [...excluded.values()].reduce((a, l) => a + l.length, 0);
  process.stdout.write(`${counts.files} record files in ${cases.length} cases, ${counts.distinct} distinct: ` +
    `${counts.agreed} agree (${counts.valid} valid, ${counts.invalid} invalid), ` +
    `${nskipped} skipped (${[...skipped].map(([w, l]) => `${w}: ${l.length}`).join(', ') || 'none'}), ` +
    `${nexcluded} excluded (${[...excluded].map(([w, l]) => `${w}: ${l.length}`).join(', ') || 'none'}), ` +
    `${disagreements.length} disagree\n`);
  // Agreeing on nothing proves nothing: both verdicts must have been met.
  if (!counts.valid || !counts.invalid) {
    process.stdout.write('no file was compared both ways: is the fixture set or check.json empty?\n');
    process.exit(1);
  }
  process.exit(disagreements.length ? 1 : 0);
}

main();
