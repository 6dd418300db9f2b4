/**
 * The neighbourhood of an object, expanded on click/tap or from the side
 * list. Cytoscape owns the canvas: React renders the controls and the list
 * once per expansion, never per frame, and new elements go in one batch.
 */
import cytoscape, { type Core, type ElementDefinition, type LayoutOptions } from 'cytoscape';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { GraphData, ObjectList, ObjectSummary } from '../../../src/server/api/contract.ts';
import { api } from '../api/client.ts';
import { Link } from '../app/router.tsx';
import { useFetch } from '../app/use-fetch.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ObjectLink } from '../components/ObjectLink.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatCount } from '../lib/format.ts';
import { COSE_LIMIT, countTypes, effectiveLayout, GraphModel, LAYOUTS, ringPositions, type LayoutName } from '../lib/graph-model.ts';
import { graphPath, objectPath } from '../lib/routes.ts';
import { TLP_COLOURS } from '../lib/tlp.ts';
import { GRAPH_BACKGROUND, GRAPH_LABEL, typeColour } from '../lib/type-colour.ts';

/** Above this many nodes an expansion places its new nodes in a ring instead of laying out the whole graph again. */
const RELAYOUT_LIMIT = 400;
const NEIGHBOURHOOD_LIMIT = 300;

function layoutOptions(name: LayoutName, root: string): LayoutOptions {
  const common = { animate: false, fit: true, padding: 30 } as const;
  switch (name) {
    case 'cose': return { name, ...common, randomize: false, numIter: 1000, nodeDimensionsIncludeLabels: false };
    case 'breadthfirst': return { name, ...common, roots: [root], spacingFactor: 1.1 };
    case 'concentric': return { name, ...common, minNodeSpacing: 12 };
    default: return { name, ...common };
  }
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      'border-color': 'data(tlpColour)',
      'border-width': 3,
      width: 22,
      height: 22,
      label: 'data(label)',
      color: GRAPH_LABEL,
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-outline-color': GRAPH_BACKGROUND,
      'text-outline-width': 2,
      // Labels only once they are legible: thousands of tiny labels cost frames and help no one.
      'min-zoomed-font-size': 10,
      'text-max-width': '140px',
      'text-wrap': 'ellipsis',
    },
  },
  { selector: 'node.root', style: { width: 34, height: 34, 'border-width': 5 } },
  { selector: 'node.expanded', style: { shape: 'round-rectangle' } },
  { selector: 'node:selected', style: { 'overlay-color': '#ffffff', 'overlay-opacity': 0.25 } },
  { selector: '.hidden', style: { display: 'none' } },
  {
    selector: 'edge',
    // Haystack edges are the cheapest to draw; the kind is in the side list and the object page.
    style: { 'curve-style': 'haystack', 'haystack-radius': 0, width: 1.5, 'line-color': '#6b7280', opacity: 0.8 },
  },
];

function nodeElement(node: ObjectSummary, position?: { x: number; y: number }): ElementDefinition {
  return {
    group: 'nodes',
    data: { id: node.id, label: node.name, type: node.type, colour: typeColour(node.type), tlpColour: TLP_COLOURS[node.tlp] },
    ...(position ? { position } : {}),
  };
}

