import { BOARD_PATH, BOARD_RECORDS } from '@panda/shared';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const MESSAGE_AUTH = 2;

/** A headless board client speaking y-websocket to the server, as the browser does. */
export class TestBoardClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Reasons the server gave for refusing updates. */
  readonly refusals: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(baseUrl: string, lessonId: string, token: string) {
    this.provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}${BOARD_PATH}`, lessonId, this.doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    this.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      this.refusals.push(decoding.readVarString(decoder));
    };
    this.closed = new Promise((resolve) => this.provider.once('closed', (event) => resolve(event)));
  }

  get records(): Y.Map<unknown> {
    return this.doc.getMap(BOARD_RECORDS);
  }

  /** Resolves once the first sync with the server is done. */
  synced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => this.provider.once('sync', () => resolve()));
  }

  close(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
