import { api } from './api.js';
import { byId } from './dom.js';

/**
 * Counts this page view (one POST per page load) and shows the site's total that the count
 * returned. If counting fails the page still works; the footer says the total is unavailable.
 */
export async function countVisit(page: string): Promise<void> {
  const out = byId('visits');
  // Shown only where a script counts: without JavaScript there is no total to show.
  byId('visits-total').hidden = false;
  try {
    const { totalVisits } = await api<{ totalVisits: number }>(`/visits/${encodeURIComponent(page)}`, { method: 'POST', keepalive: true });
    out.textContent = `${totalVisits.toLocaleString()} ${totalVisits === 1 ? 'visit' : 'visits'}`;
    out.dataset.total = String(totalVisits);
  } catch {
    out.textContent = 'visits unavailable';
  }
}
