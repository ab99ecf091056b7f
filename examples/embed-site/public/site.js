// The host page reacts to the provider's session events (they bubble up to the document): a status line and a
// body flag that hides the registration card while someone is signed in.
const status = document.getElementById('portal-status');
const signedOutText = status?.textContent.trim() ?? '';

function show(session) {
  if (session) {
    document.body.dataset.signedIn = 'true';
    if (status)
      status.textContent = `Welcome, ${session.user.name}. Your services, invoices and tickets will show here.`;
  } else {
    delete document.body.dataset.signedIn;
    if (status) status.textContent = signedOutText;
  }
}

// The provider announces the session once it has loaded (a returning visitor is signed in without signing in)
// and on every sign-in, sign-out or ended session after that.
document.addEventListener('portal-session-change', (event) => show(event.detail.session));
document.addEventListener('portal-error', (event) => {
  // The element already shows the error to the person; a real site might send this to its analytics.
  console.warn('Portico:', event.detail?.action, event.detail?.error);
});

// The first load may have finished before this script ran: start from what the provider knows already.
const known = document.querySelector('portal-provider')?.sessionState;
if (known && known.status !== 'loading') show(known.session);
