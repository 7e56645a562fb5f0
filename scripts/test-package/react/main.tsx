// A React 19 login page, two ways: ?variant=wrapper uses cb-2fa/react's typed wrappers,
// ?variant=bare the custom element itself (React 19 sets properties and adds listeners for
// on<event> props as they are written: oncb-authenticated listens for cb-authenticated).
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { createCbComponents } from 'cb-2fa/react';
import { BareLogin } from './bare';

const { CbLogin } = createCbComponents(React);

function WrappedLogin({ onSignedIn }: { onSignedIn: (email: string) => void }) {
  return <CbLogin resetHref="/account/reset" onAuthenticated={(e) => onSignedIn(e.detail.user.email)} />;
}

function App({ variant }: { variant: string }) {
  const [email, setEmail] = React.useState<string | null>(null);
  if (email) return <p id="status">Signed in as {email}</p>;
  return variant === 'bare' ? <BareLogin onSignedIn={setEmail} /> : <WrappedLogin onSignedIn={setEmail} />;
}

const variant = new URLSearchParams(location.search).get('variant') ?? 'wrapper';
createRoot(document.getElementById('root')!).render(<App variant={variant} />);
