import type { PorticoContext } from '../../app.js';
import { seedStaffChange } from '../../seed.js';

interface DemoArticle {
  title: string;
  body: string;
  status?: 'draft';
}

/** The demo knowledge base: what a small web host's clients ask about most, in three categories. */
const DEMO_KB: ReadonlyArray<{ name: string; description: string; articles: readonly DemoArticle[] }> = [
  {
    name: 'Getting started',
    description: 'Your account, your first website upload and HTTPS.',
    articles: [
      {
        title: 'Sign in and secure your account with two-factor authentication',
        body: `Your client portal is where you pay invoices, manage services and domains, and talk to support.
Protect it like you protect your bank account.

## Turn on two-factor authentication

1. Sign in and open **Security**.
2. Choose **Set up an authenticator app** and scan the QR code with an app such as Aegis, 1Password or Google
   Authenticator.
3. Type the 6-digit code the app shows to confirm.
4. Save your **backup codes** somewhere safe (a password manager, or printed). Each one works once, if you lose
   your phone.

From now on, signing in asks for a code from the app after your password.

## Add a passkey

A passkey lets you sign in with your fingerprint, face or device PIN instead of a password. Open **Security →
Passkeys → Add a passkey** on each device you use.

## If you are locked out

- Use one of your backup codes in place of the app's code.
- No backup codes left? Open a ticket from the address on your account and we will verify who you are before
  removing two-factor authentication. This takes up to one business day, on purpose.

> We will never ask for your password or a sign-in code by email, phone or chat.`,
      },
      {
        title: 'Upload your website with SFTP',
        body: `SFTP is the secure way to copy files to your hosting. Plain FTP sends your password unencrypted, so
we do not offer it.

## Connection details

| Setting  | Value                                   |
|----------|-----------------------------------------|
| Protocol | SFTP (SSH File Transfer Protocol)        |
| Host     | the server name in **Services → Details** |
| Port     | 22                                      |
| Username | your hosting username                   |
| Password | your hosting password, or an SSH key    |

Your website's files go in the \`public_html\` folder. Anything outside it is not reachable from the web, which
makes it the right place for backups and configuration files with secrets.

## With FileZilla

1. Open **File → Site Manager → New site**.
2. Choose **SFTP** as the protocol and fill in the details above.
3. Click **Connect**, accept the server's key the first time, and drag your files into \`public_html\`.

## From the command line

\`\`\`sh
# Copy a folder up (macOS, Linux, or Windows with OpenSSH)
scp -r ./site/* username@server.example.net:public_html/

# Or keep a folder in sync, sending only what changed
rsync -avz --delete ./site/ username@server.example.net:public_html/
\`\`\`

Your home page must be called \`index.html\` or \`index.php\`.`,
      },
      {
        title: 'Turn on HTTPS with a free certificate',
        body: `Every site we host gets a free certificate from Let's Encrypt, renewed automatically every 60 days.

## When it is issued

The certificate is issued within an hour of your domain **pointing at your hosting** (see *Point your domain at
your hosting*). Until then, browsers show a warning for \`https://\` addresses.

## Send every visitor to HTTPS

Add this to the \`.htaccess\` file in \`public_html\`:

\`\`\`apache
RewriteEngine On
RewriteCond %{HTTPS} off
RewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [L,R=301]
\`\`\`

## "Mixed content" warnings

If the padlock is missing although the certificate is fine, the page loads images or scripts over \`http://\`.
Change those links to \`https://\` (or to paths starting with \`/\`). In WordPress, update **Settings → General →
Site Address** to start with \`https://\`.`,
      },
    ],
  },
  {
    name: 'Email',
    description: 'Mail apps, spam protection and forwarding.',
    articles: [
      {
        title: 'Email settings for phones and mail apps',
        body: `Use these settings in Apple Mail, Outlook, Thunderbird, Gmail's app or any other mail app. Choose
**IMAP** so your mail stays in sync on every device.

| What             | Server                 | Port | Security |
|------------------|------------------------|-----:|----------|
| Incoming (IMAP)  | mail.northwind.example |  993 | SSL/TLS  |
| Outgoing (SMTP)  | mail.northwind.example |  465 | SSL/TLS  |
| Outgoing (alt.)  | mail.northwind.example |  587 | STARTTLS |

- **Username:** your full email address, such as \`ana@yourdomain.com\`.
- **Password:** the mailbox's password (not your portal password).
- Outgoing mail needs authentication: tick *My outgoing server requires authentication*, with the same username
  and password.

## It does not connect

- Double-check the username is the **whole** address.
- Some networks block port 465: try 587 with STARTTLS.
- Five wrong passwords in a row block your address for 15 minutes. Wait, then try again.`,
      },
      {
        title: 'Keep your mail out of spam: SPF, DKIM and DMARC',
        body: `Gmail, Outlook and Yahoo now reject or junk mail from domains without these three DNS records. If your
domain uses our name servers, we add them for you. If your DNS is elsewhere, add them there.

## SPF: who may send for your domain

\`\`\`txt
yourdomain.com.  TXT  "v=spf1 include:_spf.northwind.example ~all"
\`\`\`

A domain may have **only one** SPF record. If you also send through another service (a newsletter tool, for
example), add its \`include:\` to the same record.

## DKIM: a signature on every message

Copy the \`default._domainkey\` TXT record shown in **Services → Email → DNS**. It is long: paste it whole.

## DMARC: what to do with mail that fails

Start by only collecting reports, then tighten it once reports show all your mail passes:

\`\`\`txt
_dmarc.yourdomain.com.  TXT  "v=DMARC1; p=none; rua=mailto:dmarc@yourdomain.com"
\`\`\`

After a few weeks, change \`p=none\` to \`p=quarantine\`.`,
      },
      {
        title: 'Forward mail to another address',
        body: `A forwarder sends a copy of everything that arrives at one address to another, such as
\`sales@yourdomain.com\` to your personal inbox.

1. Open **Services**, choose your hosting plan and then **Email → Forwarders**.
2. Click **Add forwarder**, type the address to forward and where it should go.
3. Save. It works within a minute.

Good to know:

- Forwarded mail keeps its original sender, so replies go to the right person.
- Spam that reaches the address is forwarded too: if your other provider starts junking everything from us, use
  a mailbox and the IMAP settings instead.
- To keep a copy as well, create a mailbox with the same address and add the forwarder to it.`,
      },
    ],
  },
  {
    name: 'Domains & DNS',
    description: 'Name servers, DNS records and transfers.',
    articles: [
      {
        title: 'Point your domain at your hosting',
        body: `There are two ways to connect a domain to your hosting. Pick one.

## Option 1: use our name servers (recommended)

We then manage every DNS record for you, mail records included.

| Name server | Host name              |
|-------------|------------------------|
| Primary     | ns1.northwind.example  |
| Secondary   | ns2.northwind.example  |

If the domain is registered with us, this is already done. Elsewhere, change the name servers at your
registrar.

## Option 2: keep your DNS and add records

| Type  | Name | Value                                 |
|-------|------|---------------------------------------|
| A     | @    | the IP address in **Services → Details** |
| CNAME | www  | yourdomain.com                        |

Check what the world sees with:

\`\`\`sh
dig +short yourdomain.com A
dig +short yourdomain.com NS
\`\`\`

Changes can take a while to show everywhere: see *Why DNS changes take time*.`,
      },
      {
        title: 'Why DNS changes take time',
        body: `When you change a DNS record, servers around the world keep the old answer until its **TTL** (time to
live) runs out. That is why a change can show for you and not yet for a customer.

- **Record changes** (A, CNAME, MX, TXT) show within the record's TTL: usually 1 hour with our name servers.
- **Name server changes** can take up to 48 hours, because the TTL of the domain's delegation is set by the
  registry, not by us.

## Make a planned change faster

A day before moving a site, lower the TTL of the records you will change to 300 seconds (5 minutes). Make the
change, check everything works, then put the TTL back to 3600.

## See it from elsewhere

Your own computer caches answers too. Ask a public resolver directly:

\`\`\`sh
dig @1.1.1.1 yourdomain.com A
\`\`\``,
      },
      {
        title: 'Transfer a domain to Northwind',
        status: 'draft',
        body: `Moving a domain from another registrar takes about five days and adds a year to its expiry.

1. Unlock the domain at your current registrar and ask for its **EPP code** (also called auth code).
2. Check the domain is more than 60 days old and that the owner's email address is current.
3. Order the transfer in our store with the EPP code.`,
      },
    ],
  },
];

