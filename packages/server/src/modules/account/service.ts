import type { Places } from './places.js';

/** Profile, email and password changes, sessions and the activity timeline of the signed-in client. */
export class AccountService {
  constructor(readonly deps: { places: Places }) {}
}
