/** The `ISSUBSET` prefix index of the match index over the evaluator's CIDR parser (../evaluate/cidr.ts). */
import { v4Top, v6Top, type Cidr } from '../evaluate/cidr.ts';

/**
 * Blocks by prefix length: one hash map per length in use, keyed by the block's
 * leading bits. A query walks the lengths up to the observed prefix: at most 33
 * (IPv4) or 129 (IPv6) lookups, usually a handful.
 */
export class PrefixIndex<T> {
  private readonly byLength = new Map<number, Map<number | bigint, T[]>>();
  private lengths: number[] = [];
  size = 0;

  add(block: Cidr, item: T): void {
    let map = this.byLength.get(block.prefix);
    if (!map) {
      this.byLength.set(block.prefix, (map = new Map()));
      this.lengths = [...this.byLength.keys()].sort((a, b) => a - b);
    }
    const key = block.width === 32 ? v4Top(block.net as number, block.prefix) : v6Top(block.net as bigint, block.prefix);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
    this.size++;
  }

  /** Every item whose block contains `value` (an address or a block of the same family). */
  query(value: Cidr, visit: (item: T) => void): void {
    for (const length of this.lengths) {
      if (length > value.prefix) break;
      const key = value.width === 32 ? v4Top(value.net as number, length) : v6Top(value.net as bigint, length);
      const list = this.byLength.get(length)!.get(key);
      if (list) for (const item of list) visit(item);
    }
  }
}
