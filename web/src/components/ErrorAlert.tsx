import { messageOf } from '../api/client.ts';

/** A failed call or a refused input, announced at once (role="alert"). Renders nothing without an error. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  return (
    <p role="alert" className="alert">
      {messageOf(error)}
    </p>
  );
}
