import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lessonBody, lessonQuery, parseLessonSearch } from './law-lessons.ts';

const FORM = { name: 'Review', whatHappened: 'A wiper.', whatWorked: 'Backups\n\n  Hotline ', whatDidNotWork: '', recommendations: 'Offline backups | ncsc-ops | 2026-03-01 | open\nDrill | cert |2026-04-01', incidents: 'incident--a, incident--b' };

describe('lessons learned', () => {
  it('keeps the search in the URL, empty parts left out', () => {
    assert.equal(lessonQuery({ q: ' wiper ', incident: '', owner: 'ops', status: '' }), '?q=wiper&owner=ops');
    assert.equal(lessonQuery(parseLessonSearch('')), '');
    assert.deepEqual(parseLessonSearch('?status=open&q=a+b'), { q: 'a b', incident: '', owner: '', status: 'open' });
  });

  it('turns the form into the API body', () => {
    const { body, problems } = lessonBody(FORM);
    assert.deepEqual(problems, []);
    assert.deepEqual(body, {
      name: 'Review', what_happened: 'A wiper.', incident_refs: ['incident--a', 'incident--b'], what_worked: ['Backups', 'Hotline'],
      recommendations: [
        { text: 'Offline backups', owner: 'ncsc-ops', due: '2026-03-01T00:00:00.000Z', status: 'open' },
        { text: 'Drill', owner: 'cert', due: '2026-04-01T00:00:00.000Z', status: 'open' },
      ],
    });
  });

  it('names every problem by field and line', () => {
    const { body, problems } = lessonBody({ ...FORM, name: ' ', incidents: '', recommendations: 'x | y\na | b | 2026-13-45\nc | d | 2026-01-01 | maybe' });
    assert.equal(body, undefined);
    assert.deepEqual(problems, [
      'Name: required.',
      'Incidents: name at least one incident id.',
      'Recommendations, line 1: write "text | owner | YYYY-MM-DD | status".',
      'Recommendations, line 2: the due date "2026-13-45" is not YYYY-MM-DD.',
      'Recommendations, line 3: the status "maybe" is not one of open, in-progress, done, dropped.',
    ]);
  });
});
