import { describe, expect, it } from 'vitest';
import {
  CONTENT_SCRIPT_FILE,
  isHostCovered,
  missingOrigins,
  originsForPattern,
  planScriptSync,
  scriptIdFor,
  siteAccess,
  type ScriptRegistration,
} from './host-access';

const STATIC = ['http://localhost/*', 'http://127.0.0.1/*'];
const ACME = {
  id: 'acmecare-inbox',
  urlPatterns: ['https://ehr.acmehealth.example/ehr/inbox/*', 'https://*.acmehealth-test.example:8443/ehr/inbox/*'],
};
const reg = (id: string, matches: string[]): ScriptRegistration => ({
  id,
  matches,
  js: [CONTENT_SCRIPT_FILE],
  runAt: 'document_idle',
  allFrames: false,
  persistAcrossSessions: true,
});

describe('host coverage (paths ignored, Chrome match-pattern rules)', () => {
  it.each([
    [['http://127.0.0.1/*'], 'http://127.0.0.1/ehr/inbox/*', true],
    [['http://127.0.0.1/*'], 'http://127.0.0.1:8080/ehr/inbox/*', true],
    [['http://127.0.0.1/*'], 'https://127.0.0.1/ehr/inbox/*', false],
    [['http://127.0.0.1:8080/*'], 'http://127.0.0.1/ehr/*', false],
    [['https://x.org:8443/*'], 'https://x.org:8443/inbox', true],
    [['https://*.acmehealth-test.example/*'], 'https://a.acmehealth-test.example:8443/ehr/*', true],
    [['https://*.acmehealth-test.example/*'], 'https://*.acmehealth-test.example:8443/ehr/*', true],
    [['https://ehr.acmehealth.example/*'], 'https://*.acmehealth.example/*', false],
    [['https://*/*'], 'https://ehr.acmehealth.example/ehr/inbox/*', true],
    [['https://*/*'], '*://ehr.acmehealth.example/*', false],
    [['https://*/*', 'http://*/*'], '*://ehr.acmehealth.example/*', true],
    [['<all_urls>'], 'https://ehr.acmehealth.example/x', true],
    [['https://ehr.acmehealth.example/*'], 'not a pattern', false],
  ] as const)('%j covers %s: %s', (granted, pattern, expected) => {
    expect(isHostCovered(granted, pattern)).toBe(expected);
  });

  it('gives the origin to request for each pattern, one per scheme', () => {
    expect(originsForPattern('https://ehr.acmehealth.example/ehr/inbox/*')).toEqual(['https://ehr.acmehealth.example/*']);
    expect(originsForPattern('https://*.acmehealth-test.example:8443/ehr/inbox/*')).toEqual(['https://*.acmehealth-test.example:8443/*']);
    expect(originsForPattern('*://ehr.example.org/inbox?x=*')).toEqual(['http://ehr.example.org/*', 'https://ehr.example.org/*']);
    expect(originsForPattern('ftp//broken')).toEqual([]);
  });

  it('lists only the origins neither the manifest nor the user has granted, once each', () => {
    expect(missingOrigins(ACME.urlPatterns, STATIC, [])).toEqual(['https://ehr.acmehealth.example/*', 'https://*.acmehealth-test.example:8443/*']);
    expect(missingOrigins(ACME.urlPatterns, STATIC, ['https://ehr.acmehealth.example/*'])).toEqual(['https://*.acmehealth-test.example:8443/*']);
    expect(missingOrigins(['http://127.0.0.1/ehr/inbox/*', 'http://127.0.0.1/other/*'], STATIC, [])).toEqual([]);
    expect(missingOrigins(['*://ehr.x.org/a/*', '*://ehr.x.org/b/*'], STATIC, ['https://ehr.x.org/*'])).toEqual(['http://ehr.x.org/*']);
  });

  it('sorts a config’s patterns into built in, allowed and waiting', () => {
    expect(siteAccess(['http://127.0.0.1/ehr/*', ...ACME.urlPatterns], STATIC, ['https://ehr.acmehealth.example/*'])).toEqual({
      builtIn: ['http://127.0.0.1/ehr/*'],
      allowed: ['https://ehr.acmehealth.example/ehr/inbox/*'],
      missing: ['https://*.acmehealth-test.example:8443/*'],
    });
  });
});