/** The demo FAQ: two groups of four questions. */
const DEMO_FAQ: ReadonlyArray<{ name: string; items: ReadonlyArray<{ question: string; answer: string }> }> =
  [
    {
      name: 'Billing and your account',
      items: [
        {
          question: 'Which payment methods do you accept?',
          answer:
            'Credit and debit cards (Visa, Mastercard, American Express) and bank transfer. Card payments are processed by our payment provider: we never see or store your card number.',
        },
        {
          question: 'When will I be invoiced for a renewal?',
          answer:
            'Renewal invoices are issued **14 days** before the due date and mailed to the billing contacts on your account. With a saved card and automatic renewal on, we charge the card on the due date.',
        },
        {
          question: 'Can I get a refund?',
          answer:
            'Hosting plans can be cancelled for a full refund within **30 days** of the first order. Domain registrations cannot be refunded once the registry has accepted them.',
        },
        {
          question: 'How do I give my accountant or developer access?',
          answer:
            'Open **Contacts** and invite them with the role that fits: *Billing* sees and pays invoices; *Technical* manages services and domains. They get their own sign-in, and you can remove them at any time.',
        },
      ],
    },
    {
      name: 'Hosting and email',
      items: [
        {
          question: 'How long does it take to set up my hosting?',
          answer:
            'A few minutes after your first invoice is paid. You get an email with your server name and username; the knowledge-base article *Upload your website with SFTP* shows how to put your site online.',
        },
        {
          question: 'Do you back up my website?',
          answer:
            'Yes: every night, kept for 14 days, in another data centre. To restore a file or the whole site, open a ticket with the date you want to go back to.',
        },
        {
          question: 'Why are my emails going to spam?',
          answer:
            'Usually because the domain lacks SPF, DKIM or DMARC records. The knowledge-base article *Keep your mail out of spam* lists the records to add; with our name servers they are already there.',
        },
        {
          question: 'Can I upgrade my plan later?',
          answer:
            'Yes, at any time from **Services → Upgrade**. You pay only the difference for the rest of the billing period, and nothing on your site changes.',
        },
      ],
    },
  ];

