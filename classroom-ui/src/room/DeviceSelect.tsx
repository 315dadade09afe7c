import { useId } from 'react';
import { useT } from '../i18n';
import { useLocalMedia } from './context';
import type { DeviceKind } from './LocalMedia';

/** A list of the browser's cameras or microphones; names appear once access is allowed. */
export function DeviceSelect({ kind, onChange }: { kind: DeviceKind; onChange: (deviceId: string) => void }) {
  const t = useT();
  const id = useId();
  const local = useLocalMedia();
  const devices = local.devices[kind];
  const current = local.selected[kind] ?? local[kind]?.getSettings().deviceId ?? '';
  return (
    <div className="field">
      <label htmlFor={id}>{t(`room.${kind}`)}</label>
      <select
        id={id}
        data-testid={`device-${kind}`}
        value={current}
        disabled={devices.length === 0}
        onChange={(event) => onChange(event.target.value)}
      >
        {devices.length === 0 && <option value="">{t('room.defaultDevice')}</option>}
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t('room.unnamedDevice', { number: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
