// The bare tag in TSX: its attributes and its typed event come from the package's JSX types.
import type {} from 'cb-2fa/jsx';
import 'cb-2fa/components/cb-login';

export function BareLogin({ onSignedIn }: { onSignedIn: (email: string) => void }) {
  return <cb-login reset-href="/account/reset" oncb-authenticated={(e) => onSignedIn(e.detail.user.email)} />;
}
