/** Open to everyone signed in, so not a section of the side menu. */
export const notificationsPath = '/notifications';
