/**
 * The moderator's blur tool for one photo (issue 20, item 1: faces and number plates): drag a
 * rectangle over each face or plate with a mouse, a finger or a pen (pointer events), see them
 * pixelated over the photo as a preview, then publish. The blurring itself happens on the server
 * (`POST /api/moderation/photos/{id}/blur`), which keeps the original privately; the preview only
 * shows where. One Idempotency-Key per set of regions: a retried send of the same set is applied
 * once, a changed set is a new request. Refusals (a hub that cannot blur yet answers 409
 * `photo.blur_unavailable`) are worded through problemText.
 */
import { api, send, toApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { describeError } from '../thread/errors';
import { addRegion, type Region, regionFromDrag, regionOnScreen } from './blurRegions';

/** How coarse the preview's pixelation is, in displayed pixels per block. */
const PREVIEW_BLOCK = 8;

export function blurEditor(photoId: string): HTMLDetailsElement {
  let regions: Region[] = [];
  let key = crypto.randomUUID();
  let start: { x: number; y: number } | null = null;
  let current: { x: number; y: number } | null = null;

  const status = h('p', { role: 'status' });
  const img = h('img', {
    alt: t('moderation.blur.alt'),
    className: 'moderation-blur-photo',
    draggable: 'false',
  });
  /**
   * The photo through the moderators' route (with the sign-in token), so a hidden photo can be
   * blurred too; the public download refuses it. The original first (what a blur starts from),
   * the published copy after a blur.
   */
  let shownUrl: string | null = null;
  async function show(copy: 'original' | 'published'): Promise<void> {
    try {
      const res = await send(
        new Request(`/api/moderation/photos/${encodeURIComponent(photoId)}?copy=${copy}`),
      );
      if (!res.ok) throw await toApiError(res);
      const url = URL.createObjectURL(await res.blob());
      if (shownUrl) URL.revokeObjectURL(shownUrl);
      shownUrl = url;
      img.src = url;
    } catch (err) {
      status.textContent = describeError(err);
    }
  }
  const canvas = h('canvas', { className: 'moderation-blur-canvas', 'aria-hidden': 'true' });
  const list = h('ol', { className: 'moderation-blur-regions' });
  const publish = h('button', { type: 'button', disabled: true }, t('moderation.blur.publish'));

  const shown = () => ({ width: img.clientWidth, height: img.clientHeight });
  const natural = () => ({ width: img.naturalWidth, height: img.naturalHeight });
  const point = (e: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  function draw(): void {
    const size = shown();
    if (canvas.width !== size.width || canvas.height !== size.height) {
      canvas.width = size.width;
      canvas.height = size.height;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = false;
    for (const r of regions) {
      const s = regionOnScreen(r, size, natural());
      // Pixelated preview: the region drawn small, then stretched back without smoothing.
      const small = document.createElement('canvas');
      small.width = Math.max(1, Math.round(s.width / PREVIEW_BLOCK));
      small.height = Math.max(1, Math.round(s.height / PREVIEW_BLOCK));
      small.getContext('2d')?.drawImage(img, r.x, r.y, r.width, r.height, 0, 0, small.width, small.height);
      ctx.drawImage(small, 0, 0, small.width, small.height, s.x, s.y, s.width, s.height);
      ctx.strokeStyle = '#ffd400';
      ctx.lineWidth = 2;
      ctx.strokeRect(s.x, s.y, s.width, s.height);
    }
    if (start && current) {
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = '#ffffff';
      ctx.strokeRect(start.x, start.y, current.x - start.x, current.y - start.y);
      ctx.setLineDash([]);
    }
  }

  function changed(next: Region[]): void {
    regions = next;
    key = crypto.randomUUID();
    publish.disabled = regions.length === 0;
    list.replaceChildren(
      ...regions.map((r, i) =>
        h(
          'li',
          {},
          t('moderation.blur.region', { x: r.x, y: r.y, width: r.width, height: r.height }),
          ' ',
          h(
            'button',
            { type: 'button', onclick: () => changed(regions.filter((_, j) => j !== i)) },
            t('moderation.blur.remove'),
          ),
        ),
      ),
    );
    draw();
  }

  canvas.addEventListener('pointerdown', (e) => {
    if (!img.naturalWidth) return;
    canvas.setPointerCapture(e.pointerId);
    start = point(e);
    current = start;
    e.preventDefault();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!start) return;
    current = point(e);
    draw();
  });
  const finish = (e: PointerEvent) => {
    if (!start) return;
    const r = regionFromDrag(start, point(e), shown(), natural());
    start = null;
    current = null;
    if (!r) return draw();
    const next = addRegion(regions, r);
    if (next.full) status.textContent = t('moderation.blur.full');
    changed(next.regions);
  };
  canvas.addEventListener('pointerup', finish);
  canvas.addEventListener('pointercancel', () => {
    start = null;
    current = null;
    draw();
  });
  img.addEventListener('load', () => draw());
  img.addEventListener('error', () => {
    status.textContent = t('moderation.blur.noPhoto');
  });

  publish.addEventListener('click', async () => {
    publish.disabled = true;
    try {
      const r = await api<{ regions: number }>(`/api/moderation/photos/${encodeURIComponent(photoId)}/blur`, {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: JSON.stringify({ regions }),
      });
      status.textContent = t('moderation.blur.done', { n: r.regions });
      changed([]);
      // The published copy now is the blurred one: show it.
      void show('published');
    } catch (err) {
      status.textContent = describeError(err);
      publish.disabled = regions.length === 0;
    }
  });

  // Fetched when opened: a queue of many photos does not download them all.
  const ontoggle = (e: Event) => {
    if ((e.currentTarget as HTMLDetailsElement).open && !shownUrl) void show('original');
  };
  return h(
    'details',
    { className: 'moderation-blur', ontoggle },
    h('summary', {}, t('moderation.blur.open')),
    h('p', { className: 'moderation-blur-help' }, t('moderation.blur.help')),
    h('div', { className: 'moderation-blur-stage' }, img, canvas),
    list,
    h(
      'div',
      {},
      h('button', { type: 'button', onclick: () => changed([]) }, t('moderation.blur.clear')),
      publish,
    ),
    status,
  );
}
