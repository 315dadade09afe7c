import type { RoomConnection } from './connection.js';

/** The channel every connection seated in the lesson hears. */
export const lessonChannel = (lessonId: string) => `lesson:${lessonId}`;

/**
 * Which connection sits in which lesson: the one place a seat is taken or given up. The seat is
 * written on the connection itself rather than kept here, so that a connection recovered after a
 * short drop (Socket.IO's connection state recovery) comes back still seated.
 */
export class SeatMap {
  lessonOf(connection: RoomConnection): string | undefined {
    return connection.lessonId;
  }

  /** Seats the connection in the lesson; from now on it hears the lesson's channel. */
  async take(connection: RoomConnection, lessonId: string): Promise<void> {
    connection.lessonId = lessonId;
    await connection.join(lessonChannel(lessonId));
  }

  /** The connection sits nowhere any more, and stops hearing its lesson's channel. */
  free(connection: RoomConnection): void {
    if (connection.lessonId) connection.leave(lessonChannel(connection.lessonId));
    connection.lessonId = undefined;
  }
}
