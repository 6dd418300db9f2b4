import { badgeOf, type Badge } from '../../lib/law-verdict.ts';

/** A verdict, precondition status or standing: its words on its AA colour pair (the words carry the meaning). */
export function LawBadge({ table, value, testId }: { table: Readonly<Record<string, Badge>>; value: string; testId?: string }) {
  const badge = badgeOf(table, value);
  return (
    <span className="law-badge" style={{ color: badge.fg, background: badge.bg, borderColor: badge.fg }} data-testid={testId} data-value={value}>
      {badge.label}
    </span>
  );
}
