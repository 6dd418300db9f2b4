/**
 * The compact key that id lookups go through: a 48-bit hash of a STIX id
 * (cyrb53's mixing, cut to 48 bits). Indexed instead of the id text, the hot
 * index is a sixth of the size (6-byte integers instead of ~45-byte ids), so at
 * a million objects it still fits the page cache although new ids (random
 * UUIDs) land on random pages of it. Different ids may share a hash: every
 * query compares the id itself too. 48 bits fit SQLite's 6-byte integer and a
 * JSON number, so hashes can be bound in `json_each` lists.
 */
export function idHash(id: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 & 0xffff) * 0x1_0000_0000 + (h1 >>> 0);
}
