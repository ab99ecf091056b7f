import { expect } from '@open-wc/testing';
import type { StaffRole, StaffSession } from '@portico/sdk/admin';
import { allowed, hashOf, navGroupOf, navPages, pageRoutes, parseHash, sectionOf } from './routes.js';

const as = (role: StaffRole) => ({ staff: { role } }) as StaffSession;

describe('console routes', () => {
  it('reads every page from its hash', () => {
    expect(parseHash('')).to.deep.equal({ page: 'clients' });
    expect(parseHash('#/')).to.deep.equal({ page: 'clients' });
    expect(parseHash('#/clients/acct_1')).to.deep.equal({ page: 'client', id: 'acct_1' });
    expect(parseHash('#/invoices')).to.deep.equal({ page: 'invoices' });
    expect(parseHash('#/invoices/inv_1')).to.deep.equal({ page: 'invoice', id: 'inv_1' });
    expect(parseHash('#/services/svc%201')).to.deep.equal({ page: 'service', id: 'svc 1' });
    expect(parseHash('#/invoices?account=acct_1')).to.deep.equal({ page: 'invoices', account: 'acct_1' });
    expect(parseHash('#/services?account=acct_1')).to.deep.equal({ page: 'services', account: 'acct_1' });
    expect(parseHash('#/orders?account=acct_1')).to.deep.equal({ page: 'orders', account: 'acct_1' });
    expect(parseHash('#/domains?account=acct_1')).to.deep.equal({ page: 'domains', account: 'acct_1' });
    expect(parseHash('#/domains/dom_1')).to.deep.equal({ page: 'domain', id: 'dom_1' });
    expect(parseHash('#/tlds?account=acct_1')).to.deep.equal({ page: 'tlds' });
    expect(parseHash('#/products?account=acct_1')).to.deep.equal({ page: 'products' });
    expect(parseHash('#/tickets/tkt_1')).to.deep.equal({ page: 'ticket', id: 'tkt_1' });
    expect(parseHash('#/tickets?account=acct_1&status=open&q=&assignee=me')).to.deep.equal({
      page: 'tickets',
      account: 'acct_1',
      query: 'status=open&assignee=me',
    });
    expect(parseHash('#/domains?status=failed')).to.deep.equal({ page: 'domains' });
    for (const page of navPages) expect(parseHash(`#/${page}`)).to.deep.equal({ page });
  });

  it('reads and writes the hashes of the app pages', () => {
    expect(parseHash('#/affiliates/aff_1')).to.deep.equal({ page: 'affiliate', id: 'aff_1' });
    expect(parseHash('#/courses/crs_1')).to.deep.equal({ page: 'course', id: 'crs_1' });
    expect(parseHash('#/moderation/pst_1')).to.deep.equal({ page: 'moderation-post', id: 'pst_1' });
    expect(parseHash('#/apps/courses')).to.deep.equal({ page: 'not-found' });
    expect(parseHash('#/communities/grp_1')).to.deep.equal({ page: 'not-found' });
    expect(hashOf('affiliate', 'aff_1')).to.equal('#/affiliates/aff_1');
    expect(hashOf('moderation-post', 'pst 1')).to.equal('#/moderation/pst%201');
    expect(sectionOf('affiliate')).to.equal('affiliates');
    expect(sectionOf('course')).to.equal('courses');
    expect(sectionOf('moderation-post')).to.equal('moderation');
    expect(navGroupOf.moderation).to.equal('navAppsGroup');
    // Apps are the admin's; the affiliate programme is read by every role (support without money actions).
    expect(allowed(as('support'), pageRoutes.apps)).to.be.false;
    expect(allowed(as('billing'), pageRoutes.affiliate)).to.be.true;
    expect(allowed(as('billing'), pageRoutes['moderation-post'])).to.be.false;
  });

  it('says "not found" for what is not a page', () => {
    for (const hash of [
      '#/nowhere',
      '#/client',
      '#/invoice',
      '#/products/prod_1',
      '#/domain',
      '#/tlds/com',
      '#/clients/a/b',
      '#/clients/%E0%A4%A',
    ]) {
      expect(parseHash(hash), hash).to.deep.equal({ page: 'not-found' });
    }
  });

  it('writes the hash of each page, which reads back the same', () => {
    expect(hashOf('clients')).to.equal('#/clients');
    expect(hashOf('client', 'acct_1')).to.equal('#/clients/acct_1');
    expect(hashOf('invoice', 'inv 1')).to.equal('#/invoices/inv%201');
    expect(hashOf('service', 'svc_1')).to.equal('#/services/svc_1');
    expect(hashOf('billing-settings')).to.equal('#/billing-settings');
    expect(hashOf('invoices', undefined, { account: 'acct_1' })).to.equal('#/invoices?account=acct_1');
    expect(hashOf('products', undefined, { account: 'acct_1' })).to.equal('#/products');
    for (const [page, id, account] of [
      ['invoice', 'inv_1', undefined],
      ['service', 'svc_1', undefined],
      ['invoices', undefined, 'acct_1'],
      ['domain', 'dom_1', undefined],
      ['domains', undefined, 'acct_1'],
      ['cancellations', undefined, undefined],
    ] as const) {
      const route = parseHash(hashOf(page, id, { account }));
      expect(route).to.deep.equal({ page, ...(id ? { id } : {}), ...(account ? { account } : {}) });
    }
    expect(sectionOf('invoice')).to.equal('invoices');
    expect(sectionOf('service')).to.equal('services');
    expect(sectionOf('domain')).to.equal('domains');
    expect(sectionOf('orders')).to.equal('orders');
    expect(sectionOf('ticket')).to.equal('tickets');
    expect(parseHash('#/kb/kba_1')).to.deep.equal({ page: 'kb-article', id: 'kba_1' });
    expect(parseHash('#/announcements/new')).to.deep.equal({ page: 'announcement', id: 'new' });
    expect(parseHash('#/status/inc_1')).to.deep.equal({ page: 'incident', id: 'inc_1' });
    expect(hashOf('kb-article', 'new')).to.equal('#/kb/new');
    expect(hashOf('incident', 'inc_1')).to.equal('#/status/inc_1');
    expect(sectionOf('kb-article')).to.equal('kb');
    expect(sectionOf('announcement')).to.equal('announcements');
    expect(sectionOf('incident')).to.equal('status');
    expect(parseHash('#/faq/x')).to.deep.equal({ page: 'not-found' });
    expect(parseHash('#/home/x')).to.deep.equal({ page: 'not-found' });
    expect(hashOf('tickets', undefined, { account: 'acct_1', query: 'status=all&q=dns+records' })).to.equal(
      '#/tickets?account=acct_1&status=all&q=dns+records',
    );
    expect(hashOf('domains', undefined, { query: 'status=failed' })).to.equal('#/domains');
    expect(parseHash(hashOf('tickets', undefined, { query: 'priority=urgent' }))).to.deep.equal({
      page: 'tickets',
      query: 'priority=urgent',
    });
  });

  it('lets each role open the pages whose first request it may make', () => {
    const open = (role: StaffRole) => navPages.filter((page) => allowed(as(role), pageRoutes[page]));
    expect(open('admin')).to.deep.equal([...navPages]);
    expect(open('billing')).to.deep.equal([
      'clients',
      'portal-users',
      'orders',
      'invoices',
      'services',
      'domains',
      'cancellations',
      'tickets',
      'products',
      'tlds',
      'billing-settings',
      'domain-settings',
      'support-settings',
      'kb',
      'faq',
      'announcements',
      'status',
      'home',
      'affiliates',
      'security',
    ]);
    expect(open('support')).to.deep.equal([
      'clients',
      'portal-users',
      'orders',
      'invoices',
      'services',
      'domains',
      'cancellations',
      'tickets',
      'products',
      'tlds',
      'domain-settings',
      'support-settings',
      'kb',
      'faq',
      'announcements',
      'status',
      'home',
      'affiliates',
      'courses',
      'communities',
      'moderation',
      'security',
    ]);
    expect(allowed(null, pageRoutes.invoices)).to.be.false;
    expect(allowed(null, pageRoutes.security)).to.be.true;
  });
});
