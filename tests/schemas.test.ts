// schemas/ is generated from the zod source and committed: it must not drift.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas } from '../src/domain/json-schemas.js';
import { runKefuSync as runKefu } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');

describe('JSON Schemas', () => {
  it('schemas/ equals what the zod source generates (run `npm run schemas` after changing a schema)', () => {
    const generated = buildJsonSchemas();
    expect(readdirSync(join(ROOT, 'schemas')).sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect(readFileSync(join(ROOT, 'schemas', name), 'utf8'), name).toBe(text);
  });

  it('`kefu schema export DIR` writes exactly schemas/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-schemas-'));
    const r = runKefu(['schema', 'export', dir], { cwd: ROOT });
    expect(r.status).toBe(0);
    for (const name of readdirSync(join(ROOT, 'schemas'))) {
      expect(readFileSync(join(dir, name), 'utf8'), name).toBe(readFileSync(join(ROOT, 'schemas', name), 'utf8'));
    }
  });

  it('strict objects accept x- keys, and formats replace zod\'s long patterns', () => {
    const duty = JSON.parse(buildJsonSchemas().get('duty-day.schema.json')!) as Record<string, unknown>;
    expect(duty.additionalProperties).toBe(false);
    expect(duty.patternProperties).toEqual({ '^x-': {} });
    const text = JSON.stringify(duty);
    expect(text).toContain('"format":"date-time"');
    expect(text).not.toMatch(/"format":"date-time","pattern"/);
  });
});
