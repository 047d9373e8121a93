import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { PartyRole } from '../../../../electron/shared/domain';
import { formatClock, formatPercent } from '../../ui/format';
import { EMOTION_COLORS, capitalise, labelText } from '../../ui/palette';
import type { EffectiveRegion } from './region-model';

interface RegionListProps {
  regions: EffectiveRegion[];
  roles: ReadonlyMap<number, PartyRole>;
  selectedKey: string | null;
  onActivate: (region: EffectiveRegion) => void;
}

const ROW = 34;

export function regionName(region: EffectiveRegion, role: PartyRole | undefined): string {
  const party = capitalise(role ?? `channel ${region.channel + 1}`);
  const when = `${formatClock(region.start, true)}–${formatClock(region.end, true)}`;
  if (region.source === 'human') {
    const model = region.prediction ? `, model said ${region.prediction.emotion} ${formatPercent(region.prediction.confidence)}` : '';
    return `${party} ${labelText(region.emotion)} (${region.label?.kind === 'agreement' ? 'agreed' : 'corrected'}${model}) ${when}`;
  }
  return `${party} ${region.emotion} ${formatPercent(region.confidence)} ${when}`;
}

/** The short note beside a row: the model's confidence, or what a label did. */
function regionNote(region: EffectiveRegion): string {
  if (region.source !== 'human') return formatPercent(region.confidence);
  if (region.label?.kind === 'agreement') return 'agreed';
  return region.prediction ? `was ${region.prediction.emotion}` : 'drawn';
}

/** Every region of the call (virtualised: long calls have thousands); click to select and seek. */
export function RegionList({ regions, roles, selectedKey, onActivate }: RegionListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: regions.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 10 });

  useEffect(() => {
    const index = regions.findIndex((region) => region.key === selectedKey);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedKey, regions, virtualizer]);

  return (
    <section className="region-list" aria-label="Regions">
      <h3>
        Regions <span className="muted">({regions.length})</span>
      </h3>
      <div ref={scrollRef} className="region-scroll">
        <ul style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const region = regions[item.index];
            const selected = region.key === selectedKey;
            return (
              <li key={region.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)` }}>
                <button
                  type="button"
                  className={selected ? 'region-row selected' : 'region-row'}
                  aria-pressed={selected}
                  aria-label={regionName(region, roles.get(region.channel))}
                  onClick={() => onActivate(region)}
                >
                  <span className="swatch" style={{ background: EMOTION_COLORS[region.emotion], opacity: 0.35 + 0.65 * region.confidence }} aria-hidden="true" />
                  <span className="region-role">{capitalise(roles.get(region.channel) ?? '?').slice(0, 1)}</span>
                  <span className="region-emotion">
                    {region.source === 'human' ? (region.label?.kind === 'agreement' ? '✓ ' : '✎ ') : ''}
                    {labelText(region.emotion)}
                  </span>
                  <span className="muted">{formatClock(region.start, true)}</span>
                  <span className="muted region-confidence">{regionNote(region)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
