import { createHash, randomUUID } from 'node:crypto';

/**
 * A GUID derived from names, so project, pool-scope and identity ids stay the same across runs
 * and tests can rely on them.
 */
export function stableGuid(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000').toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const newGuid = randomUUID;

/** Next free integer id: ids given by a scenario are kept, the others follow the highest one. */
export class IdSequence {
  private next: number;

  constructor(start: number) {
    this.next = start;
  }

  reserve(id: number): void {
    if (id >= this.next) this.next = id + 1;
  }

  take(): number {
    return this.next++;
  }
}
