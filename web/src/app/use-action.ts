/** A write from a view (a form or a button): busy while it runs, its error for an alert, a line for the live region when done. */
import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  error: unknown;
  done: string;
  /** Runs `call`; on success announces `success` and calls `then`. Problems found before sending are given as `Error`s. */
  run: (call: () => Promise<unknown>, success: string, then?: () => void) => Promise<void>;
  fail: (problems: string[]) => void;
}

export function useAction(): Action {
  const [state, setState] = useState<{ busy: boolean; error: unknown; done: string }>({ busy: false, error: undefined, done: '' });
  const run = useCallback(async (call: () => Promise<unknown>, success: string, then?: () => void) => {
    setState({ busy: true, error: undefined, done: '' });
    try {
      await call();
      setState({ busy: false, error: undefined, done: success });
      then?.();
    } catch (error) {
      setState({ busy: false, error, done: '' });
    }
  }, []);
  const fail = useCallback((problems: string[]) => setState({ busy: false, error: new Error(problems.join(' ')), done: '' }), []);
  return { ...state, run, fail };
}
