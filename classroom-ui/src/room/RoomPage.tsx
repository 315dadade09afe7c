import { useEffect, useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { LoadingScreen } from '../components/LoadingScreen';
import { RoomProvider, useRoomState } from './context';
import { exposeDebugHook } from './debugHook';
import { LocalMedia } from './LocalMedia';
import { PreJoin } from './PreJoin';
import { RoomClient } from './RoomClient';
import { LessonOver, Removed } from './RoomExit';
import { RoomView } from './RoomView';
import { useLesson } from './useLesson';
import './room.css';

/** `/lessons/:id/room`: the pre-join screen, the room, and what comes after. */
export function RoomPage() {
  const { id = '' } = useParams();
  const [client, setClient] = useState<RoomClient | null>(null);

  // Made in an effect, not during render: the devices and the socket must be let go on unmount,
  // and a client per mount is what keeps that right when React mounts twice in development.
  useEffect(() => {
    const local = new LocalMedia();
    // `?relay=1` sends all media through the TURN relay: support staff use it to tell a blocked
    // network from a broken one.
    const relayOnly = new URLSearchParams(window.location.search).get('relay') === '1';
    const room = new RoomClient(id, local, { relayOnly });
    const unexpose = exposeDebugHook(room);
    setClient(room);
    return () => {
      unexpose();
      room.dispose();
      local.dispose();
    };
  }, [id]);

  if (!client || client.lessonId !== id) return <LoadingScreen />;
  return (
    <RoomProvider client={client}>
      <RoomScreens lessonId={id} />
    </RoomProvider>
  );
}

function RoomScreens({ lessonId }: { lessonId: string }) {
  const { phase } = useRoomState();
  const lesson = useLesson(lessonId);
  switch (phase.name) {
    case 'joined':
      return <RoomView />;
    case 'ended':
      return <LessonOver />;
    case 'removed':
      return <Removed reason={phase.reason} />;
    case 'left':
      return <Navigate to="/dashboard" replace />;
    default:
      return <PreJoin lesson={lesson} />;
  }
}
