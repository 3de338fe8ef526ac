import { esc, layout } from './html';

/**
 * The sign-in page: the embedded provider's form; with an organisation's provider, the way to it (the web
 * UI as its OIDC client), or, when no client is configured, how to bring a token instead.
 */
export function signInPage(options: { formToken: string; next: string; error?: string; username?: string; embedded: boolean; organisation?: boolean }): string {
  const error = options.error ? `<p class="error" role="alert" id="sign-in-error">${esc(options.error)}</p>` : '';
  if (!options.embedded && options.organisation) {
    return layout({ title: 'Sign in', main: `<h1>Sign in</h1>${error}<p class="message">This installation signs you in through your organisation's identity provider.</p>
<p><a class="button" href="/sign-in/oidc?next=${encodeURIComponent(options.next)}">Sign in with your organisation</a></p>` });
  }
  if (!options.embedded) {
    return layout({ title: 'Sign in', main: `<h1>Sign in</h1><p class="message">This installation uses your organisation's identity provider. Get a token from it and use the API or <code>takedown login --token</code>.</p>` });
  }
  return layout({
    title: 'Sign in',
    main: `<h1>Sign in</h1>
${error}
<form method="post" action="/sign-in" class="card narrow"${options.error ? ' aria-describedby="sign-in-error"' : ''}>
  <input type="hidden" name="_csrf" value="${esc(options.formToken)}">
  <input type="hidden" name="next" value="${esc(options.next)}">
  <label for="username">User name</label>
  <input id="username" name="username" required autocomplete="username" autofocus value="${esc(options.username ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required autocomplete="current-password">
  <button type="submit">Sign in</button>
</form>`,
  });
}
