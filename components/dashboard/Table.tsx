/** An accessible data table with a caption and a "Download CSV" button (the text version of each chart). */
import { toCsv } from '@/lib/export/files';
import { download } from './data';

export interface Column<T> {
  key: string;
  label: string;
  /** Text shown in the cell. */
  text: (row: T) => string;
  /** Value written to the CSV (default: the text). */
  csv?: (row: T) => string | number | null;
  numeric?: boolean;
}

export function DataTable<T>({ id, caption, rows, columns, printRows }: { id: string; caption: string; rows: readonly T[]; columns: Column<T>[]; printRows?: number }) {
  const csv = () => {
    const data = rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, c.csv ? c.csv(r) : c.text(r)])));
    download(`${id}.csv`, toCsv(data, columns.map((c) => c.key)) + '\n', 'text/csv');
  };
  return (
    <div className="table-wrap" data-table={id}>
      <table>
        <caption>
          {caption}{' '}
          <button type="button" className="csv no-print" onClick={csv} aria-label={`Download CSV: ${caption}`}>
            CSV
          </button>
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                Nothing in this period.
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={i} className={printRows !== undefined && i >= printRows ? 'no-print' : undefined}>
                {columns.map((c, j) =>
                  j === 0 ? (
                    <th key={c.key} scope="row">
                      {c.text(r)}
                    </th>
                  ) : (
                    <td key={c.key} className={c.numeric ? 'num' : undefined}>
                      {c.text(r)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
