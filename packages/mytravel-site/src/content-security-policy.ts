/**
 * The pages' content security policy: scripts, styles and fonts from the site only (Vite emits
 * them as files, nothing inline), images from the site and from `blob:` (the form's preview of the
 * chosen photo), requests to the site's API and to the bucket the photos are uploaded to. No
 * plugins, no framing, no `<base>` rewrites, forms post only to the site. CloudFront sends it as a
 * response header (a response headers policy); the local front sends the same.
 */
export function siteContentSecurityPolicy(options: { readonly uploadOrigin: string }): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob:",
    `connect-src 'self' ${options.uploadOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every page and file of the site gets besides the CSP. */
export const siteSecurityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};
