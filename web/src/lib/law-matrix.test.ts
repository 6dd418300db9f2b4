import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NormMatrixView } from '../../../src/server/api/contract.ts';
import { groupSummary, matrixApiPath, matrixQuery, shapeMatrix } from './law-matrix.ts';

const incident = (id: string, actors: string[], states: string[]) => ({ id, name: `Incident ${id}`, at: '2025-03-01T00:00:00Z', status: 'open', actors, states, countries: [] });

const VIEW: NormMatrixView = {
  by: 'actor',
  periods: ['2024', '2025'],
  groups: [],
  rows: [
    { norm: '13a', title: 'Co-operate', citation: 'A/70/174 para. 13 (a)', total: 0, cells: [] },
    {
      norm: '13f', title: 'Critical infrastructure', citation: 'A/70/174 para. 13 (f)', total: 3, cells: [
        { period: '2025', incidents: [incident('1', ['GLASS HERON'], ['RU']), incident('2', ['GLASS HERON', 'X'], ['RU']), incident('3', [], ['CN'])] },
      ],
    },
  ],
};

describe('the norms matrix', () => {
  it('gives every norm a cell in every period, empty ones as 0', () => {
    const shaped = shapeMatrix(VIEW);
    assert.deepEqual(shaped.periods, ['2024', '2025']);
    assert.deepEqual(shaped.rows.map((r) => r.cells.map((c) => c.count)), [[0, 0], [0, 3]]);
    assert.deepEqual(shaped.rows[1]!.cells[1]!.incidents.map((i) => i.id), ['1', '2', '3']);
  });

  it('sums up a cell by actor or by state, most frequent first', () => {
    assert.equal(shapeMatrix(VIEW).rows[1]!.cells[1]!.groups, 'GLASS HERON ×2, X');
    assert.equal(shapeMatrix(VIEW, 'state').rows[1]!.cells[1]!.groups, 'RU ×2, CN');
    assert.equal(groupSummary([], 'actor'), '');
  });

  it('lists the actors or states named, for their records', () => {
    assert.deepEqual(shapeMatrix(VIEW, 'state').keys, ['CN', 'RU']);
    assert.deepEqual(shapeMatrix(VIEW, 'actor').keys, ['GLASS HERON', 'X']);
  });

  it('reads its query from the URL with defaults', () => {
    assert.deepEqual(matrixQuery(''), { by: 'actor', period: 'year' });
    assert.deepEqual(matrixQuery('?by=state&period=quarter'), { by: 'state', period: 'quarter' });
    assert.deepEqual(matrixQuery('?by=planet&period=week'), { by: 'actor', period: 'year' });
    assert.equal(matrixApiPath({ by: 'state', period: 'quarter' }), '/api/norms/matrix?by=state&period=quarter');
  });
});
