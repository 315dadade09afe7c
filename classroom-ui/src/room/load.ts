/** The room's code, fetched when the room opens or earlier, from a dashboard with a lesson on now. */
export const loadRoomPage = () => import('./RoomPage');
