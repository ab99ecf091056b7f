import { expect } from '@open-wc/testing';
import '../index.js';
import {
  addMessages,
  catalogFor,
  catalogLanguage,
  type MessageKey,
  registerLocale,
  translate,
} from './localize.js';

describe('localization', () => {
  it('has every message in English and Spanish once all the elements are loaded', () => {
    const en = catalogFor('en');
    const es = catalogFor('es');
    expect(Object.keys(es).sort()).to.deep.equal(Object.keys(en).sort());
    for (const key of ['forgotPassword', 'fullName', 'accountMenu', 'networkError'] as MessageKey[]) {
      expect(es[key], key).to.be.a('string').and.not.equal(en[key]);
    }
  });

  it('picks the catalog by tag, then language, then English', () => {
    expect(catalogLanguage('es-MX')).to.equal('es');
    expect(catalogLanguage('de')).to.equal('en');
    expect(translate('es-MX', 'signedInAs', { name: 'Ada' })).to.equal('Sesión iniciada como Ada');
    expect(translate('de', 'signIn')).to.equal('Sign in');
  });

  it('registers a locale whose missing messages fall back to English', () => {
    registerLocale('FR', { signIn: 'Se connecter' });
    expect(catalogLanguage('fr-CA')).to.equal('fr');
    expect(translate('fr', 'signIn')).to.equal('Se connecter');
    expect(translate('fr', 'signOut')).to.equal('Sign out');
  });

  it('changes single messages of a built-in locale, and keeps them when more elements load', () => {
    registerLocale('es-ar', { email: 'Tu correo', signIn: 'Entrar' });
    registerLocale('es-ar', { signIn: 'Ingresar' });
    // An element loaded later adds its built-in messages without replacing the page's.
    addMessages('es-ar', { email: 'Correo', code: 'Código' });
    expect(translate('es-ar', 'email')).to.equal('Tu correo');
    expect(translate('es-ar', 'signIn')).to.equal('Ingresar');
    expect(translate('es-ar', 'code')).to.equal('Código');
    expect(translate('es-ar', 'signOut')).to.equal('Sign out');
  });
});
