import type { Actor } from '../../domain/actors';

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The pages each role finds in the navigation (the API still decides what each may do). */
const navigation: { href: string; label: string; roles: Actor['role'][] }[] = [
  { href: '/cases', label: 'Cases', roles: ['agent', 'coordinator', 'supervisor'] },
  { href: '/tasks', label: 'My tasks', roles: ['agent', 'supervisor'] },
  { href: '/leads', label: 'Leads', roles: ['agent', 'counsel', 'coordinator', 'supervisor', 'partner'] },
  { href: '/review', label: 'Review queue', roles: ['counsel', 'supervisor'] },
  { href: '/dashboard', label: 'Dashboard', roles: ['coordinator', 'supervisor'] },
  { href: '/operations', label: 'Operations', roles: ['coordinator', 'supervisor'] },
  { href: '/report', label: 'Report', roles: ['coordinator', 'supervisor'] },
  { href: '/outreach', label: 'Outreach', roles: ['agent', 'counsel', 'coordinator', 'supervisor'] },
  { href: '/custody', label: 'Custody', roles: ['agent', 'counsel', 'coordinator', 'supervisor'] },
  { href: '/docs', label: 'API', roles: ['agent', 'counsel', 'coordinator', 'supervisor'] },
];

export interface LayoutOptions {
  title: string;
  main: string;
  actor?: Actor;
  /** The session's CSRF token: page scripts read it from the meta tag; the sign-out form carries it. */
  csrfToken?: string;
  /** Page script (an ES module under /assets). */
  script?: string;
  /** Attributes the page script reads (e.g. the case ID), as data-* on <main>. */
  data?: Record<string, string>;
  /** Extra markup for <head>, already escaped (e.g. a refresh after sign-in). */
  head?: string;
}

/** Every page: no external fonts or scripts, one stylesheet, a skip link, landmarks. */
export function layout(options: LayoutOptions): string {
  const { actor } = options;
  const nav = actor
    ? `<nav aria-label="Main"><ul>${navigation.filter((n) => n.roles.includes(actor.role)).map((n) => `<li><a href="${n.href}">${esc(n.label)}</a></li>`).join('')}</ul></nav>
       <div class="who"><span>${esc(actor.name)} <span class="role">${esc(actor.role)}</span></span>
         <form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${esc(options.csrfToken)}"><button type="submit" class="link">Sign out</button></form></div>`
    : '';
  const data = Object.entries(options.data ?? {}).map(([k, v]) => ` data-${k}="${esc(v)}"`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.csrfToken ? `<meta name="csrf-token" content="${esc(options.csrfToken)}">` : ''}
<title>${esc(options.title)} · Takedown</title>
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${options.head ?? ''}
${options.script ? `<script type="module" src="/assets/${esc(options.script)}"></script>` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="/">Takedown</a>${nav}</header>
<main id="main" tabindex="-1"${data}>
${options.main}
</main>
</body>
</html>`;
}

/** A page that only says something (errors, confirmations). */
export function messagePage(title: string, message: string, actor?: Actor, csrfToken?: string): string {
  return layout({ title, actor, csrfToken, main: `<h1>${esc(title)}</h1><p class="message">${esc(message)}</p>` });
}
