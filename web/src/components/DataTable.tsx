/**
 * A table on @tanstack/react-table: semantic markup, optional server-side
 * sorting (header buttons, aria-sort on the th). The caller must pass a
 * stable `data` array (STACK.md: a new array each render froze the page).
 */
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row } from '@tanstack/react-table';
import type { HTMLAttributes } from 'react';

export interface SortState {
  column: string;
  order: 'asc' | 'desc';
}

export interface DataTableProps<T> {
  data: T[];
  // `any`: columns of different value types only share react-table's ColumnDef<T, any>.
  columns: ColumnDef<T, any>[];
  caption: string;
  testId: string;
  rowId: (row: T) => string;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  /** Columns (by id) the server can sort by. */
  sortable?: readonly string[];
  sort?: SortState;
  onSort?: (column: string) => void;
  empty?: string;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

export function DataTable<T>({ data, columns, caption, testId, rowId, rowProps, sortable = [], sort, onSort, empty = 'Nothing to show.' }: DataTableProps<T>) {
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row: T) => rowId(row), manualSorting: true });
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const label = flexRender(header.column.columnDef.header, header.getContext());
                const canSort = sortable.includes(header.column.id) && onSort;
                const current = sort?.column === header.column.id ? sort.order : undefined;
                return (
                  <th key={header.id} scope="col" aria-sort={canSort ? (current ? ARIA_SORT[current] : 'none') : undefined}>
                    {canSort ? (
                      <button type="button" className="sort-button" onClick={() => onSort(header.column.id)}>
                        {label}
                        <span aria-hidden="true" className="sort-mark">{current === 'asc' ? '▲' : current === 'desc' ? '▼' : '↕'}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row: Row<T>) => (
            <tr key={row.id} {...rowProps?.(row.original)}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
          {data.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
