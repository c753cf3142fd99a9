import { describe, expect, it } from 'vitest';
import { createScriptSync, syncConfiguredScripts, type ScriptingLike } from './script-registration';
import type { RegisteredScriptLike, ScriptRegistration } from '../adapters/host-access';

const STATIC = ['http://localhost/*', 'http://127.0.0.1/*'];

/** An in-memory scripting API that behaves like Chrome's (duplicate ids and unknown ids are errors). */
function fakeScripting(initial: RegisteredScriptLike[] = [], failIds: string[] = []) {
  const scripts = new Map(initial.map((s) => [s.id, s]));
  const calls: string[] = [];
  const api: ScriptingLike = {
    getRegisteredContentScripts: async () => [...scripts.values()],
    registerContentScripts: async (list: ScriptRegistration[]) => {
      for (const s of list) {
        calls.push(`register ${s.id} ${s.matches.join(' ')}`);
        if (failIds.includes(s.id)) throw new Error(`Invalid match pattern for ${s.id}`);
        if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        scripts.set(s.id, s);
      }
    },
    updateContentScripts: async (list: ScriptRegistration[]) => {
      for (const s of list) {
        calls.push(`update ${s.id} ${s.matches.join(' ')}`);
        scripts.set(s.id, s);
      }
    },
    unregisterContentScripts: async ({ ids }) => {
      calls.push(`unregister ${ids.join(' ')}`);
      for (const id of ids) scripts.delete(id);
    },
  };
  return { api, scripts, calls };
}

describe('syncConfiguredScripts', () => {
  it('applies the plan: registers allowed configs, removes deleted ones, leaves others alone', async () => {
    const s = fakeScripting([
      { id: 'configured-inbox-old', matches: ['https://old.example/*'] },
      { id: 'not-ours', matches: ['https://x.example/*'] },
    ]);
    const r = await syncConfiguredScripts({
      scripting: s.api,
      staticMatches: STATIC,
      getGrantedOrigins: async () => [...STATIC, 'https://ehr.acmehealth.example/*'],
      loadConfigs: async () => [
        { id: 'acmecare-inbox', urlPatterns: ['https://ehr.acmehealth.example/ehr/inbox/*'] },
        { id: 'waiting', urlPatterns: ['https://other.example/inbox/*'] },
      ],
    });
    expect(s.calls).toEqual(['unregister configured-inbox-old', 'register configured-inbox-acmecare-inbox https://ehr.acmehealth.example/ehr/inbox/*']);
    expect([...s.scripts.keys()].sort()).toEqual(['configured-inbox-acmecare-inbox', 'not-ours']);
    expect(s.scripts.get('configured-inbox-acmecare-inbox')).toEqual({
      id: 'configured-inbox-acmecare-inbox',
      matches: ['https://ehr.acmehealth.example/ehr/inbox/*'],
      js: ['content-scripts/inbox.js'],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    });
    expect(r.waitingForPermission).toEqual([{ adapterId: 'waiting', origins: ['https://other.example/*'] }]);
    expect(r.errors).toEqual([]);
    // A second sync finds nothing to do.
    s.calls.length = 0;
    await syncConfiguredScripts({
      scripting: s.api,
      staticMatches: STATIC,
      getGrantedOrigins: async () => [...STATIC, 'https://ehr.acmehealth.example/*'],
      loadConfigs: async () => [{ id: 'acmecare-inbox', urlPatterns: ['https://ehr.acmehealth.example/ehr/inbox/*'] }],
    });
    expect(s.calls).toEqual([]);
  });

  it('keeps going when one registration fails, and reports it', async () => {
    const s = fakeScripting([], ['configured-inbox-a']);
    const r = await syncConfiguredScripts({
      scripting: s.api,
      staticMatches: STATIC,
      getGrantedOrigins: async () => ['https://*/*'],
      loadConfigs: async () => [
        { id: 'a', urlPatterns: ['https://a.example/*'] },
        { id: 'b', urlPatterns: ['https://b.example/*'] },
      ],
    });
    expect(r.errors).toEqual(['register configured-inbox-a: Invalid match pattern for configured-inbox-a']);
    expect([...s.scripts.keys()]).toEqual(['configured-inbox-b']);
  });
});

describe('createScriptSync', () => {
  it('never runs two syncs at once: calls during a run coalesce into one more run', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const s = fakeScripting();
    const sync = createScriptSync({
      scripting: s.api,
      staticMatches: STATIC,
      getGrantedOrigins: async () => {
        running++;
        runs++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
        return ['https://*/*'];
      },
      loadConfigs: async () => [{ id: 'a', urlPatterns: ['https://a.example/*'] }],
    });
    const results = await Promise.all([sync.sync(), sync.sync(), sync.sync(), sync.sync()]);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
    expect(results.map((r) => r.errors)).toEqual([[], [], [], []]);
    expect(s.calls).toEqual(['register configured-inbox-a https://a.example/*']);
  });
});
