import type { NodeInfo } from '../../../src/server/api/contract.ts';

/** Which node this is: shown on every page (the login page too), so data is never read against the wrong node. */
export function NodeBanner({ node }: { node: NodeInfo | undefined }) {
  return (
    <span className="node-name" data-testid="node-name" title={node?.identityId}>
      {node ? `${node.title}${node.country ? ` · ${node.country}` : ''}` : 'Accord node'}
    </span>
  );
}
