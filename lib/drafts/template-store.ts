/**
 * The practice's and clinician's templates (storage.local, one key, the templates-file shape):
 * added templates, edited defaults (a template with a default's id replaces it), and defaults
 * turned off. Import and export use the same JSON file, validated with zod; a file with any
 * invalid template is refused whole, with the reasons.
 */
import { DEFAULT_TEMPLATES } from './defaults';
import {
  MAX_TEMPLATES,
  TEMPLATES_FILE_FORMAT,
  TemplateSchema,
  TemplatesFileSchema,
  issueLines,
  type Template,
  type TemplatesFile,
} from './template-schema';
import type { LocalArea } from './settings';

export const TEMPLATES_KEY = 'drafts:templates';

export interface TemplateState {
  /** What the engine uses: defaults (minus the turned-off ones, edited ones replaced) + the practice's. */
  templates: Template[];
  custom: Template[];
  disabledDefaults: string[];
  /** Set when what was saved could not be read (the defaults are used). */
  damaged: string[] | null;
}

const EMPTY: TemplatesFile = { format: TEMPLATES_FILE_FORMAT, version: 1, templates: [], disabledDefaults: [] };

export function effectiveTemplates(custom: readonly Template[], disabledDefaults: readonly string[]): Template[] {
  const byId = new Map(custom.map((t) => [t.id, { ...t, source: 'practice' as const }]));
  const out: Template[] = [];
  for (const d of DEFAULT_TEMPLATES) {
    if (byId.has(d.id)) {
      out.push(byId.get(d.id)!);
      byId.delete(d.id);
    } else if (!disabledDefaults.includes(d.id)) out.push(d);
  }
  return [...out, ...byId.values()];
}

export async function loadTemplateState(area: LocalArea): Promise<TemplateState> {
  const raw = (await area.get(TEMPLATES_KEY))[TEMPLATES_KEY];
  if (raw === undefined) return { templates: effectiveTemplates([], []), custom: [], disabledDefaults: [], damaged: null };
  const parsed = TemplatesFileSchema.safeParse(raw);
  if (!parsed.success) return { templates: effectiveTemplates([], []), custom: [], disabledDefaults: [], damaged: issueLines(parsed.error) };
  const f = parsed.data;
  return { templates: effectiveTemplates(f.templates, f.disabledDefaults), custom: f.templates, disabledDefaults: f.disabledDefaults, damaged: null };
}

async function write(area: LocalArea, file: TemplatesFile): Promise<void> {
  await area.set({ [TEMPLATES_KEY]: TemplatesFileSchema.parse(file) });
}

async function current(area: LocalArea): Promise<TemplatesFile> {
  const s = await loadTemplateState(area);
  return s.damaged ? EMPTY : { ...EMPTY, templates: s.custom, disabledDefaults: s.disabledDefaults };
}

export type SaveResult = { ok: true; template: Template } | { ok: false; errors: string[] };

/** Add or replace one template (the editor's JSON, parsed). `previousId` renames. */
export async function saveTemplate(area: LocalArea, input: unknown, previousId?: string): Promise<SaveResult> {
  const parsed = TemplateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issueLines(parsed.error) };
  const t = { ...parsed.data, source: 'practice' as const };
  const f = await current(area);
  const shortcutClash = effectiveTemplates(f.templates, f.disabledDefaults).find(
    (o) => t.shortcut && o.shortcut === t.shortcut && o.id !== t.id && o.id !== previousId,
  );
  if (shortcutClash) return { ok: false, errors: [`shortcut ${t.shortcut} is already used by "${shortcutClash.name}"`] };
  const safetyId = impersonatedSafety(t);
  if (safetyId) {
    return { ok: false, errors: [`"${t.id}" is the id of the built-in safety reply "${safetyId.name}"; a ${t.kind} template needs another id`] };
  }
  const templates = f.templates.filter((o) => o.id !== t.id && o.id !== previousId);
  await write(area, { ...f, templates: [...templates, t] });
  return { ok: true, template: t };
}

/** The built-in safety reply whose id `t` takes without being that same kind of safety reply, if any. */
function impersonatedSafety(t: Pick<Template, 'id' | 'kind' | 'safety'>): Template | undefined {
  const d = DEFAULT_TEMPLATES.find((x) => x.id === t.id && x.kind === 'safety');
  return d && (t.kind !== 'safety' || t.safety !== d.safety) ? d : undefined;
}

/** Delete a practice template; deleting an edited default restores the default. A default itself is turned off. */
export async function deleteTemplate(area: LocalArea, id: string): Promise<void> {
  const f = await current(area);
  const isCustom = f.templates.some((t) => t.id === id);
  if (isCustom) await write(area, { ...f, templates: f.templates.filter((t) => t.id !== id) });
  else if (DEFAULT_TEMPLATES.some((d) => d.id === id) && canTurnOff(id)) await write(area, { ...f, disabledDefaults: [...new Set([...f.disabledDefaults, id])] });
}

