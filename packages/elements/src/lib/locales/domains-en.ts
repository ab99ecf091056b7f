/** Strings of `<portal-domains>` and `<portal-domain>` (My Domains). */
export const domains = {
  // Statuses.
  domStatusPending: 'Awaiting payment',
  domStatusProvisioning: 'In progress',
  domStatusFailed: 'Failed',
  domStatusActive: 'Active',
  domStatusExpired: 'Expired',
  domStatusCancelled: 'Cancelled',

  // <portal-domains>
  domListTitle: 'My domains',
  domNoAccess: "You don't have access to this account's domains. Ask the account owner.",
  domFilter: 'Show',
  domFilterAll: 'All',
  domNone: 'You have no domains yet.',
  domNoneFiltered: 'No domains with this status.',
  domFind: 'Find a domain',
  domName: 'Domain',
  domExpires: 'Expires',
  domAutoRenew: 'Auto-renew',
  domStatus: 'Status',
  domOn: 'On',
  domOff: 'Off',
  domNoDate: 'None',
  domExpiresToday: 'Expires today',
  domExpiresTomorrow: 'Expires tomorrow',
  domExpiresInDays: 'Expires in {days} days',
  domLoadMore: 'Load more',
  domBack: 'All domains',

  // <portal-domain>
  domNoDomain: 'No domain to show.',
  domDetails: 'Details',
  domRegistered: 'Registered',
  domOrdered: 'Ordered',
  domHow: 'Order',
  domHowRegister: 'Registration',
  domHowTransfer: 'Transfer',
  domReadOnlyAccess: 'You can see this domain but not change it. Ask the account owner for access.',
  domBannerPending:
    'This domain is waiting for its order to be paid. We register it as soon as the invoice is paid.',
  domBannerPendingTransfer:
    'This transfer is waiting for its order to be paid. We start it as soon as the invoice is paid.',
  domPayInvoice: 'Pay the invoice',
  domBannerProvisioning: 'Registration in progress. This usually takes a few minutes.',
  domBannerProvisioningTransfer:
    'Transfer in progress. It can take up to 7 days while the current registrar releases the domain.',
  domRefresh: 'Refresh',
  domRefreshed: 'Status checked: {status}.',
  domBannerFailed:
    'We could not complete the registration. Our team has been told and will retry it; you do not need to do anything.',
  domBannerFailedTransfer:
    'We could not complete the transfer. Our team has been told and will retry it; you do not need to do anything.',
  domBannerExpired: 'This domain expired on {date}. Renew it now to keep it.',
  domBannerExpiredNoDate: 'This domain has expired. Renew it now to keep it.',
  domBannerCancelled: 'This order was cancelled before it was paid.',
  domReadOnly: 'Settings can be changed once the domain is active.',
  domRenewalWaiting: 'A renewal invoice is waiting to be paid.',
  domPayRenewal: 'Pay the renewal invoice',

  // Name servers.
  domNsTitle: 'Name servers',
  domNsIntro: 'From 2 to 13 host names, such as ns1.example.com.',
  domNsLabel: 'Name server {n}',
  domNsAdd: 'Add a name server',
  domNsRemove: 'Remove',
  domNsRemoveLabel: 'Remove name server {n}',
  domNsSave: 'Save name servers',
  domNsUndo: 'Undo changes',
  domNsSaved: 'Name servers saved.',
  domNsNone: 'No name servers set.',
  domNsMax: 'At most 13 name servers.',
  domNsMin: 'At least 2 name servers are needed.',
  domNsDuplicate: 'This name server is already listed.',
  domNsFix: 'Check the name servers marked below.',
  domNsNotAHost: 'Enter a host name such as ns1.example.com.',

  // Name problems (as `parseDomainName` reports them), for a name server.
  domProblemEmpty: 'Enter a name server, or remove this row.',
  domProblemBadCharacter: 'A host name may only use letters, digits, hyphens and dots.',
  domProblemSpace: 'A host name cannot contain spaces.',
  domProblemEmptyLabel: 'A host name cannot start with a dot or have two dots in a row.',
  domProblemLabelTooLong: 'Each part of a host name is at most 63 characters.',
  domProblemTooLong: 'A host name is at most 253 characters.',
  domProblemHyphenEdge: 'A part of a host name cannot start or end with a hyphen.',
  domProblemReservedHyphens: 'A host name cannot have hyphens in both the 3rd and 4th places of a part.',
  domProblemBadPunycode: 'This xn-- name is not valid punycode.',
  domProblemLeadingMark: 'A part of a host name cannot start with a combining mark.',
  domProblemNumericTld: 'A host name cannot end in a number.',
  domProblemMissingTld: 'Enter the whole host name, such as ns1.example.com.',

  // Settings.
  domSettings: 'Settings',
  domPrivacy: 'WHOIS privacy',
  domPrivacyHint: 'Hides your contact details in public WHOIS records.',
  domLock: 'Registrar lock',
  domLockHint: 'Refuses transfers to another registrar while on.',
  domAutoRenewHint: 'We send a renewal invoice before the domain expires.',
  domToggleOn: '{name} is on.',
  domToggleOff: '{name} is off.',

  // Transfer code.
  domEppTitle: 'Transfer code',
  domEppIntro:
    'The transfer (EPP) code lets another registrar take this domain. Keep it secret; turn the registrar lock off before transferring.',
  domEppShow: 'Show transfer code',
  domEppCode: 'Transfer code for {name}',
  domEppNote: 'The account owner has been told that the code was viewed.',
  domEppRateLimited: 'The transfer code was asked for too often. Try again in {seconds} s.',
  domEppRateLimitedLater: 'The transfer code was asked for too often. Try again later.',

  // Renewing.
  domRenewTitle: 'Renew',
  domRenewIntro: 'Renew now: we make an invoice, and paying it extends the domain at the registrar.',
  domRenewYears: 'Renew for',
  domYearOne: '1 year — {price}',
  domYearsMany: '{years} years — {price}',
  domRenew: 'Renew',
  domRenewInvoiced: 'Invoice {number} for {total} is ready. Pay it to renew {name}.',
  domRenewUnavailable: 'Renewing this domain online is not offered. Contact support to renew it.',
  domRenewNotAllowed: 'Renewing needs permission to pay invoices on this account.',

  // Errors the domain routes answer.
  domErrorRegistrar:
    'The registrar did not accept the change, so nothing was changed. Try again in a moment, or contact support if it keeps happening.',
  domErrorNotActive: 'This domain is not active, so it cannot be changed now.',
  domErrorPrice: 'Renewing for this many years is not offered. Pick another term.',
};

/** `<portal-nav>`'s link to My Domains. */
export const domainsNav = {
  navMyDomains: 'My domains',
};
