// @wordfreq/mytravel-site: the forum's pages (built by Vite into dist/site) and their local front on
// the emulated AWS of `npm run local`. The pages are static; everything dynamic goes through /api.
export { startLocalSite, type LocalSite, type LocalSiteOptions } from './local/local-site.js';
export { localSiteOptionsFromEnv } from './local/local-site-env.js';
export { siteContentSecurityPolicy, siteSecurityHeaders } from './content-security-policy.js';
export { toApiGatewayEvent, writeApiGatewayResult } from './local/api-gateway-event.js';
