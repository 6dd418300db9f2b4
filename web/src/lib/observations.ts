/** The pattern bench's Observations box: JSON text → the `observations` array `POST /api/pattern/match` takes. */

export type ObservationsResult = { ok: true; observations: unknown[] } | { ok: false; problem: string };

/** An array is the list itself; one object (an observed-data, a bundle, a flat record) is a list of one. */
export function parseObservations(text: string): ObservationsResult {
  if (!text.trim()) return { ok: false, problem: 'Observations: enter a JSON array of observations (observed-data, bundles or flat log records).' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `Observations: not valid JSON (${(error as Error).message}).` };
  }
  if (Array.isArray(value)) {
    const bad = value.findIndex((v) => typeof v !== 'object' || v === null || Array.isArray(v));
    if (bad !== -1) return { ok: false, problem: `Observations: item ${bad} is not a JSON object.` };
    return { ok: true, observations: value };
  }
  if (typeof value === 'object' && value !== null) return { ok: true, observations: [value] };
  return { ok: false, problem: 'Observations: expected a JSON array or object.' };
}

/** A pattern and observations to start from, one of which it matches (flat records: docs/detection.md). */
export const SAMPLE_PATTERN = "[ipv4-addr:value = '198.51.100.7'] AND [domain-name:value = 'update-check.example']";
export const SAMPLE_OBSERVATIONS = JSON.stringify(
  [
    { timestamp: '2024-05-01T12:00:00Z', src_ip: '10.0.0.5', dst_ip: '198.51.100.7', dst_port: 443, protocol: 'tcp' },
    { timestamp: '2024-05-01T12:00:05Z', src_ip: '10.0.0.5', domain: 'update-check.example' },
    { timestamp: '2024-05-01T12:01:00Z', src_ip: '10.0.0.8', dst_ip: '203.0.113.20', dst_port: 80, protocol: 'tcp' },
  ],
  null,
  2,
);
