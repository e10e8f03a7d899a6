/**
 * The moderator's blur tool for one photo (issue 20, item 1: faces and number plates): drag a
 * rectangle over each face or plate with a mouse, a finger or a pen (pointer events), see them
 * pixelated over the photo as a preview, then publish. The blurring itself happens on the server
 * (`POST /api/moderation/photos/{id}/blur`), which keeps the original privately; the preview only
 * shows where. One Idempotency-Key per set of regions: a retried send of the same set is applied
 * once, a changed set is a new request. Refusals (a hub that cannot blur yet answers 409
 * `photo.blur_unavailable`) are worded through problemText.
 *
 * A component: its texts follow the language; the regions are its state, the drag in progress and
 * the canvas drawing stay outside rendering (refs), as pointer moves must not re-render.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { send, toApiError } from '../api';
import { call, client } from '../api/client';
import { t } from '../i18n';
import { describeError } from '../thread/errors';
import { addRegion, type Region, regionFromDrag, regionOnScreen } from './blurRegions';

/** How coarse the preview's pixelation is, in displayed pixels per block. */
const PREVIEW_BLOCK = 8;

type Status =
  | { key: 'moderation.blur.full' | 'moderation.blur.noPhoto' }
  | { done: number }
  | { failure: unknown };

export function BlurEditor({ photoId }: { photoId: string }) {
  const [regions, setRegions] = useState<Region[]>([]);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [shownUrl, setShownUrl] = useState<string | null>(null);
  const key = useRef(crypto.randomUUID());
  const img = useRef<HTMLImageElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ start: { x: number; y: number }; current: { x: number; y: number } } | null>(null);

  useEffect(() => () => (shownUrl ? URL.revokeObjectURL(shownUrl) : undefined), [shownUrl]);

  /**
   * The photo through the moderators' route (with the sign-in token), so a hidden photo can be
   * blurred too; the public download refuses it. The original first (what a blur starts from),
   * the published copy after a blur.
   */
  async function show(copy: 'original' | 'published'): Promise<void> {
    try {
      const res = await send(
        new Request(`/api/moderation/photos/${encodeURIComponent(photoId)}?copy=${copy}`),
      );
      if (!res.ok) throw await toApiError(res);
      setShownUrl(URL.createObjectURL(await res.blob()));
    } catch (err) {
      setStatus({ failure: err });
    }
  }

  const shown = () => ({ width: img.current?.clientWidth ?? 0, height: img.current?.clientHeight ?? 0 });
  const natural = () => ({ width: img.current?.naturalWidth ?? 0, height: img.current?.naturalHeight ?? 0 });
  const point = (e: PointerEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  function draw(list: readonly Region[] = regions): void {
    const c = canvas.current;
    const photo = img.current;
    if (!c || !photo) return;
    const size = shown();
    if (c.width !== size.width || c.height !== size.height) {
      c.width = size.width;
      c.height = size.height;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.imageSmoothingEnabled = false;
    for (const r of list) {
      const s = regionOnScreen(r, size, natural());
      // Pixelated preview: the region drawn small, then stretched back without smoothing.
      const small = document.createElement('canvas');
      small.width = Math.max(1, Math.round(s.width / PREVIEW_BLOCK));
      small.height = Math.max(1, Math.round(s.height / PREVIEW_BLOCK));
      small.getContext('2d')?.drawImage(photo, r.x, r.y, r.width, r.height, 0, 0, small.width, small.height);
      ctx.drawImage(small, 0, 0, small.width, small.height, s.x, s.y, s.width, s.height);
      ctx.strokeStyle = '#ffd400';
      ctx.lineWidth = 2;
      ctx.strokeRect(s.x, s.y, s.width, s.height);
    }
    const d = drag.current;
    if (d) {
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = '#ffffff';
      ctx.strokeRect(d.start.x, d.start.y, d.current.x - d.start.x, d.current.y - d.start.y);
      ctx.setLineDash([]);
    }
  }

  // A changed set of regions is a new request (a new key), and is drawn at once.
  function changed(next: Region[]): void {
    key.current = crypto.randomUUID();
    setRegions(next);
  }
  useEffect(() => draw(), [regions]);

  const onPointerDown = (e: PointerEvent) => {
    if (!img.current?.naturalWidth) return;
    canvas.current?.setPointerCapture(e.pointerId);
    const p = point(e);
    drag.current = { start: p, current: p };
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag.current) return;
    drag.current.current = point(e);
    draw();
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    drag.current = null;
    const r = regionFromDrag(d.start, point(e), shown(), natural());
    if (!r) return draw();
    const next = addRegion(regions, r);
    if (next.full) setStatus({ key: 'moderation.blur.full' });
    changed(next.regions);
  };
  const onPointerCancel = () => {
    drag.current = null;
    draw();
  };

  const publish = async () => {
    setBusy(true);
    try {
      const r = await call(
        client.POST('/api/moderation/photos/{id}/blur', {
          params: { path: { id: photoId } },
          body: { regions },
          headers: { 'Idempotency-Key': key.current },
        }),
      );
      setStatus({ done: r.regions });
      changed([]);
      // The published copy now is the blurred one: show it.
      void show('published');
    } catch (err) {
      setStatus({ failure: err });
    } finally {
      setBusy(false);
    }
  };

  // Fetched when opened: a queue of many photos does not download them all.
  const onToggle = (e: Event) => {
    if ((e.currentTarget as HTMLDetailsElement).open && !shownUrl) void show('original');
  };

  return (
    <details className="moderation-blur" onToggle={onToggle}>
      <summary>{t('moderation.blur.open')}</summary>
      <p className="moderation-blur-help">{t('moderation.blur.help')}</p>
      <div className="moderation-blur-stage">
        <img
          ref={img}
          alt={t('moderation.blur.alt')}
          className="moderation-blur-photo"
          draggable={false}
          src={shownUrl ?? undefined}
          onLoad={() => draw()}
          onError={() => shownUrl && setStatus({ key: 'moderation.blur.noPhoto' })}
        />
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a drawing surface without tabindex; the region list below says the same in text */}
        <canvas
          ref={canvas}
          className="moderation-blur-canvas"
          aria-hidden="true"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
        />
      </div>
      <ol className="moderation-blur-regions">
        {regions.map((r, i) => (
          <li key={`${r.x},${r.y},${r.width},${r.height}`}>
            {t('moderation.blur.region', { x: r.x, y: r.y, width: r.width, height: r.height })}{' '}
            <button type="button" onClick={() => changed(regions.filter((_, j) => j !== i))}>
              {t('moderation.blur.remove')}
            </button>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" onClick={() => changed([])}>
          {t('moderation.blur.clear')}
        </button>
        <button type="button" disabled={busy || regions.length === 0} onClick={() => void publish()}>
          {t('moderation.blur.publish')}
        </button>
      </div>
      <p role="status">
        {status === null
          ? ''
          : 'key' in status
            ? t(status.key)
            : 'done' in status
              ? t('moderation.blur.done', { n: status.done })
              : describeError(status.failure)}
      </p>
    </details>
  );
}
