import { useT } from '../i18n';
import { useRoomState } from './context';

type Quality = 'good' | 'fair' | 'poor' | 'lost';

/** Round trips under these feel like a conversation; above the second, people talk over each other. */
const GOOD_RTT_MS = 150;
const FAIR_RTT_MS = 400;

function qualityOf(reconnecting: boolean, roundTripMs: number | null): Quality {
  if (reconnecting) return 'lost';
  if (roundTripMs === null || roundTripMs < GOOD_RTT_MS) return 'good';
  return roundTripMs < FAIR_RTT_MS ? 'fair' : 'poor';
}

const bars: Record<Quality, number> = { good: 3, fair: 2, poor: 1, lost: 0 };

/** Three bars from the transports' state and the round-trip time to the media server. */
export function ConnectionQuality() {
  const t = useT();
  const { reconnecting, roundTripMs } = useRoomState();
  const quality = qualityOf(reconnecting, roundTripMs);
  const label =
    roundTripMs === null || reconnecting
      ? t(`room.quality.${quality}`)
      : `${t(`room.quality.${quality}`)} (${t('room.quality.rtt', { ms: roundTripMs })})`;
  return (
    <span className="quality" data-testid="connection-quality" data-quality={quality} title={label}>
      <svg viewBox="0 0 18 14" width="18" height="14" aria-hidden="true">
        {[0, 1, 2].map((bar) => (
          <rect
            key={bar}
            x={bar * 6}
            y={10 - bar * 5}
            width="4"
            height={4 + bar * 5}
            rx="1"
            data-on={bar < bars[quality] || undefined}
          />
        ))}
      </svg>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
