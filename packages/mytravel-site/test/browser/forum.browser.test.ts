// The callbacks given to page.evaluate run in the page: they are typed with the DOM.
/// <reference lib="dom" />
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { startLocalAws, type LocalAws } from '@wordfreq/local-aws';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSite, type LocalSite } from '../../src/index.js';
import { launchChromium } from './chromium.js';
import { landscapePng } from './test-images.js';

const shots = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const siteDir = fileURLToPath(new URL('../../dist/site', import.meta.url));
const milestone = 8;
const mailTo = 'owner+browser@mytravel.example';

let local: LocalAws;
let site: LocalSite;
let browser: Browser;
let context: BrowserContext;
const requested: string[] = [];
const cspViolations: string[] = [];
/** Every total the pages showed, in order: one more per page view. */
const totals: number[] = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  if (!existsSync(`${siteDir}/index.html`)) throw new Error(`${siteDir} has no built pages: run npm run build (or npm run test:browser at the root, which builds first)`);
  local = await startLocalAws();
  site = await startLocalSite(local, { port: 0, milestones: [milestone], mailTo, siteDir });
  browser = await launchChromium();
  context = await newContext();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await local?.stop();
});

async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const made = await browser.newContext({ viewport: { width: 1200, height: 800 }, ...options });
  made.on('request', (request) => requested.push(request.url()));
  made.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return made;
}

/** Opens a page and waits for its visit to be counted; returns the total it shows. */
async function view(page: Page, path: string): Promise<number> {
  await page.goto(`${site.url}${path}`);
  const visits = page.locator('#visits[data-total]');
  await visits.waitFor();
  const total = Number(await visits.getAttribute('data-total'));
  totals.push(total);
  return total;
}

const photo = landscapePng(960, 640, 'dawn');
const scriptText = 'Trams and tiles.\n<script>window.__pwned = true</script> <b>not bold</b> & "fado"';
let postId = '';

