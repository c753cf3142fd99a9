// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pickAdapter, BUILT_IN_ADAPTERS } from './registry';
import { loadFixture } from '../../tests/fixtures/load';
import type { EhrAdapter } from './types';

/** Every fixture page and the one adapter that must claim it (null: all must leave it alone). */
const CASES: [fixture: string, url: string, adapter: string | null][] = [
  ['demo/inbox-open.html', 'http://127.0.0.1:5174/inbox', 'demo'],
  ['demo/empty-inbox.html', 'http://localhost:5174/inbox', 'demo'],
  ['demo/not-inbox.html', 'http://localhost:5174/schedule', null],
  ['medplum/inbox.html', 'http://127.0.0.1:5175/Communication', 'medplum'],
  ['medplum/thread-open.html', 'http://127.0.0.1:5175/Communication/thread-01', 'medplum'],
  ['medplum/not-inbox.html', 'http://127.0.0.1:5175/Patient', null],
  ['openemr/messages-list.html', 'https://emr.example-clinic.org/interface/main/messages/messages.php?showall=no', 'openemr-messages'],
  ['openemr/message-detail.html', 'https://emr.example-clinic.org/interface/main/messages/messages.php?task=edit&noteid=7', 'openemr-messages'],
  ['openemr/portal-mail-list.html', 'https://emr.example-clinic.org/portal/messaging/messages.php', 'openemr-portal-mail'],
  ['openemr/login.html', 'https://emr.example-clinic.org/interface/login/login.php', null],
  ['openemr/error-php.html', 'https://emr.example-clinic.org/interface/main/messages/messages.php', null],
  ['openemr/random-page.html', 'https://emr.example-clinic.org/interface/main/calendar/index.php', null],
];

describe('adapter registry', () => {
  it.each(CASES)('%s is claimed by %s only', (fixture, url, expected) => {
    const doc = loadFixture(fixture, url);
    expect(pickAdapter(new URL(url), doc)?.id ?? null).toBe(expected);
    // No other adapter claims the page too.
    const claimants = BUILT_IN_ADAPTERS.filter((a) => a.matches(new URL(url), doc)).map((a) => a.id);
    expect(claimants).toEqual(expected ? [expected] : []);
  });

  it('skips an adapter whose matcher throws', () => {
    const doc = loadFixture('demo/inbox-open.html', 'http://127.0.0.1:5174/inbox');
    const broken = { ...BUILT_IN_ADAPTERS[0]!, id: 'broken', matches: () => { throw new Error('boom'); } } as EhrAdapter;
    expect(pickAdapter(new URL('http://127.0.0.1:5174/inbox'), doc, [broken, ...BUILT_IN_ADAPTERS])?.id).toBe('demo');
  });
});
