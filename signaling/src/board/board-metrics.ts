import { Counter, Gauge, type Registry } from 'prom-client';

/** What the board server counts, exported with the process's other metrics. */
export class BoardMetrics {
  readonly refusedUpdates: Counter;
  readonly updateBytes: Counter;
  readonly storedBatches: Counter;

  constructor(registry: Registry, collect: () => { boards: number; connections: number }) {
    this.refusedUpdates = new Counter({
      name: 'panda_board_refused_updates_total',
      help: 'Board updates refused by the write rules (a student changing what the teacher showed)',
      registers: [registry],
    });
    this.updateBytes = new Counter({
      name: 'panda_board_update_bytes_total',
      help: 'Bytes of board updates received from clients',
      registers: [registry],
    });
    this.storedBatches = new Counter({
      name: 'panda_board_stored_batches_total',
      help: 'Batches of board updates written to the database',
      registers: [registry],
    });
    new Gauge({
      name: 'panda_board_documents',
      help: 'Boards held in memory by this process',
      registers: [registry],
      collect() {
        this.set(collect().boards);
      },
    });
    new Gauge({
      name: 'panda_board_connections',
      help: 'Board connections open on this process',
      registers: [registry],
      collect() {
        this.set(collect().connections);
      },
    });
  }
}
