import { useEffect, type ReactNode } from 'react';

/** The page's h1 (focusable, so the shell can move focus to it after navigation) and the window title. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${title} · Accord`;
  }, [title]);
  return <h1 tabIndex={-1}>{children}</h1>;
}