describe('MyTravel in Chromium, on the emulated AWS of npm run local', () => {
  it('opens the home page, which counts its visit and shows the site total', async () => {
    const page = await context.newPage();
    expect(await view(page, '/')).toBe(1);
    await expect.poll(() => page.locator('#status').textContent()).toBe('No posts yet. Be the first to write one!');
    expect(await page.locator('#visits').textContent()).toBe('1 visit');
    await page.screenshot({ path: `${shots}home-empty.png`, fullPage: true });
    await page.close();
  });

  it('publishes a post with a photo, whose text shows as text, never as markup', async () => {
    const page = await context.newPage();
    expect(await view(page, '/new.html')).toBe(2);
    await page.getByLabel('Title').fill('Alfama at dawn <script>');
    await page.getByLabel('Place').fill('Lisbon, Portugal');
    await page.getByLabel('Your story').fill(scriptText);
    await page.getByLabel('Photo').setInputFiles({ name: 'alfama.png', mimeType: 'image/png', buffer: photo });
    await page.locator('#preview:not([hidden])').waitFor();
    await page.screenshot({ path: `${shots}new-post-filled.png`, fullPage: true });
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/post\.html\?id=/);
    postId = new URL(page.url()).searchParams.get('id')!;
    await page.locator('#visits[data-total]').waitFor();
    totals.push(Number(await page.locator('#visits').getAttribute('data-total')));

    await expect.poll(() => page.locator('h1').textContent()).toBe('Alfama at dawn <script>');
    expect(await page.locator('.post-text').textContent()).toBe(scriptText);
    expect(await page.locator('article script, article b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    const img = page.locator('img.photo');
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(960);
    expect(await img.getAttribute('alt')).toBe('Photo: Alfama at dawn <script>');
    expect(await page.title()).toBe('Alfama at dawn <script> · MyTravel');
    await page.screenshot({ path: `${shots}post.png`, fullPage: true });
    await page.close();
  });

  it('lists the new post on the home page and opens it from there', async () => {
    const page = await context.newPage();
    await view(page, '/');
    const card = page.locator('.card').filter({ hasText: 'Alfama at dawn' });
    await card.waitFor();
    expect(await page.locator('.card').count()).toBe(1);
    expect(await card.locator('.place').textContent()).toBe('Lisbon, Portugal');
    expect(await card.locator('.excerpt').textContent()).toBe('Trams and tiles. <script>window.__pwned = true</script> <b>not bold</b> & "fado"');
    await expect.poll(() => card.locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(960);
    await page.screenshot({ path: `${shots}home.png`, fullPage: true });
    await card.getByRole('link', { name: 'Alfama at dawn <script>' }).click();
    await page.waitForURL(`${site.url}/post.html?id=${postId}`);
    await page.locator('#visits[data-total]').waitFor();
    totals.push(Number(await page.locator('#visits').getAttribute('data-total')));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alfama at dawn <script>');
    await page.close();
  });

  it('counted exactly one visit per page view', () => {
    expect(totals).toEqual([1, 2, 3, 4, 5]);
  });

  it('backed up the photo and the post text into the backup bucket', async () => {
    await site.drain();
    const head = (key: string) => local.aws.clients.s3.send(new HeadObjectCommand({ Bucket: site.backupBucket, Key: key }));
    expect(await head(`posts/${postId}/photo`)).toMatchObject({ ContentLength: photo.length, ContentType: 'image/png' });
    expect((await head(`posts/${postId}/post.json`)).ContentType).toMatch(/^application\/json/);
  });

  it('refuses an oversized photo and a wrong content type with a readable message', async () => {
    const page = await context.newPage();
    await view(page, '/new.html');
    await page.getByLabel('Title').fill('Too big');
    await page.getByLabel('Place').fill('Porto');
    await page.getByLabel('Your story').fill('A huge panorama.');
    await page.getByLabel('Photo').setInputFiles({ name: 'panorama.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 7) });
    await page.getByRole('button', { name: 'Publish' }).click();
    const problems = page.getByRole('alert');
    await expect.poll(() => problems.textContent()).toBe('Your post was not published:Photo is 11 MB; the limit is 10 MB.');
    await page.screenshot({ path: `${shots}new-post-too-large.png`, fullPage: true });

    await page.getByLabel('Photo').setInputFiles({ name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => problems.textContent()).toBe('Your post was not published:Photo type image/gif is not accepted; use a JPEG, PNG, WebP image.');
    await page.close();
  });

  it('has the storage itself refuse a photo larger than the browser declared (the presigned policy)', async () => {
    const page = await context.newPage();
    // A client that lies about the size gets a grant for 1 KB; the policy's content-length-range still holds.
    await page.route('**/api/posts', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { photo: { size: number } };
      body.photo.size = 1024;
      await route.continue({ postData: JSON.stringify(body) });
    });
    await view(page, '/new.html');
    await page.getByLabel('Title').fill('Lying about size');
    await page.getByLabel('Place').fill('Faro');
    await page.getByLabel('Your story').fill('Says 1 KB, sends 11 MB.');
    await page.getByLabel('Photo').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(11 * 1024 * 1024, 3) });
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Your post was not published:The photo is larger than the upload allows (10 MB). Choose a smaller photo.');
    await page.close();
    const listed = (await (await fetch(`${site.url}/api/posts`)).json()) as { posts: { title: string }[] };
    expect(listed.posts.map((p) => p.title)).toEqual(['Alfama at dawn <script>']);
  });

  it('sends exactly one milestone mail when the total crosses the threshold', async () => {
    const page = await context.newPage();
    while ((await view(page, '/')) < milestone + 2);
    await page.close();
    await site.drain();
    const mails = (await local.aws.readSentMail()).filter((mail) => mail.destination.to.includes(mailTo));
    expect(mails.map((mail) => mail.subject)).toEqual([`Congratulations: MyTravel has passed ${milestone} visits`]);
  });

  it('reads on a phone, and without JavaScript says what is needed', async () => {
    const phone = await newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await view(page, '/');
    await page.locator('.card img').evaluate((i: HTMLImageElement) => i.decode());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.screenshot({ path: `${shots}home-phone.png`, fullPage: true });
    await view(page, `/post.html?id=${postId}`);
    await page.locator('img.photo').evaluate((i: HTMLImageElement) => i.decode());
    await page.screenshot({ path: `${shots}post-phone.png`, fullPage: true });
    await view(page, '/new.html');
    await page.screenshot({ path: `${shots}new-post-phone.png`, fullPage: true });
    await phone.close();

    const noScript = await newContext({ javaScriptEnabled: false });
    const bare = await noScript.newPage();
    await bare.goto(`${site.url}/`);
    expect(await bare.locator('noscript, .note').first().textContent()).toContain('Turn JavaScript on to read them.');
    await bare.screenshot({ path: `${shots}home-no-js.png`, fullPage: true });
    await noScript.close();
  });

  it('measures the home page: bytes transferred and time to first render, from a cold cache', async () => {
    const cold = await newContext();
    const page = await cold.newPage();
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    await page.locator('.card img').evaluate((i: HTMLImageElement) => i.decode());
    const figures = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const paint = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
      return {
        transferredBytes: navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
        withoutPhotoBytes: navigation.transferSize + resources.filter((r) => !r.name.includes('/posts/')).reduce((sum, r) => sum + r.transferSize, 0),
        requests: 1 + resources.length,
        firstPaintMs: paint('first-paint'),
        firstContentfulPaintMs: paint('first-contentful-paint'),
        domContentLoadedMs: navigation.domContentLoadedEventEnd,
      };
    });
    writeFileSync(`${shots}home-figures.json`, `${JSON.stringify(figures, null, 2)}\n`);
    console.log('home page figures', figures);
    expect(figures.transferredBytes).toBeGreaterThan(photo.length);
    expect(figures.firstContentfulPaintMs).toBeGreaterThan(0);
    await cold.close();
  });

  it('kept every request on this machine and broke no content security policy', () => {
    const offMachine = requested.filter((url) => !url.startsWith('http://127.0.0.1:') && !url.startsWith('blob:http://127.0.0.1:') && !url.startsWith('data:'));
    expect(offMachine).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
