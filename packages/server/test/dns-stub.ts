import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';

/** How the stub answers one name. */
export type StubZone =
  | { records: Array<{ type: 'A' | 'AAAA' | 'CNAME'; value: string }> }
  | { rcode: 'NXDOMAIN' | 'SERVFAIL' }
  /** Never answers, so the resolver times out. */
  | { silent: true };

const RCODES = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP, ephemeral port) answering from a table, for the custom-domain
 * checks. A name missing from the table is NXDOMAIN. A CNAME is followed inside the table, as a recursive resolver
 * would, when another type is asked for.
 */
export class DnsStub {
  /** Lower-case name (no trailing dot) → how to answer. Tests change it between checks. */
  readonly zones = new Map<string, StubZone>();
  /** Names asked about, in order (`type name`). */
  readonly queries: string[] = [];
  #socket: Socket | undefined;

  /** `127.0.0.1:<port>`, for `config.dnsServers`. */
  get address(): string {
    const { port } = this.#socket!.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  set(name: string, zone: StubZone): void {
    this.zones.set(name.toLowerCase(), zone);
  }

  async start(): Promise<void> {
    const socket = createSocket('udp4');
    socket.on('message', (message, remote) => {
      const reply = this.#answer(message);
      if (reply) socket.send(reply, remote.port, remote.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    this.#socket = socket;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#socket?.close(() => resolve()) ?? resolve());
  }

  #answer(message: Buffer): Buffer | undefined {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return undefined;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    this.queries.push(`${question.type} ${name}`);
    const zone = this.zones.get(name);
    if (zone && 'silent' in zone) return undefined;
    const rcode = !zone ? RCODES.NXDOMAIN : 'rcode' in zone ? RCODES[zone.rcode] : RCODES.NOERROR;
    const answers: dnsPacket.Answer[] = [];
    let current = name;
    // Follow CNAMEs inside the table (at most a few hops), as a recursive resolver does for A/AAAA questions.
    for (let hop = 0; hop < 5; hop++) {
      const here = this.zones.get(current);
      if (!here || !('records' in here)) break;
      const wanted = here.records.filter((r) => r.type === question.type);
      for (const record of wanted) {
        answers.push({
          type: record.type,
          name: current,
          ttl: 60,
          class: 'IN',
          data: record.value,
        } as dnsPacket.Answer);
      }
      const cname = here.records.find((r) => r.type === 'CNAME');
      if (wanted.length || !cname) break;
      answers.push({ type: 'CNAME', name: current, ttl: 60, class: 'IN', data: cname.value });
      current = cname.value.toLowerCase().replace(/\.$/, '');
    }
    return dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers: rcode === RCODES.NOERROR ? answers : [],
    });
  }
}
