/**
 * The exit codes of `accord`, documented in docs/cli.md. Scripts rely on them:
 * change them only with a note in the changelog.
 */
export const ExitCode = {
  /** Everything asked was done. */
  OK: 0,
  /** The command ran, but some objects were rejected (the others were stored). */
  REJECTED: 1,
  /** An input could not be read to the end: missing file, not a bundle, malformed JSON, corrupt gzip. */
  INPUT_FAILED: 2,
  /** Nothing matched (e.g. `accord show` of an unknown id). */
  NOT_FOUND: 3,
  /** The command line itself is wrong (BSD sysexits EX_USAGE). */
  USAGE: 64,
  /** An unexpected internal error; the message is printed in full. */
  INTERNAL: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
