/**
 * A test-only preload (`node --import tsx --import ./test/support/skewed-clock.ts …`)
 * that runs the process with its clock shifted by `ACCORD_CLOCK_OFFSET_MS`
 * milliseconds: `Date.now()` and `new Date()` (no arguments) read the skewed
 * time, as on a machine whose clock is wrong. Product code keeps no clock seam.
 */
const offset = Number(process.env.ACCORD_CLOCK_OFFSET_MS ?? '0');
if (!Number.isFinite(offset)) throw new Error(`ACCORD_CLOCK_OFFSET_MS must be a number of milliseconds, not ${JSON.stringify(process.env.ACCORD_CLOCK_OFFSET_MS)}`);

const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);

class SkewedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(realNow() + offset);
    else super(...(args as [number]));
  }

  static override now(): number {
    return realNow() + offset;
  }
}

globalThis.Date = SkewedDate as DateConstructor;
