import { basename } from 'node:path';
import type { Plugin } from 'vite';

/**
 * What every page shares, written once: the head's common tags, the header with its navigation and
 * the footer with the visit total. Each page in site/ marks the places with `<!-- site:head -->`,
 * `<!-- site:header -->` and `<!-- site:footer -->`; the build (and Vite's dev server) fills them in,
 * marking the page's own navigation link with `aria-current="page"`.
 */
const head = `<meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light" />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="./styles.css" />`;

const navigation = [
  { page: 'index.html', href: '/', text: 'Newest posts', attributes: '' },
  { page: 'new.html', href: '/new.html', text: 'Write a post', attributes: ' class="button"' },
];

const header = (page: string) => `<a class="skip" href="#main">Skip to content</a>
    <header class="site-header">
      <div class="bar">
        <a class="brand" href="/">MyTravel</a>
        <nav aria-label="Site">
          <ul>
${navigation.map((link) => `            <li><a${link.attributes} href="${link.href}"${link.page === page ? ' aria-current="page"' : ''}>${link.text}</a></li>`).join('\n')}
          </ul>
        </nav>
      </div>
    </header>`;

const footer = `<footer class="site-footer">
      <p>MyTravel, a travel forum. <span id="visits-total" hidden>Site total: <output id="visits" aria-live="polite">…</output></span></p>
    </footer>`;

export function siteLayout(): Plugin {
  return {
    name: 'mytravel-site-layout',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        const page = basename(context.filename);
        const filled = html.replace('<!-- site:head -->', head).replace('<!-- site:header -->', header(page)).replace('<!-- site:footer -->', footer);
        if (/<!-- site:\w+ -->/.test(filled)) throw new Error(`${page}: unknown layout marker ${/<!-- site:\w+ -->/.exec(filled)![0]}`);
        return filled;
      },
    },
  };
}
