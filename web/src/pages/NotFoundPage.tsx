import { QueryState } from '../lib/ui';

export function NotFoundPage() {
  return <QueryState fetching={false} missing />;
}
