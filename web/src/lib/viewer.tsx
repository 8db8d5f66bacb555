import { ViewerDocument, type ViewerQuery } from 'integration-graph-client/documents';
import { createContext, type ReactNode, useCallback, useContext } from 'react';
import { useQuery } from 'urql';

/** Who is signed in (the session cookie's token), or null; and how to sign in and out. */
interface ViewerState {
  viewer: ViewerQuery['viewer'] | null;
  loading: boolean;
  /** Exchanges an access key for a session; the server's message when it refuses. */
  signIn(key: string): Promise<string | null>;
  signOut(): Promise<void>;
}

const ViewerContext = createContext<ViewerState | null>(null);

export function ViewerProvider({ children }: { children: ReactNode }) {
  const [{ data, fetching }, refetch] = useQuery({ query: ViewerDocument, requestPolicy: 'network-only' });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const signIn = useCallback(
    async (key: string) => {
      const res = await fetch('/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
      if (res.ok) {
        reload();
        return null;
      }
      const body = (await res.json().catch(() => null)) as { errors?: { message: string }[] } | null;
      return body?.errors?.[0]?.message ?? `HTTP ${res.status}`;
    },
    [reload],
  );
  const signOut = useCallback(async () => {
    await fetch('/auth/session', { method: 'DELETE' });
    reload();
  }, [reload]);
  return (
    <ViewerContext.Provider value={{ viewer: data?.viewer ?? null, loading: fetching && !data, signIn, signOut }}>{children}</ViewerContext.Provider>
  );
}

export function useViewer(): ViewerState {
  const state = useContext(ViewerContext);
  if (!state) throw new Error('useViewer outside ViewerProvider');
  return state;
}
