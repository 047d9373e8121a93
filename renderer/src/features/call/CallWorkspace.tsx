import { useCallback, useMemo, useRef, useState } from 'react';
import type { Settings } from '../../../../electron/shared/contract';
import type { HumanLabel, LabelValue, PartyRole } from '../../../../electron/shared/domain';
import { api, errorMessage, mediaUrl } from '../../api';
import { EmotionLegend } from '../../ui/EmotionLegend';
import { countOf, formatClock, formatDuration } from '../../ui/format';
import { capitalise } from '../../ui/palette';
import { ConversationPanel } from '../conversation/ConversationPanel';
import { NotesPanel } from '../conversation/NotesPanel';
import { useNotes } from '../conversation/use-notes';
import type { LaneData } from '../../waveform/draw-lanes';
import { Waveform } from '../../waveform/Waveform';
import type { WaveformCallbacks, WaveformController } from '../../waveform/waveform-controller';
import { SPEEDS, type KeyMatch } from './call-shortcuts';
import { useSpectrogram } from './use-spectrogram';
import { callHref, type CallNeighbours } from './call-navigation';
import { CallNavigation } from './CallNavigation';
import { CallToolbar, type Solo } from './CallToolbar';
import { DistributionChart } from './DistributionChart';
import { draw, merge, relabel, remove, resize, split } from './edit-commands';
import { EmotionChips } from './EmotionChips';
import { allRegions, buildLanes, findRegion, isUncertainRegion, jumpTarget, longestRegion, nextInLane, type EffectiveRegion } from './region-model';
import { RegionList } from './RegionList';
import { RegionPanel } from './RegionPanel';
import type { CallData, CallDataState } from './use-call-data';
import { useCallKeys } from './use-call-keys';
import { useEditor } from './use-editor';

const LANE_HEIGHT = 110;

/** Corrections and agreements counted apart: confirming the model's label corrects nothing. */
function reviewCounts(labels: readonly HumanLabel[]): string {
  const agreements = labels.filter((label) => label.kind === 'agreement').length;
  return `${countOf(labels.length - agreements, 'correction')} · ${countOf(agreements, 'agreement')}`;
}

interface CallWorkspaceProps {
  call: CallDataState;
  data: CallData;
  settings: Settings | null;
  onNeedReviewer: () => void;
  onHelp: () => void;
  neighbours: CallNeighbours;
}

