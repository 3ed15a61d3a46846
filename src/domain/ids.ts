// Record ids PREFIX-YYYYMMDD-XXXX with four random Crockford base32 characters,
// so that two machines creating records at once do not collide (SPEC §2 IDs).

export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new id not in `taken`; `random(n)` returns an integer in [0, n) (injected: the core has no entropy of its own). */
export function newId(prefix: string, date: string, taken: (id: string) => boolean, random: (n: number) => number): string {
  for (;;) {
    let tail = '';
    for (let i = 0; i < 4; i++) tail += CROCKFORD[random(CROCKFORD.length)];
    const id = `${prefix}-${date.replaceAll('-', '')}-${tail}`;
    if (!taken(id)) return id;
  }
}

export type PrefixMatch = { kind: 'one'; id: string } | { kind: 'none' } | { kind: 'many'; ids: string[] };

/** Commands accept any unique prefix of an id, like git does for short hashes (SPEC §2), case-insensitively. */
export function resolvePrefix(prefix: string, ids: Iterable<string>): PrefixMatch {
  const p = prefix.toUpperCase();
  const hits = [...new Set([...ids].filter((id) => id.startsWith(p)))];
  const exact = hits.find((id) => id === p);
  if (exact) return { kind: 'one', id: exact };
  if (hits.length === 1) return { kind: 'one', id: hits[0]! };
  return hits.length === 0 ? { kind: 'none' } : { kind: 'many', ids: hits.sort() };
}
