import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { incidentNormsPath, legalPath, lessonPath, matchLawRoute, responsesPath, stateRecordPath } from './law-routes.ts';

describe('issue-8 paths', () => {
  it('matches each view, ids decoded', () => {
    assert.deepEqual(matchLawRoute('/legal'), { view: 'legal' });
    assert.deepEqual(matchLawRoute('/norms/'), { view: 'norms' });
    assert.deepEqual(matchLawRoute('/lessons'), { view: 'lessons' });
    assert.deepEqual(matchLawRoute('/norms/states/GB'), { view: 'norms-state', state: 'GB' });
    assert.deepEqual(matchLawRoute('/incidents/incident--1/norms'), { view: 'incident-norms', id: 'incident--1' });
    assert.deepEqual(matchLawRoute('/cases/accord-attribution-case--2/responses'), { view: 'responses', caseId: 'accord-attribution-case--2' });
    assert.deepEqual(matchLawRoute('/lessons/a%2Fb'), { view: 'lesson', id: 'a/b' });
  });

  it('leaves other paths to the app', () => {
    for (const path of ['/', '/incidents/x', '/cases/x', '/norms/states', '/lessons/%E0%A4%A', '/legalese']) assert.equal(matchLawRoute(path), undefined, path);
  });

  it('builds links that match back', () => {
    assert.equal(legalPath(), '/legal');
    assert.equal(legalPath({ case: 'c 1' }), '/legal?case=c+1');
    assert.equal(legalPath({ incident: 'i' }), '/legal?incident=i');
    for (const path of [stateRecordPath('Côte'), incidentNormsPath('i/1'), responsesPath('c?1'), lessonPath('l#1')]) assert.ok(matchLawRoute(path), path);
    assert.deepEqual(matchLawRoute(stateRecordPath('Côte d\'Ivoire')), { view: 'norms-state', state: 'Côte d\'Ivoire' });
  });
});
