import { createContext, useContext, type ReactNode } from 'react';
import type { LocalMediaState } from './LocalMedia';
import type { RoomClient } from './RoomClient';
import type { RoomState } from './roomState';
import { useStore } from './useStore';

const RoomContext = createContext<RoomClient | null>(null);

export function RoomProvider({ client, children }: { client: RoomClient; children: ReactNode }) {
  return <RoomContext value={client}>{children}</RoomContext>;
}

export function useRoomClient(): RoomClient {
  const client = useContext(RoomContext);
  if (!client) throw new Error('useRoomClient must be used inside <RoomProvider>');
  return client;
}

export function useRoomState(): RoomState {
  return useStore(useRoomClient());
}

export function useLocalMedia(): LocalMediaState {
  return useStore(useRoomClient().local);
}