/** Default safety replies cannot be turned off (they can be edited). */
export function canTurnOff(id: string): boolean {
  return !DEFAULT_TEMPLATES.some((d) => d.id === id && d.kind === 'safety');
}

export async function setDefaultEnabled(area: LocalArea, id: string, enabled: boolean): Promise<void> {
  if (!enabled && !canTurnOff(id)) return;
  const f = await current(area);
  const disabled = new Set(f.disabledDefaults);
  if (enabled) disabled.delete(id);
  else disabled.add(id);
  await write(area, { ...f, disabledDefaults: [...disabled] });
}

export type ImportResult = { ok: true; added: string[]; replaced: string[] } | { ok: false; errors: string[] };

/**
 * Largest templates file accepted (bytes, UTF-8). Hundreds of long templates fit in a few hundred KB;
 * the browser's local storage, shared with every other setting, holds 10 MB in all.
 */
export const MAX_TEMPLATES_FILE_BYTES = 2_000_000;

const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;

export function tooLargeMessage(size: number): string {
  return `This file is ${mb(size)}; a templates file can be at most ${mb(MAX_TEMPLATES_FILE_BYTES)} (the browser keeps all the extension's settings in 10 MB). Nothing was changed.`;
}

/** What the options page itself refuses, checked for a file too: safety replies stay on, ids and shortcuts stay unique. */
function fileConflicts(file: TemplatesFile, current: TemplatesFile): string[] {
  const errors: string[] = [];
  for (const id of file.disabledDefaults) {
    if (!canTurnOff(id)) errors.push(`"disabledDefaults" turns off the safety reply "${id}"; safety replies cannot be turned off (edit it instead)`);
  }
  for (const t of file.templates) {
    const d = impersonatedSafety(t);
    if (d) {
      errors.push(`template "${t.id}" has the id of the built-in safety reply "${d.name}" but is not a ${d.safety} safety reply; give it another id`);
    }
  }
  const ids = new Set(file.templates.map((t) => t.id));
  const staying = effectiveTemplates(current.templates.filter((t) => !ids.has(t.id)), current.disabledDefaults).filter((t) => !ids.has(t.id));
  const seen = new Map<string, string>();
  for (const t of file.templates) {
    if (!t.shortcut) continue;
    const other = seen.get(t.shortcut) ?? staying.find((o) => o.shortcut === t.shortcut)?.name;
    if (other) errors.push(`shortcut ${t.shortcut} of "${t.name}" is already used by "${other}"`);
    else seen.set(t.shortcut, t.name);
  }
  return errors;
}

/** Import a templates file (JSON text): every template must be valid, or nothing changes. */
export async function importTemplates(area: LocalArea, text: string): Promise<ImportResult> {
  // Bytes as stored (UTF-8): a file of Chinese text has three bytes a character.
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_TEMPLATES_FILE_BYTES) return { ok: false, errors: [tooLargeMessage(bytes)] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`This file is not JSON, so it cannot be a templates file (${err instanceof Error ? err.message : String(err)}).`] };
  }
  const parsed = TemplatesFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: issueLines(parsed.error, json) };
  const ids = parsed.data.templates.map((t) => t.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) return { ok: false, errors: [`template id "${dup}" appears twice`] };
  const f = await current(area);
  const conflicts = fileConflicts(parsed.data, f);
  if (conflicts.length) return { ok: false, errors: conflicts };
  const total = f.templates.filter((t) => !ids.includes(t.id)).length + ids.length;
  if (total > MAX_TEMPLATES) {
    return { ok: false, errors: [`With this file there would be ${total} practice templates; at most ${MAX_TEMPLATES} are kept. Delete some first, or import a smaller file. Nothing was changed.`] };
  }
  const existing = new Set(f.templates.map((t) => t.id));
  const incoming = parsed.data.templates.map((t) => ({ ...t, source: 'practice' as const }));
  try {
    await write(area, {
      ...f,
      templates: [...f.templates.filter((t) => !ids.includes(t.id)), ...incoming],
      disabledDefaults: [...new Set([...f.disabledDefaults, ...parsed.data.disabledDefaults])],
    });
  } catch (err) {
    return { ok: false, errors: [`The browser could not store these templates (${err instanceof Error ? err.message : String(err)}). Nothing was changed.`] };
  }
  return { ok: true, added: ids.filter((id) => !existing.has(id)), replaced: ids.filter((id) => existing.has(id)) };
}

/** The practice's templates as a file (for sharing with colleagues or another machine). */
export async function exportTemplates(area: LocalArea): Promise<string> {
  const f = await current(area);
  const file = { ...f, templates: f.templates.map(({ source: _s, ...t }) => t) };
  return `${JSON.stringify(file, null, 2)}\n`;
}
