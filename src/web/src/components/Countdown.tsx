import { useEffect, useState } from 'react';

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function formatLeft(ms: number): string {
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const d = Math.floor(h / 24);
  if (d > 0) return `${d} 天 ${h % 24} 小时`;
  if (h > 0) return `${h} 小时 ${m} 分`;
  return `${m} 分 ${String(s).padStart(2, '0')} 秒`;
}

/** Time left until a deadline; red under an hour, "已超时 …" once past it. */
export function Countdown({ deadline }: { deadline: string }) {
  const now = useNow();
  const left = new Date(deadline).getTime() - now;
  if (left <= 0) return <strong className="jx-text-danger" data-testid="countdown">已超时 {formatLeft(left)}</strong>;
  return (
    <span className={left < 3_600_000 ? 'jx-text-danger' : left < 4 * 3_600_000 ? 'jx-text-warning' : undefined} data-testid="countdown">
      剩余 {formatLeft(left)}
    </span>
  );
}
