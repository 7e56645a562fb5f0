// The login page of a Vite app: one tag registered, with the steps it needs.
import 'cb-2fa/components/cb-login';

const login = document.querySelector('cb-login')!;
login.addEventListener('cb-authenticated', (e) => {
  // Typed through GlobalEventHandlersEventMap: e.detail.user is the signed-in CbUser.
  document.querySelector('#status')!.textContent = `Signed in as ${e.detail.user.email}`;
});
