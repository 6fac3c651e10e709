import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/document/memo.js';

describe('BoundedMemo', () => {
  it('makes each answer once, an undefined one too', () => {
    const memo = new BoundedMemo<string, string | undefined>(10);
    const made: string[] = [];
    const make = (k: string) => (made.push(k), k === 'none' ? undefined : k.toUpperCase());
    expect([memo.get('a', make), memo.get('a', make), memo.get('none', make), memo.get('none', make)]).toEqual(['A', 'A', undefined, undefined]);
    expect(made).toEqual(['a', 'none']);
  });

  it('holds at most its limit, forgetting all it held when full', () => {
    const memo = new BoundedMemo<number, number>(3);
    const made: number[] = [];
    const make = (k: number) => (made.push(k), k * 2);
    for (const k of [1, 2, 3, 4, 1, 4]) memo.get(k, make);
    // 4 found the memo full: 1-3 were forgotten, so 1 is made again; 4 was kept.
    expect(made).toEqual([1, 2, 3, 4, 1]);
  });
});
