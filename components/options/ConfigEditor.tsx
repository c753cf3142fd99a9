/** The JSON editor for one adapter config, with its problems listed inline as sentences. */
import type { EditorParse } from '@/lib/options/editor';
import { DeleteButton } from './AdapterList';

interface Props {
  text: string;
  onChange(text: string): void;
  parsed: EditorParse;
  readOnly: boolean;
  saving: boolean;
  onSave(): void;
  onReset(): void;
  /** The saved adapter being edited (offers Delete). */
  deleteTarget?: { id: string; name: string };
  onDelete(id: string): void;
}

export function ConfigEditor({ text, onChange, parsed, readOnly, saving, onSave, onReset, deleteTarget, onDelete }: Props) {
  const errors = parsed.ok ? [] : parsed.errors;
  return (
    <div className="editor">
      <label htmlFor="config-json" className="label">
        Adapter config (JSON)
      </label>
      <p id="config-help" className="muted">
        One adapter: schemaVersion, id, name, urlPatterns, list, detail, reply, cleanup. See “Describing your own web EHR inbox” in the documentation.
        {readOnly && ' Set by your organization: it can be tested on a tab but not changed here.'}
      </p>
      <textarea
        id="config-json"
        data-testid="config-json"
        spellCheck={false}
        rows={22}
        value={text}
        readOnly={readOnly}
        aria-invalid={!parsed.ok}
        aria-describedby="config-help config-errors"
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <div id="config-errors" tabIndex={-1} data-testid="config-errors" className={parsed.ok ? 'valid' : 'invalid'}>
        {parsed.ok ? (
          <p>
            <span className="tag ok">Valid</span> “{parsed.config.name}” ({parsed.config.id}).{parsed.note ? ` ${parsed.note}` : ''}
          </p>
        ) : (
          <>
            <p>
              <span className="tag error">
                {errors.length} problem{errors.length === 1 ? '' : 's'}
              </span>{' '}
              to fix before saving:
            </p>
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="toolbar">
        <button type="button" className="primary" onClick={onSave} disabled={readOnly || saving} aria-disabled={readOnly || saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onReset}>
          Undo changes
        </button>
        {deleteTarget && <DeleteButton id={deleteTarget.id} name={deleteTarget.name} onDelete={onDelete} />}
      </div>
    </div>
  );
}
