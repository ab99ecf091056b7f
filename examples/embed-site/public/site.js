// The host page reacts to the elements' events (they bubble out of the shadow DOM): a status line and a body flag
// that hides the registration card while someone is signed in.
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

document.addEventListener('portal-signed-in', (event) => show(event.detail));
document.addEventListener('portal-signed-out', () => show(null));
document.addEventListener('portal-error', (event) => {
  // The element already shows the error to the person; a real site might send this to its analytics.
  console.warn('Portico:', event.detail?.action, event.detail?.error);
});

// A returning visitor is signed in without an event: read the provider's session once it has loaded.
const provider = document.querySelector('portal-provider');
if (provider) {
  await customElements.whenDefined('portal-provider');
  while (provider.sessionState?.status === 'loading') {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  if (provider.sessionState?.session) show(provider.sessionState.session);
}