function GraphCanvas({ rootId }: { rootId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | undefined>(undefined);
  const model = useRef(new GraphModel());
  const [nodes, setNodes] = useState<ObjectSummary[]>([]);
  const [layout, setLayout] = useState<LayoutName>('cose');
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<{ busy: boolean; error?: unknown; message: string }>({ busy: true, message: 'Loading the neighbourhood…' });
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  const runLayout = useCallback((name: LayoutName) => {
    const graph = cy.current;
    if (graph) graph.elements(':visible').layout(layoutOptions(effectiveLayout(name, graph.nodes().length), rootId)).run();
  }, [rootId]);

  const expand = useCallback(async (id: string) => {
    const graph = cy.current;
    if (!graph) return;
    setStatus((s) => ({ ...s, busy: true, error: undefined }));
    try {
      const data = await api.get<GraphData>(`/api/graph/${encodeURIComponent(id)}?depth=1&limit=${NEIGHBOURHOOD_LIMIT}`);
      if (cy.current !== graph) return; // the view went away meanwhile
      const delta = model.current.merge(data, id);
      const centre = graph.getElementById(id);
      // A large graph grows by a ring around the expanded node; a small one (and the first load) is laid out whole.
      const ringed = model.current.nodes.size > RELAYOUT_LIMIT && centre.nonempty();
      const ring = ringed ? ringPositions(centre.position(), delta.nodes.length) : [];
      graph.batch(() => {
        graph.add([
          ...delta.nodes.map((n, i) => nodeElement(n, ring[i])),
          ...delta.edges.map((e): ElementDefinition => ({ group: 'edges', data: { id: `e:${e.key}`, source: e.source, target: e.target, kind: e.kind } })),
        ]);
        graph.getElementById(id).addClass('expanded');
      });
      if (!ringed) runLayout(layoutRef.current);
      setNodes([...model.current.nodes.values()]);
      const name = model.current.nodes.get(id)?.name ?? id;
      setStatus({
        busy: false,
        message: `${name}: ${formatCount(delta.nodes.length, 'new node')}${data.truncated ? ` (the neighbourhood was cut at ${NEIGHBOURHOOD_LIMIT})` : ''}.`,
      });
    } catch (error) {
      setStatus({ busy: false, error, message: '' });
    }
  }, [runLayout]);

  useEffect(() => {
    if (!container.current) return;
    const graph = cytoscape({
      container: container.current,
      style: STYLE,
      // Measured trade-offs for 2,000 nodes: draw a cached texture while panning/zooming, no motion blur, device pixels 1:1.
      textureOnViewport: true,
      hideEdgesOnViewport: false,
      motionBlur: false,
      pixelRatio: 1,
      minZoom: 0.05,
      maxZoom: 4,
    });
    cy.current = graph;
    graph.on('tap', 'node', (event) => void expand(event.target.id() as string));
    void expand(rootId).then(() => graph.getElementById(rootId).addClass('root'));
    return () => {
      cy.current = undefined;
      graph.destroy();
    };
  }, [rootId, expand]);

  useEffect(() => {
    const graph = cy.current;
    if (!graph) return;
    graph.batch(() => {
      graph.nodes().forEach((n) => {
        n.toggleClass('hidden', hidden.has(n.data('type') as string));
      });
    });
  }, [hidden, nodes]);

  const types = useMemo(() => countTypes(nodes), [nodes]);

  const focusNode = (id: string) => {
    const node = cy.current?.getElementById(id);
    if (node?.nonempty()) cy.current?.animate({ center: { eles: node }, duration: 200 });
  };

  const root = model.current.nodes.get(rootId);
  return (
    <>
      <p className="graph-root">{root ? <ObjectLink object={root} /> : <span className="mono">{rootId}</span>}</p>
      <div className="graph-controls">
        <div className="field">
          <label htmlFor="graph-layout">Layout</label>
          <select id="graph-layout" value={layout} onChange={(e) => { const name = e.target.value as LayoutName; setLayout(name); runLayout(name); }}>
            {LAYOUTS.map((l) => <option key={l} value={l}>{l === 'cose' && nodes.length > COSE_LIMIT ? `cose (concentric above ${COSE_LIMIT} nodes)` : l}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="graph-types">Show types</label>
          <select
            id="graph-types"
            multiple
            size={Math.min(3, Math.max(2, types.length))}
            value={types.map((t) => t.type).filter((t) => !hidden.has(t))}
            onChange={(e) => {
              const shown = new Set([...e.target.selectedOptions].map((o) => o.value));
              setHidden(new Set(types.map((t) => t.type).filter((t) => !shown.has(t))));
            }}
          >
            {types.map((t) => <option key={t.type} value={t.type}>{t.type} ({t.count})</option>)}
          </select>
        </div>
        <button type="button" onClick={() => runLayout(layout)}>Lay out again</button>
        <button type="button" onClick={() => cy.current?.fit(undefined, 30)}>Fit</button>
        <p className="graph-status" aria-live="polite">
          <strong data-testid="graph-node-count">{formatCount(nodes.length, 'node')}</strong>{' '}
          <span className="muted">{status.busy ? 'Loading…' : status.message}</span>
        </p>
      </div>
      <ErrorAlert error={status.error} />
      <div className="graph-layout">
        <div data-testid="graph" ref={container} className="graph-canvas" role="img" aria-label={`Graph of ${formatCount(nodes.length, 'object')} around ${root?.name ?? rootId}; the list beside it holds the same objects.`} />
        <section className="graph-side" aria-labelledby="graph-list-title">
          <h2 id="graph-list-title">Objects in the graph</h2>
          <ul data-testid="graph-node-list" className="plain">
            {nodes.map((n) => (
              <li key={n.id} className={hidden.has(n.type) ? 'is-hidden' : undefined}>
                <Link to={objectPath(n.id)} onFocus={() => focusNode(n.id)}>{n.name}</Link> <span className="muted">{n.type}{model.current.expanded.has(n.id) ? ' · expanded' : ''}</span>
                <button type="button" className="small" disabled={status.busy} onClick={() => { focusNode(n.id); void expand(n.id); }}>Expand {n.name}</button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

function GraphPicker() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const results = useFetch<ObjectList>(query ? `/api/objects?q=${encodeURIComponent(query)}&limit=20` : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };
  return (
    <>
      <form role="search" className="search-row" onSubmit={submit}>
        <label htmlFor="graph-search">Start object</label>
        <input id="graph-search" type="search" value={text} placeholder="Search by name…" onChange={(e) => setText(e.target.value)} />
        <button type="submit">Find</button>
      </form>
      <ErrorAlert error={results.error} />
      <div aria-live="polite">
        {results.loading && <p>Searching…</p>}
        {results.data && (
          <>
            <p>{formatCount(results.data.total, 'object')} found.</p>
            <ul className="plain">
              {results.data.items.map((o) => (
                <li key={o.id}>
                  <ObjectLink object={o} /> <Link to={graphPath(o.id)}>Show graph</Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </>
  );
}

export default function GraphView({ id }: { id?: string | undefined }) {
  return (
    <div className="graph-view">
      <PageTitle title="Graph">Graph</PageTitle>
      {id ? <GraphCanvas key={id} rootId={id} /> : <GraphPicker />}
    </div>
  );
}
