import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { pathTo } from '../lib/ui';
import { useViewer } from '../lib/viewer';

/** Sign in with an access key; the server answers with a session cookie, the key is forgotten. */
export function SignInPage() {
  const { t } = useI18n();
  const { viewer, signIn } = useViewer();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const problem = await signIn(key.trim());
    setBusy(false);
    setKey('');
    setFailure(problem);
  };
  if (viewer) {
    const own = viewer.organisations[0];
    return (
      <section>
        <h1>{t.signIn.title}</h1>
        <p role="status">{t.signIn.signedInAs(viewer.name)}</p>
        {own && <p><button type="button" onClick={() => navigate(pathTo.organisation(own.slug))}>{own.name}</button></p>}
      </section>
    );
  }
  return (
    <section>
      <h1>{t.signIn.title}</h1>
      <p>{t.signIn.intro}</p>
      <form onSubmit={submit} className="stack">
        <label htmlFor={keyId}>{t.signIn.key}</label>
        <input id={keyId} type="password" autoComplete="off" required value={key} onChange={(e) => setKey(e.target.value)} aria-describedby={failure ? `${keyId}-error` : undefined} />
        {failure && <p id={`${keyId}-error`} role="alert" className="error">{t.signIn.failed(failure)}</p>}
        <button type="submit" disabled={busy}>{t.signIn.submit}</button>
      </form>
    </section>
  );
}