/** One call: lanes per party, scrub by emotion, corrections with undo, review. */
export function CallWorkspace({ call, data, settings, onNeedReviewer, onHelp, neighbours }: CallWorkspaceProps) {
  const { recording } = data;
  const controller = useRef<WaveformController | null>(null);
  const editor = useEditor(recording.id, call.setLabels, data.labels);
  const notes = useNotes(recording.id);
  const [active, setActive] = useState<ReadonlySet<LabelValue>>(new Set());
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [solo, setSolo] = useState<Solo>(null);
  const [drawn, setDrawn] = useState(false);
  const [zoom, setZoom] = useState(1);
  const [uncertainOnly, setUncertainOnly] = useState(false);
  const [scrubParty, setScrubParty] = useState<number | null>(null);
  const [range, setRange] = useState<{ start: number; end: number } | null>(null);
  const spectrogram = useSpectrogram(recording.id);

  const parties = useMemo(() => {
    const known = [...recording.parties].sort((a, b) => a.channel - b.channel).map(({ channel, role }) => ({ channel, role }));
    return known.length === data.peaks.channels.length ? known : data.peaks.channels.map((_, channel) => ({ channel, role: (known[channel]?.role ?? 'speaker') as PartyRole }));
  }, [recording.parties, data.peaks]);
  const roles = useMemo(() => new Map(parties.map((party) => [party.channel, party.role])), [parties]);
  const lanes = useMemo(() => buildLanes(parties.map((party) => party.channel), data.predictions, data.labels), [parties, data.predictions, data.labels]);
  const laneData = useMemo<LaneData[]>(() => parties.map((party) => {
    const regions = lanes.get(party.channel) ?? [];
    return { channel: party.channel, role: party.role, regions, longest: longestRegion(regions) };
  }), [parties, lanes]);
  const regions = useMemo(() => allRegions(lanes), [lanes]);
  // Scrubbing may be limited to one party: its chips count, list and jump only that party's regions.
  const partyRegions = useMemo(() => (scrubParty === null ? regions : regions.filter((region) => region.channel === scrubParty)), [regions, scrubParty]);
  const listed = useMemo(() => partyRegions.filter((region) => (active.size === 0 || active.has(region.emotion)) && (!uncertainOnly || isUncertainRegion(region))),
    [partyRegions, active, uncertainOnly]);
  const uncertainCount = useMemo(() => regions.filter(isUncertainRegion).length, [regions]);
  const counts = useMemo(() => {
    const map = new Map<LabelValue, number>();
    for (const region of partyRegions) map.set(region.emotion, (map.get(region.emotion) ?? 0) + 1);
    return map;
  }, [partyRegions]);
  const selected = findRegion(lanes, editor.selection);
  const source = useMemo(() => ({ mediaUrl: mediaUrl(recording.id), peaks: data.peaks, duration: data.duration, laneHeight: LANE_HEIGHT }), [recording.id, data.peaks, data.duration]);

  const focusRegion = useCallback((region: EffectiveRegion) => {
    editor.select(region.key);
    controller.current?.setTime(region.start);
    controller.current?.reveal(region.start, region.end);
  }, [editor]);

  const jump = useCallback((direction: 1 | -1, anyEmotion = false) => {
    const from = selected?.start ?? controller.current?.getTime() ?? 0;
    const accept = (region: EffectiveRegion) => anyEmotion || ((active.size === 0 || active.has(region.emotion)) && (!uncertainOnly || isUncertainRegion(region)));
    const target = jumpTarget(anyEmotion ? regions : partyRegions, from, direction, accept);
    if (target) focusRegion(target);
    else editor.setStatus(`No ${direction === 1 ? 'later' : 'earlier'} region${active.size ? ` of ${[...active].join(', ')}` : ''}${!anyEmotion && scrubParty !== null ? ` for the ${roles.get(scrubParty) ?? 'party'}` : ''}.`);
  }, [selected, regions, partyRegions, active, uncertainOnly, scrubParty, roles, focusRegion, editor]);

  const jumpUncertain = useCallback((direction: 1 | -1) => {
    const from = selected?.start ?? controller.current?.getTime() ?? 0;
    const target = jumpTarget(regions, from, direction, isUncertainRegion);
    if (target) focusRegion(target);
    else editor.setStatus(`No ${direction === 1 ? 'later' : 'earlier'} region the model is unsure of.`);
  }, [selected, regions, focusRegion, editor]);

  const needSelection = useCallback(<T,>(then: (region: EffectiveRegion) => T): T | undefined => {
    if (selected) return then(selected);
    editor.setStatus('Select a region first.');
    return undefined;
  }, [selected, editor]);

  const actions = {
    relabel: (emotion: LabelValue) => needSelection((region) => editor.run(relabel(region, emotion, editor.history.refFor), `Already ${emotion}.`)),
    split: () => needSelection((region) => editor.run(split(region, controller.current?.getTime() ?? 0, editor.history.refFor), 'Put the playhead inside the selected region, away from its edges, to split it.')),
    merge: () => needSelection((region) => {
      const next = nextInLane(lanes, region);
      editor.run(next ? merge(region, next, editor.history.refFor) : null, 'No next region in this lane to merge with.');
    }),
    remove: () => needSelection((region) => editor.run(remove(region, editor.history.refFor), 'Model predictions are kept: mark this one not speech (8) or unsure (9), or relabel it.')),
    // A Shift+drag range plays before the selected region: it was chosen last and on purpose.
    play: (loop: boolean) => (range ? controller.current?.playRegion(range.start, range.end, loop) : needSelection((region) => controller.current?.playRegion(region.start, region.end, loop))),
    solo: (channel: Solo) => {
      setSolo(channel);
      controller.current?.solo(channel);
    },
    rate: (value: number) => {
      setRate(value);
      controller.current?.setRate(value);
    },
    zoom: (direction: 1 | -1 | 0) => (direction === 0 ? controller.current?.fit() : controller.current?.zoomBy(direction === 1 ? 1.6 : 1 / 1.6)),
    toggleReviewed: async () => {
      if (!recording.reviewed && !settings?.reviewerName) return onNeedReviewer();
      try {
        const summary = await api.invoke('review.set', { recordingId: recording.id, reviewed: !recording.reviewed });
        call.setRecording({ ...recording, ...summary });
        editor.setStatus(summary.reviewed ? `Marked reviewed by ${summary.reviewer ?? settings?.reviewerName}.` : 'Marked not reviewed.');
      } catch (reason) {
        editor.setStatus(`Review not saved: ${errorMessage(reason)}`);
      }
    },
  };

  const callbacks: WaveformCallbacks = {
    onSelect: editor.select,
    onResize: (key, start, end) => {
      const region = findRegion(lanes, key);
      if (region) editor.run(resize(region, start, end, editor.history.refFor));
    },
    onDraw: (channel, start, end) => editor.run(draw(channel, start, end, active.size === 1 ? [...active][0] : 'neutral')),
    onTime: setTime,
    onPlaying: setPlaying,
    onZoom: (pxPerSec, fitted) => setZoom(fitted ? 1 : pxPerSec / (controller.current?.fitPxPerSec() ?? pxPerSec)),
    onDrawn: () => {
      performance.mark('emoqa:call-drawn');
      setDrawn(true);
    },
    onError: (message) => editor.setStatus(message),
    onRange: (chosen) => {
      setRange(chosen);
      if (chosen) editor.setStatus(`Range ${formatClock(chosen.start, true)}–${formatClock(chosen.end, true)} chosen: R plays it, L loops it, Esc clears it.`);
    },
  };

  const goTo = (id: string | null, none: string) => {
    if (id) window.location.hash = callHref(id);
    else editor.setStatus(none);
  };

  useCallKeys((match: KeyMatch) => {
    const c = controller.current;
    const speed = SPEEDS.indexOf(rate as (typeof SPEEDS)[number]);
    switch (match.action) {
      case 'play': return c?.togglePlay();
      case 'seek-back': return c?.setTime(c.getTime() - 5);
      case 'seek-forward': return c?.setTime(c.getTime() + 5);
      case 'next-emotion': return jump(1);
      case 'previous-emotion': return jump(-1);
      case 'next-region': return jump(1, true);
      case 'previous-region': return jump(-1, true);
      case 'next-uncertain': return jumpUncertain(1);
      case 'previous-uncertain': return jumpUncertain(-1);
      case 'relabel': return match.emotion && actions.relabel(match.emotion);
      case 'split': return actions.split();
      case 'merge': return actions.merge();
      case 'delete': return actions.remove();
      case 'undo': return editor.undo();
      case 'redo': return editor.redo();
      case 'zoom-in': return actions.zoom(1);
      case 'zoom-out': return actions.zoom(-1);
      case 'zoom-fit': return actions.zoom(0);
      case 'play-region': return actions.play(false);
      case 'loop-region': return actions.play(true);
      case 'solo-first': return actions.solo(parties[0]?.channel ?? null);
      case 'solo-second': return actions.solo(parties[1]?.channel ?? null);
      case 'solo-none': return actions.solo(null);
      case 'slower': return actions.rate(SPEEDS[Math.max(0, speed - 1)]);
      case 'faster': return actions.rate(SPEEDS[Math.min(SPEEDS.length - 1, speed + 1)]);
      case 'toggle-reviewed': return void actions.toggleReviewed();
      case 'deselect':
        c?.stopLoop();
        c?.clearRange();
        setRange(null);
        return editor.select(null);
      case 'help': return onHelp();
      case 'toggle-spectrogram': return spectrogram.toggle();
      case 'next-call': return goTo(neighbours.next, 'This is the last call in the library’s list.');
      case 'previous-call': return goTo(neighbours.previous, 'This is the first call in the library’s list.');
      case 'next-unreviewed': return goTo(neighbours.nextUnreviewed, 'Every other call in the library’s list is reviewed.');
    }
  }, true);

  const partyButtons = parties.map((party) => ({ channel: party.channel, label: capitalise(party.role) }));
  return (
    <section className="call" aria-label={`Call ${recording.fileName}`} data-drawn={drawn ? 'true' : 'false'}>
      <header className="call-header">
        <a href="#/" className="back">← Library</a>
        <h2>{recording.fileName}</h2>
        <span className="muted" data-testid="call-counts">{formatDuration(data.duration)} · {countOf(regions.length, 'region')} · {reviewCounts(data.labels)}</span>
        {recording.channels === 1 && recording.parties.length === 2 && (
          <span className="separated-badge" data-testid="separated-from-mono" title="One mixed channel, split into two speakers; the first speaker is taken as the agent">
            Agent and customer separated from mono
          </span>
        )}
        <a href={`#/scorecard/${encodeURIComponent(recording.id)}`}>Scorecard</a>
        <span className="muted" data-testid="call-model" title="The model version whose predictions this call shows">{recording.modelVersion ? `Labelled by model ${recording.modelVersion}` : 'Not labelled by a model yet'}</span>
        <button type="button" className={recording.reviewed ? 'reviewed' : 'primary'} aria-pressed={recording.reviewed} onClick={() => void actions.toggleReviewed()}>
          {recording.reviewed ? `✓ Reviewed${recording.reviewer ? ` by ${recording.reviewer}` : ''}` : 'Mark reviewed'}
        </button>
        <CallNavigation neighbours={neighbours} />
      </header>
      <CallToolbar playing={playing} time={time} duration={data.duration} rate={rate} solo={solo} parties={partyButtons} canUndo={editor.history.canUndo} canRedo={editor.history.canRedo} zoom={zoom}
        spectrogram={spectrogram.shown} onSpectrogram={spectrogram.toggle} onPlay={() => controller.current?.togglePlay()} onRate={actions.rate} onSolo={actions.solo} onZoom={actions.zoom} onUndo={editor.undo} onRedo={editor.redo} onHelp={onHelp} />
      <EmotionChips active={active} counts={counts} onJump={(direction) => jump(direction)} party={scrubParty} parties={partyButtons} onParty={setScrubParty} onClear={() => setActive(new Set())}
        uncertain={uncertainOnly} uncertainCount={uncertainCount} onToggleUncertain={() => setUncertainOnly((current) => !current)}
        onToggle={(emotion) => setActive((current) => {
          const next = new Set(current);
          if (next.has(emotion)) next.delete(emotion);
          else next.add(emotion);
          return next;
        })} />
      <div className="call-main">
        <div className="call-centre">
          <Waveform source={source} parties={parties} lanes={laneData} selectedKey={editor.selection} activeEmotions={active} callbacks={callbacks} controllerRef={controller} spectrogram={spectrogram.fetch} />
          <EmotionLegend />
          <p className="status-line" role="status" aria-live="polite" data-testid="edit-status">{editor.status}</p>
          <RegionPanel region={selected} role={selected ? roles.get(selected.channel) : undefined} onRelabel={(emotion) => actions.relabel(emotion)}
            onSplit={actions.split} onMerge={actions.merge} onDelete={actions.remove} onPlay={actions.play} />
          <DistributionChart lanes={lanes} roles={roles} />
          <ConversationPanel measures={recording.measures} />
          <NotesPanel state={notes} region={selected ? { channel: selected.channel, start: selected.start, end: selected.end } : null} />
        </div>
        <RegionList regions={listed} roles={roles} selectedKey={editor.selection} onActivate={focusRegion} />
      </div>
    </section>
  );
}
