/**
 * Keeps the content script registered (chrome.scripting.registerContentScripts) on exactly the
 * configured sites the user allowed: run on every service-worker start, and whenever the
 * configured adapters or the granted permissions change. The plan itself is the pure
 * planScriptSync (lib/adapters/host-access.ts); this applies it, one registration at a time, so
 * that one bad registration cannot stop the others. Syncs never overlap.
 */
import { planScriptSync, type RegisteredScriptLike, type ScriptRegistration, type ScriptSyncPlan } from '../adapters/host-access';

export interface ScriptingLike {
  getRegisteredContentScripts(): Promise<RegisteredScriptLike[]>;
  registerContentScripts(scripts: ScriptRegistration[]): Promise<void>;
  updateContentScripts(scripts: ScriptRegistration[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

export interface ScriptSyncDeps {
  scripting: ScriptingLike;
  getGrantedOrigins(): Promise<string[]>;
  /** The adapters in use (policy and saved). */
  loadConfigs(): Promise<readonly { id: string; urlPatterns: readonly string[] }[]>;
  staticMatches: readonly string[];
}

export interface ScriptSyncResult extends ScriptSyncPlan {
  errors: string[];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function syncConfiguredScripts(deps: ScriptSyncDeps): Promise<ScriptSyncResult> {
  const [configs, granted, registered] = await Promise.all([deps.loadConfigs(), deps.getGrantedOrigins(), deps.scripting.getRegisteredContentScripts()]);
  const plan = planScriptSync({ configs, granted, registered, staticMatches: deps.staticMatches });
  const errors: string[] = [];
  if (plan.unregister.length) {
    try {
      await deps.scripting.unregisterContentScripts({ ids: plan.unregister });
    } catch (err) {
      errors.push(`unregister ${plan.unregister.join(', ')}: ${message(err)}`);
    }
  }
  for (const s of plan.update) {
    try {
      await deps.scripting.updateContentScripts([s]);
    } catch (err) {
      errors.push(`update ${s.id}: ${message(err)}`);
    }
  }
  for (const s of plan.register) {
    try {
      await deps.scripting.registerContentScripts([s]);
    } catch (err) {
      errors.push(`register ${s.id}: ${message(err)}`);
    }
  }
  return { ...plan, errors };
}

/** A sync that never runs twice at once: calls during a run coalesce into one more run. */
export function createScriptSync(deps: ScriptSyncDeps): { sync(): Promise<ScriptSyncResult> } {
  let running: Promise<ScriptSyncResult> | null = null;
  let again: Promise<ScriptSyncResult> | null = null;
  const run = (): Promise<ScriptSyncResult> =>
    syncConfiguredScripts(deps).catch((err: unknown) => ({ register: [], update: [], unregister: [], waitingForPermission: [], errors: [message(err)] }));
  return {
    sync() {
      if (!running) {
        running = run().finally(() => {
          running = null;
        });
        return running;
      }
      again ??= running.then(() => {
        again = null;
        return this.sync();
      });
      return again;
    },
  };
}
