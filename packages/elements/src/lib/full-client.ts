// Imported first by the full bundle (src/index.ts), before any element module: every provider and standalone
// element then makes the full client, with the account, security, token and contact resources.
import { createPortalClient } from '@portico/sdk';
import { useClientFactory } from './client-factory.js';

useClientFactory(createPortalClient);
