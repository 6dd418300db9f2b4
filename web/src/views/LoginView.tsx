import { useState, type FormEvent } from 'react';
import type { LoginRequest, NodeInfo, SessionInfo } from '../../../src/server/api/contract.ts';
import { api } from '../api/client.ts';
import { useFetch } from '../app/use-fetch.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { NodeBanner } from '../components/NodeBanner.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

export function LoginView({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const node = useFetch<NodeInfo>('/api/node');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: LoginRequest = { name: name.trim(), secret };
      onSignedIn(await api.post<SessionInfo>('/api/session', body, { quiet401: true }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={submit}>
        <p className="brand">
          <span className="logo" aria-hidden="true">◆</span> Accord
        </p>
        <PageTitle title="Sign in">Sign in</PageTitle>
        <p>
          to <NodeBanner node={node.data} />
        </p>
        <label htmlFor="login-account">Account</label>
        <input id="login-account" name="username" autoComplete="username" required value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="login-secret">Secret</label>
        <input id="login-secret" name="password" type="password" autoComplete="current-password" required value={secret} onChange={(e) => setSecret(e.target.value)} />
        <ErrorAlert error={error} />
        <button type="submit" className="primary" disabled={busy}>Sign in</button>
      </form>
    </main>
  );
}
