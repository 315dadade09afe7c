import { useState } from 'react';
import { Modal } from '../components/Modal';
import { useT } from '../i18n';
import { useLocalMedia, useRoomClient, useRoomState } from './context';
import { DeviceSelect } from './DeviceSelect';
import { Icon, type IconName } from './icons';

interface ControlButtonProps {
  testId: string;
  icon: IconName;
  label: string;
  /** For toggles: on or off, announced by screen readers. */
  pressed?: boolean;
  tone?: 'danger';
  onClick: () => void;
}

function ControlButton({ testId, icon, label, pressed, tone, onClick }: ControlButtonProps) {
  return (
    <button
      type="button"
      className="control"
      data-testid={testId}
      data-tone={tone}
      aria-pressed={pressed}
      onClick={onClick}
    >
      <Icon name={icon} />
      <span className="control-label">{label}</span>
    </button>
  );
}

interface ControlBarProps {
  boardOpen: boolean;
  onToggleBoard: () => void;
  /** Chat and the participant list over the room (phones; beside the room they are always shown). */
  sideOpen: boolean;
  onToggleSide: () => void;
}

export function ControlBar({ boardOpen, onToggleBoard, sideOpen, onToggleSide }: ControlBarProps) {
  const t = useT();
  const client = useRoomClient();
  const local = useLocalMedia();
  const { room } = useRoomState();
  const self = client.self;
  const [dialog, setDialog] = useState<'devices' | 'end' | null>(null);
  const closeDialog = () => setDialog(null);
  const sends = self !== undefined && self.role !== 'observer';

  return (
    <div className="control-bar" role="toolbar" aria-label={t('room.controls')}>
      {sends && (
        <>
          <ControlButton
            testId="toggle-mic"
            icon={local.on.microphone ? 'mic' : 'micOff'}
            label={t('room.microphone')}
            pressed={local.on.microphone}
            onClick={() => void client.setDevice('microphone', !local.on.microphone)}
          />
          <ControlButton
            testId="toggle-camera"
            icon={local.on.camera ? 'camera' : 'cameraOff'}
            label={t('room.camera')}
            pressed={local.on.camera}
            onClick={() => void client.setDevice('camera', !local.on.camera)}
          />
          <ControlButton
            testId="toggle-screen"
            icon="screen"
            label={t('room.control.screen')}
            pressed={local.screen !== null}
            onClick={() => void client.toggleScreen()}
          />
          <ControlButton
            testId="toggle-hand"
            icon="hand"
            label={t('room.control.hand')}
            pressed={self.handRaised}
            onClick={() => void client.setHand(!self.handRaised)}
          />
          <ControlButton
            testId="open-devices"
            icon="devices"
            label={t('room.control.devices')}
            onClick={() => setDialog('devices')}
          />
        </>
      )}
      <ControlButton
        testId="toggle-board"
        icon="board"
        label={t('room.board.title')}
        pressed={boardOpen}
        onClick={onToggleBoard}
      />
      <ControlButton testId="toggle-side" icon="chat" label={t('room.control.chat')} pressed={sideOpen} onClick={onToggleSide} />
      {self?.role === 'teacher' && (
        <>
          <ControlButton
            testId="lock-room"
            icon={room?.locked ? 'lock' : 'unlock'}
            label={t('room.control.lock')}
            pressed={room?.locked ?? false}
            onClick={() => void client.setLocked(!room?.locked)}
          />
          <ControlButton
            testId="record-lesson"
            icon="record"
            label={room?.recording ? t('room.control.stopRecording') : t('room.control.record')}
            pressed={room?.recording ?? false}
            onClick={() => void client.setRecording(!room?.recording)}
          />
          <ControlButton
            testId="end-lesson"
            icon="end"
            label={t('room.control.end')}
            tone="danger"
            onClick={() => setDialog('end')}
          />
        </>
      )}
      <ControlButton testId="leave-room" icon="leave" label={t('room.control.leave')} onClick={() => client.leave()} />

      {dialog === 'devices' && (
        <Modal title={t('room.control.devices')} onClose={closeDialog}>
          <div className="form">
            <DeviceSelect kind="microphone" onChange={(id) => void client.switchDevice('microphone', id)} />
            <DeviceSelect kind="camera" onChange={(id) => void client.switchDevice('camera', id)} />
            <div className="form-actions">
              <button type="button" className="btn btn-primary" onClick={closeDialog}>
                {t('common.close')}
              </button>
            </div>
          </div>
        </Modal>
      )}
      {dialog === 'end' && (
        <Modal title={t('room.end.title')} onClose={closeDialog}>
          <p>{t('room.end.text')}</p>
          <div className="form-actions">
            <button type="button" className="btn btn-secondary" onClick={closeDialog}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-testid="end-lesson-confirm"
              onClick={() => {
                closeDialog();
                void client.endLesson();
              }}
            >
              {t('room.end.confirm')}
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
