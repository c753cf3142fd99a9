import { describe, expect, it } from 'vitest';
import { checkInsertable, findPlaceholders } from './placeholders';

describe('placeholders', () => {
  it('lists every placeholder with its position', () => {
    const t = 'Take [[dose]] of [[medication]] daily.';
    expect(findPlaceholders(t)).toEqual([
      { label: 'dose', start: 5, end: 13 },
      { label: 'medication', start: 17, end: 31 },
    ]);
  });

  it('blocks insertion until each placeholder is filled or removed', () => {
    expect(checkInsertable('Take [[dose]] daily.')).toEqual({ ok: false, reason: 'placeholders', labels: ['dose'] });
    expect(checkInsertable('Take 10 mg daily.')).toEqual({ ok: true });
    expect(checkInsertable('   ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('counts a half-deleted placeholder as unfinished', () => {
    expect(checkInsertable('Take [[dose daily.')).toEqual({ ok: false, reason: 'placeholders', labels: ['unfinished placeholder'] });
    expect(checkInsertable('Take dose]] daily.')).toEqual({ ok: false, reason: 'placeholders', labels: ['unfinished placeholder'] });
  });
});
