// The editor's row edits (add by spreading, remove, move up/down, replace) never touch the list they are given.
import { describe, expect, it } from 'vitest';
import { replaceAt, swap, without } from './lists.ts';

describe('list edits', () => {
  const list = Object.freeze(['a', 'b', 'c']);

  it('replaceAt replaces one item, and nothing for an index out of range', () => {
    expect(replaceAt(list, 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(replaceAt(list, 3, 'x')).toEqual(['a', 'b', 'c']);
    expect(replaceAt(list, -1, 'x')).toEqual(['a', 'b', 'c']);
  });

  it('without removes one item, down to an empty list', () => {
    expect(without(list, 0)).toEqual(['b', 'c']);
    expect(without(list, 2)).toEqual(['a', 'b']);
    expect(without(list, 5)).toEqual(['a', 'b', 'c']);
    expect(without(['only'], 0)).toEqual([]);
  });

  it('swap moves an item up or down', () => {
    expect(swap(list, 1, 0)).toEqual(['b', 'a', 'c']);
    expect(swap(list, 1, 2)).toEqual(['a', 'c', 'b']);
    expect(swap(list, 1, 1)).toEqual(['a', 'b', 'c']);
  });

  it('swap leaves the list as it was when either index is out of range', () => {
    expect(swap(list, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(swap(list, 2, 3)).toEqual(['a', 'b', 'c']);
    expect(swap([], 0, 1)).toEqual([]);
  });

  it('returns new lists', () => {
    expect(swap(list, 0, 1)).not.toBe(list);
    expect(swap(list, 0, 5)).not.toBe(list);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});
