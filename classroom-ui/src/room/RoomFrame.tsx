import type { ReactNode } from 'react';
import { Brand } from '../components/Brand';
import { LocaleSwitch } from '../components/LocaleSwitch';

/** The page around the screens before and after the room itself: the room has the whole window. */
export function RoomFrame({ children }: { children: ReactNode }) {
  return (
    <div className="room-frame">
      <header className="room-frame-header">
        <Brand />
        <LocaleSwitch />
      </header>
      <main className="room-frame-main">{children}</main>
    </div>
  );
}