/**
 * The demo knowledge base (three categories, eight published articles and a draft) and FAQ (two groups of four),
 * written through the content services as the demo admin would, so each change is audited. Outside production
 * only, once: the knowledge base while it has no category, the FAQ while it has no group.
 */
export async function seedContentDemo(ctx: PorticoContext): Promise<void> {
  if (ctx.config.mode === 'production') return;
  const staff = await ctx.db
    .selectFrom('staff')
    .select(['id', 'email'])
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (!staff) return;
  const change = seedStaffChange(staff);
  const { kbAdmin, faq } = ctx.content;
  const [category, group] = await Promise.all([
    ctx.db.selectFrom('kb_categories').select('id').limit(1).executeTakeFirst(),
    ctx.db.selectFrom('faq_groups').select('id').limit(1).executeTakeFirst(),
  ]);
  if (!category) {
    for (const [position, demo] of DEMO_KB.entries()) {
      const made = await kbAdmin.createCategory(
        { name: demo.name, description: demo.description, position },
        change,
      );
      for (const [index, article] of demo.articles.entries()) {
        await kbAdmin.createArticle(
          {
            title: article.title,
            body: article.body,
            categoryId: made.id,
            status: article.status ?? 'published',
            position: index,
          },
          change,
        );
      }
    }
  }
  if (!group) {
    for (const [position, demo] of DEMO_FAQ.entries()) {
      const made = await faq.createGroup({ name: demo.name, position }, change);
      for (const [index, item] of demo.items.entries()) {
        await faq.createItem(
          { groupId: made.id, question: item.question, answer: item.answer, position: index },
          change,
        );
      }
    }
  }
}
