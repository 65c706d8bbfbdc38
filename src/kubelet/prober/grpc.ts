/**
 * The grpc probe (upstream's pkg/probe/grpc): grpc.health.v1.Health/Check over plaintext HTTP/2 to podIP:port with
 * the probe's service name; SERVING is success, any other answer or error a failure with upstream's message. The
 * two messages it needs are declared inline (the published grpc.health.v1 definitions, two fields in all).
 */
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { joinHostPort } from './port.js';
import type { ProbeOutcome } from './types.js';

const HEALTH_PROTO = `
syntax = "proto3";
package grpc.health.v1;
message HealthCheckRequest { string service = 1; }
message HealthCheckResponse {
  enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; SERVICE_UNKNOWN = 3; }
  ServingStatus status = 1;
}
`;
const root = protobuf.parse(HEALTH_PROTO, { keepCase: true }).root;
export const HealthCheckRequest = root.lookupType('grpc.health.v1.HealthCheckRequest');
export const HealthCheckResponse = root.lookupType('grpc.health.v1.HealthCheckResponse');
const STATUS = root.lookupEnum('grpc.health.v1.HealthCheckResponse.ServingStatus');
export const HEALTH_CHECK_METHOD = '/grpc.health.v1.Health/Check';

/** The name of a ServingStatus number (`SERVING`, `NOT_SERVING`, …). */
export const servingStatusName = (n: number): string => STATUS.valuesById[n] ?? String(n);

export function grpcProbe(host: string, port: number, service: string, timeoutMs: number): Promise<ProbeOutcome> {
  const addr = joinHostPort(host, port);
  const within = `${timeoutMs / 1000}s`;
  const client = new grpc.Client(addr, grpc.credentials.createInsecure());
  const deadline = Date.now() + timeoutMs;
  const finish = (o: ProbeOutcome) => {
    client.close();
    return o;
  };
  return new Promise<ProbeOutcome>((resolve) => {
    client.waitForReady(deadline, (err) => {
      if (err) return resolve(finish({ result: 'failure', output: `timeout: failed to connect service ${JSON.stringify(addr)} within ${within}: ${err.message}` }));
      client.makeUnaryRequest(
        HEALTH_CHECK_METHOD,
        (req: { service: string }) => Buffer.from(HealthCheckRequest.encode(req).finish()),
        (buf: Buffer) => HealthCheckResponse.toObject(HealthCheckResponse.decode(buf), { defaults: true }) as { status: number },
        { service },
        new grpc.Metadata(),
        { deadline },
        (e, res) => resolve(finish(outcome(e, res?.status ?? 0, within))),
      );
    });
  });
}

function outcome(e: grpc.ServiceError | null, status: number, within: string): ProbeOutcome {
  if (e?.code === grpc.status.UNIMPLEMENTED) {
    return { result: 'failure', output: `this server doesn't implement the grpc health protocol (grpc.health.v1.Health): ${e.details}` };
  }
  if (e?.code === grpc.status.DEADLINE_EXCEEDED) return { result: 'failure', output: `timeout: health rpc did not complete within ${within}` };
  if (e) return { result: 'failure', output: `error: health rpc probe failed: ${e.message}` };
  if (status !== 1) return { result: 'failure', output: `service unhealthy (responded with ${JSON.stringify(servingStatusName(status))})` };
  return { result: 'success', output: '' };
}
