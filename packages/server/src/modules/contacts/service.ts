/** The account owner's contacts: sub-users with their own logins and per-area permissions. */
export class ContactsService {}
