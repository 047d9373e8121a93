interface ProgressBarProps {
  label: string;
  /** 0..1, or null while the amount of work is unknown. */
  value: number | null;
  detail?: string;
}

export function ProgressBar({ label, value, detail }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={detail ?? (percent === null ? 'working' : `${percent}%`)}
    >
      <div className={percent === null ? 'progress-fill progress-indeterminate' : 'progress-fill'} style={{ width: percent === null ? '30%' : `${percent}%` }} />
    </div>
  );
}
