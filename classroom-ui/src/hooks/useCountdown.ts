import { useCallback, useEffect, useState } from 'react';

interface Clock {
  now: number;
  deadline: number;
}

/** Starts a clock at a single instant, so `remaining` begins at exactly `seconds`. */
function startClock(seconds: number): Clock {
  const now = Date.now();
  return { now, deadline: now + seconds * 1000 };
}

/** Seconds left until a deadline; counting to a deadline keeps a throttled background tab accurate. */
export function useCountdown(initialSeconds = 0): { remaining: number; start: (seconds: number) => void } {
  const [clock, setClock] = useState(() => startClock(initialSeconds));
  const remaining = Math.max(0, Math.ceil((clock.deadline - clock.now) / 1000));
  const running = remaining > 0;

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setClock((current) => ({ ...current, now: Date.now() })), 1000);
    return () => window.clearInterval(timer);
  }, [running]);

  const start = useCallback((seconds: number) => setClock(startClock(seconds)), []);
  return { remaining, start };
}