describe('planScriptSync', () => {
  it('registers nothing before the user allows a site, and says what is waiting', () => {
    expect(planScriptSync({ configs: [ACME], staticMatches: STATIC, granted: STATIC, registered: [] })).toEqual({
      register: [],
      update: [],
      unregister: [],
      waitingForPermission: [{ adapterId: 'acmecare-inbox', origins: ['https://ehr.acmehealth.example/*', 'https://*.acmehealth-test.example:8443/*'] }],
    });
  });

  it('registers the content script for the allowed patterns, with an id from the adapter id', () => {
    const plan = planScriptSync({ configs: [ACME], staticMatches: STATIC, granted: [...STATIC, 'https://ehr.acmehealth.example/*'], registered: [] });
    expect(plan).toEqual({
      register: [reg('configured-inbox-acmecare-inbox', ['https://ehr.acmehealth.example/ehr/inbox/*'])],
      update: [],
      unregister: [],
      waitingForPermission: [{ adapterId: 'acmecare-inbox', origins: ['https://*.acmehealth-test.example:8443/*'] }],
    });
    expect(scriptIdFor('acmecare-inbox')).toBe('configured-inbox-acmecare-inbox');
  });

  it('updates a registration when more patterns become allowed, and leaves an up-to-date one alone', () => {
    const granted = ['https://ehr.acmehealth.example/*', 'https://*.acmehealth-test.example:8443/*'];
    const stale = { id: 'configured-inbox-acmecare-inbox', matches: ['https://ehr.acmehealth.example/ehr/inbox/*'], js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle' };
    expect(planScriptSync({ configs: [ACME], staticMatches: STATIC, granted, registered: [stale] })).toEqual({
      register: [],
      update: [reg('configured-inbox-acmecare-inbox', ACME.urlPatterns)],
      unregister: [],
      waitingForPermission: [],
    });
    const current = { ...stale, matches: [...ACME.urlPatterns].reverse(), allFrames: false, persistAcrossSessions: true };
    expect(planScriptSync({ configs: [ACME], staticMatches: STATIC, granted, registered: [current] })).toEqual({
      register: [],
      update: [],
      unregister: [],
      waitingForPermission: [],
    });
  });

  it('unregisters when the config is deleted, never touching registrations that are not ours', () => {
    const registered = [{ id: 'configured-inbox-acmecare-inbox', matches: ['https://ehr.acmehealth.example/ehr/inbox/*'] }, { id: 'someone-else', matches: ['https://a.b/*'] }];
    expect(planScriptSync({ configs: [], staticMatches: STATIC, granted: ['https://ehr.acmehealth.example/*'], registered })).toEqual({
      register: [],
      update: [],
      unregister: ['configured-inbox-acmecare-inbox'],
      waitingForPermission: [],
    });
  });

  it('unregisters when the permission is removed, and reports the config as waiting again', () => {
    const registered = [{ id: 'configured-inbox-acmecare-inbox', matches: ['https://ehr.acmehealth.example/ehr/inbox/*'] }];
    expect(planScriptSync({ configs: [ACME], staticMatches: STATIC, granted: STATIC, registered })).toEqual({
      register: [],
      update: [],
      unregister: ['configured-inbox-acmecare-inbox'],
      waitingForPermission: [{ adapterId: 'acmecare-inbox', origins: ['https://ehr.acmehealth.example/*', 'https://*.acmehealth-test.example:8443/*'] }],
    });
  });

  it('needs no registration where the manifest already runs the content script (e.g. 127.0.0.1)', () => {
    const local = { id: 'acme-local', urlPatterns: ['http://127.0.0.1/ehr/inbox/*'] };
    expect(planScriptSync({ configs: [local], staticMatches: STATIC, granted: STATIC, registered: [] })).toEqual({
      register: [],
      update: [],
      unregister: [],
      waitingForPermission: [],
    });
  });

  it('registers each config separately and only its non-manifest patterns (broad grant)', () => {
    const a = { id: 'a', urlPatterns: ['http://127.0.0.1/ehr/*', 'https://ehr.x.org/inbox*'] };
    const b = { id: 'b', urlPatterns: ['*://portal.y.org/msg/*'] };
    const plan = planScriptSync({ configs: [a, b], staticMatches: STATIC, granted: ['https://*/*'], registered: [] });
    expect(plan).toEqual({
      register: [reg('configured-inbox-a', ['https://ehr.x.org/inbox*']), reg('configured-inbox-b', ['https://portal.y.org/msg/*'])],
      update: [],
      unregister: [],
      waitingForPermission: [{ adapterId: 'b', origins: ['http://portal.y.org/*'] }],
    });
  });
});
