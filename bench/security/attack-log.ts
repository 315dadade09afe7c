/** What became of one attack. Only `refused` is a pass. */
export type Verdict = 'refused' | 'let through' | 'changed data' | 'took the process down';

export interface AttackResult {
  area: string;
  attack: string;
  verdict: Verdict;
  detail?: string;
}

/** The attacks an audit tried, by area, and how the server met each. */
export class AttackLog {
  readonly results: AttackResult[] = [];

  /** An attack the server must refuse; `refused` says whether it did. */
  expectRefused(area: string, attack: string, refused: boolean, detail?: string): void {
    this.results.push({ area, attack, verdict: refused ? 'refused' : 'let through', ...(detail ? { detail } : {}) });
  }

  /** After an area's attacks: something that must not have changed (false: it did). */
  expectUnchanged(area: string, what: string, unchanged: boolean, detail?: string): void {
    this.results.push({ area, attack: what, verdict: unchanged ? 'refused' : 'changed data', ...(detail ? { detail } : {}) });
  }

  /** The server still answers after an area's attacks. */
  expectAlive(area: string, alive: boolean): void {
    this.results.push({ area, attack: 'the process is still up', verdict: alive ? 'refused' : 'took the process down' });
  }

  failures(area?: string): AttackResult[] {
    return this.results.filter((result) => result.verdict !== 'refused' && (area === undefined || result.area === area));
  }

  tried(area: string): number {
    return this.results.filter((result) => result.area === area).length;
  }

  /** One row per area: attacks tried, refused, and each way one got through. */
  table(): string {
    const areas = [...new Set(this.results.map((result) => result.area))];
    const count = (area: string | null, verdict: Verdict) =>
      this.results.filter((result) => (area === null || result.area === area) && result.verdict === verdict).length;
    const row = (name: string, area: string | null) => {
      const tried = area === null ? this.results.length : this.tried(area);
      return `| ${name} | ${tried} | ${count(area, 'refused')} | ${count(area, 'let through')} | ${count(area, 'changed data')} | ${count(area, 'took the process down')} |`;
    };
    return [
      '| Area | Attacks | Refused | Let through | Changed data | Process down |',
      '|---|---:|---:|---:|---:|---:|',
      ...areas.map((area) => row(area, area)),
      row('**All**', null),
    ].join('\n');
  }
}
