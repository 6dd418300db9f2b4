import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { casePath, graphPath, incidentPath, loginPath, matchRoute, objectPath, safeNext, type Route } from './routes.ts';

describe('routes', () => {
  const cases: [string, Route][] = [
    ['/', { view: 'dashboard' }],
    ['/explore', { view: 'explore' }],
    ['/explore/', { view: 'explore' }],
    ['/objects/indicator--1234', { view: 'object', id: 'indicator--1234' }],
    ['/objects/a%2Fb', { view: 'object', id: 'a/b' }],
    ['/objects/%E0%A4%A', { view: 'not-found' }],
    ['/graph', { view: 'graph' }],
    ['/graph/malware--9', { view: 'graph', id: 'malware--9' }],
    ['/patterns', { view: 'patterns' }],
    ['/partners', { view: 'partners' }],
    ['/audit', { view: 'audit' }],
    ['/login', { view: 'login' }],
    ['/incidents', { view: 'incidents' }],
    ['/incidents/incident--7', { view: 'incident', id: 'incident--7' }],
    ['/cases', { view: 'cases' }],
    ['/cases/accord-attribution-case--1', { view: 'case', id: 'accord-attribution-case--1' }],
    ['/attributions', { view: 'attributions' }],
    ['/attributions/x', { view: 'not-found' }],
    ['/cases/a/b', { view: 'not-found' }],
    ['/objects', { view: 'not-found' }],
    ['/objects/a/b', { view: 'not-found' }],
  ];
  for (const [path, route] of cases) it(`matches ${path}`, () => assert.deepEqual(matchRoute(path), route));

  it('builds paths that match back to the same id', () => {
    const id = 'x-custom--a b/c?d';
    assert.deepEqual(matchRoute(new URL(objectPath(id), 'http://h').pathname), { view: 'object', id });
    assert.deepEqual(matchRoute(new URL(graphPath(id), 'http://h').pathname), { view: 'graph', id });
    assert.deepEqual(matchRoute(new URL(incidentPath(id), 'http://h').pathname), { view: 'incident', id });
    assert.deepEqual(matchRoute(new URL(casePath(id), 'http://h').pathname), { view: 'case', id });
  });
});

describe('where to go after signing in', () => {
  const cases: [string | null, string][] = [
    [null, '/'],
    ['/explore?q=apt', '/explore?q=apt'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/login?next=/audit', '/'],
  ];
  for (const [next, expected] of cases) it(`goes to ${expected} for ${String(next)}`, () => assert.equal(safeNext(next), expected));

  it('round-trips through the login path', () => {
    const next = '/explore?q=a&tlp=red';
    assert.equal(safeNext(new URL(loginPath(next), 'http://h').searchParams.get('next')), next);
    assert.equal(loginPath('/'), '/login');
  });
});
