import { useEffect, useId, useRef, useState } from 'react';
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link } from 'react-admin';
import type { ReportCell, ReportTable } from '@sra/contracts';
import { cellText, isSuppressed, suppressionExplanation } from './words';

/** A column of figures (right-aligned): it holds numbers, hidden counts or percentages. */
function isFigureColumn(table: ReportTable, column: number): boolean {
  if (column === 0) return false;
  return table.rows.some((row) => {
    const cell = row[column];
    return typeof cell === 'number' || isSuppressed(cell ?? null) || (typeof cell === 'string' && /^-?[\d.,]+%$/.test(cell));
  });
}

/**
 * How a column of words wraps: long sentences get a width (not a tall narrow column), short codes and dates stay
 * on one line, and long identifiers may break anywhere.
 */
function textColumnStyle(table: ReportTable, column: number): { minWidth?: string; whiteSpace?: 'nowrap'; overflowWrap?: 'anywhere' } {
  const texts = table.rows.map((row) => cellText(row[column] ?? null));
  const longest = Math.max(0, ...texts.map((text) => text.length));
  const longestWord = Math.max(0, ...texts.flatMap((text) => text.split(/\s+/).map((word) => word.length)));
  if (longest <= 14 && !texts.some((text) => /\s/.test(text))) return { whiteSpace: 'nowrap' };
  return {
    // A short phrase ("Arrest by SFPD on 2024-03-05") gets a width too, so that it does not wrap word by word.
    minWidth: longest > 80 ? '18em' : longest > 20 ? '10em' : undefined,
    overflowWrap: longestWord > 20 ? 'anywhere' : undefined,
  };
}

/** Whether a box is narrower than its content (and so scrolls sideways), kept up to date as the page resizes. */
function useScrolls<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const check = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return { ref, scrolls };
}

/** One cell: a hidden count shows its `display` ("<11"), explained on hover and to screen readers that read titles. */
export const CellContent = ({ cell, threshold }: { cell: ReportCell; threshold: number }) => {
  if (isSuppressed(cell)) {
    return (
      <abbr title={suppressionExplanation(cell.display, threshold)} data-suppressed="true" style={{ cursor: 'help' }}>
        {cell.display}
      </abbr>
    );
  }
  return <>{cellText(cell)}</>;
};

/**
 * The internal edition's case table names each case by its reference (the start of its id): on screen the reference
 * opens the Flagged cases list searched for it, which lists that case.
 */
function caseReference(table: ReportTable, cell: ReportCell): string | null {
  return table.id === 'flagged-cases' && table.columns[0] === 'Case' && typeof cell === 'string' && /^[0-9a-f]{8}$/.test(cell) ? cell : null;
}

/** A table of the report: its title as caption, column headings, each row named by its first cell, then its notes. */
export const ReportTableView = ({ table, threshold }: { table: ReportTable; threshold: number }) => {
  const captionId = useId();
  const figures = table.columns.map((_, index) => isFigureColumn(table, index));
  const styles = table.columns.map((_, index) => (figures[index] ? { whiteSpace: 'nowrap' as const } : textColumnStyle(table, index)));
  const { ref, scrolls } = useScrolls<HTMLDivElement>();
  return (
    <Box component="div" sx={{ my: 2 }} data-testid={`report-table-${table.id}`} className="report-table">
      <Box
        ref={ref}
        className="report-scroll"
        // A table wider than the page scrolls sideways: keyboard users can then reach and scroll it too.
        {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-labelledby': captionId } : {})}
        // Size containment: a wide table scrolls here instead of widening the whole page.
        sx={{ overflowX: 'auto', contain: 'inline-size' }}
      >
        <Table size="small" sx={{ '& td, & th': { verticalAlign: 'top' } }}>
          <caption id={captionId} style={{ captionSide: 'top', textAlign: 'left', padding: '4px 0', fontWeight: 600, color: 'inherit' }}>
            {table.title}
          </caption>
          <TableHead>
            <TableRow>
              {table.columns.map((column, index) => (
                <TableCell key={index} scope="col" align={figures[index] ? 'right' : 'left'} sx={{ fontWeight: 600 }}>
                  {column}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={table.columns.length}>None.</TableCell>
              </TableRow>
            ) : (
              table.rows.map((row, rowIndex) => (
                <TableRow key={rowIndex} data-testid="report-row">
                  {row.map((cell, index) =>
                    index === 0 ? (
                      <TableCell key={index} component="th" scope="row" data-testid="report-cell" sx={styles[0]}>
                        {caseReference(table, cell) ? (
                          <Link to={`/cases?filter=${encodeURIComponent(JSON.stringify({ q: cell }))}`} data-testid="report-case-link">
                            {cell as string}
                          </Link>
                        ) : (
                          <CellContent cell={cell} threshold={threshold} />
                        )}
                      </TableCell>
                    ) : (
                      <TableCell
                        key={index}
                        align={figures[index] ? 'right' : 'left'}
                        data-testid="report-cell"
                        sx={styles[index]}
                      >
                        <CellContent cell={cell} threshold={threshold} />
                      </TableCell>
                    ),
                  )}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </Box>
      {table.notes?.length ? (
        <Box component="ul" sx={{ m: 0, mt: 1, pl: 2.5 }}>
          {table.notes.map((note, index) => (
            <Typography component="li" variant="body2" key={index} sx={{ color: 'text.secondary' }}>
              {note}
            </Typography>
          ))}
        </Box>
      ) : null}
    </Box>
  );
};
