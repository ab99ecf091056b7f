export { recordHeadStyles as default } from '../lib/styles.js';
