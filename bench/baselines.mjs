#!/usr/bin/env node
// The floors kefu's commands are compared with (issue 7), each run as its own Node
// process so that, like a kefu command, it pays for one Node start:
//
//   node bench/baselines.mjs read DESK           readFileSync of every file kefu reads
//   node bench/baselines.mjs jsonl FILE          JSON.parse of the same records as JSON Lines
//   node bench/baselines.mjs read+jsonl DESK FILE   both: "reading + JSON.parse" of the targets
//   node bench/baselines.mjs js-yaml DESK DIR    reading + js-yaml 4 (core schema) parse; DIR holds node_modules/js-yaml
//   node bench/baselines.mjs yaml DESK           reading + the `yaml` package's parseDocument + toJS (kefu's exact parser)
//
// Prints one JSON line: { ms (inside the process), files, bytes, records }.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const started = performance.now();
const [mode, a, b] = process.argv.slice(2);

/** Every file kefu reads (src/store/desk-files.ts): kefu.yaml, staff.yaml, the record folders. */
function readDesk(root) {
  const out = [];
  for (const name of ['kefu.yaml', 'staff.yaml']) {
    try {
      out.push({ path: name, bytes: readFileSync(join(root, name)) });
    } catch {
      // a desk need not have both
    }
  }
  const walk = (rel) => {
    let names;
    try {
      names = readdirSync(join(root, rel));
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue;
      const path = `${rel}/${name}`;
      const stat = lstatSync(join(root, path));
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) out.push({ path, bytes: readFileSync(join(root, path)) });
    }
  };
  for (const folder of ['rosters', 'duty', 'complaints', 'workorders', 'callbacks']) walk(folder);
  return out;
}

function parseJsonl(file) {
  const text = readFileSync(file, 'utf8');
  let records = 0;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const line = end < 0 ? text.slice(start) : text.slice(start, end);
    if (line.length > 0) {
      JSON.parse(line);
      records++;
    }
    if (end < 0) break;
    start = end + 1;
  }
  return { records, bytes: text.length };
}

let result;
switch (mode) {
  case 'read': {
    const files = readDesk(a);
    result = { files: files.length, bytes: files.reduce((n, f) => n + f.bytes.length, 0) };
    break;
  }
  case 'jsonl': {
    const { records, bytes } = parseJsonl(a);
    result = { records, bytes };
    break;
  }
  case 'read+jsonl': {
    const files = readDesk(a);
    const { records } = parseJsonl(b);
    result = { files: files.length, bytes: files.reduce((n, f) => n + f.bytes.length, 0), records };
    break;
  }
  case 'js-yaml': {
    const jsyaml = createRequire(join(b, 'package.json'))('js-yaml');
    const files = readDesk(a);
    for (const f of files) jsyaml.load(f.bytes.toString('utf8'), { schema: jsyaml.CORE_SCHEMA });
    result = { files: files.length, bytes: files.reduce((n, f) => n + f.bytes.length, 0) };
    break;
  }
  case 'yaml': {
    const { parseDocument } = await import('yaml');
    const files = readDesk(a);
    const options = { version: '1.2', schema: 'core', merge: false, uniqueKeys: true, resolveKnownTags: false, customTags: [], strict: true, prettyErrors: true };
    for (const f of files) parseDocument(f.bytes.toString('utf8'), options).toJS({ maxAliasCount: 0 });
    result = { files: files.length, bytes: files.reduce((n, f) => n + f.bytes.length, 0) };
    break;
  }
  default:
    process.stderr.write('usage: node bench/baselines.mjs read|jsonl|read+jsonl|js-yaml|yaml …\n');
    process.exit(2);
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, ...result })}\n`);
