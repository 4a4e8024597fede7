import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { removePid, writePid } from '../state';

/** One real Prometheus process, owned by the daemon (same process group, so `stop` reaches it). */
export class PrometheusProcess {
  private child?: ChildProcess;

  constructor(
    private readonly o: {
      name: string;
      binary: string;
      dir: string;
      args: string[];
      port: number;
      /** A leaf serves HTTPS. */
      https?: boolean;
    },
  ) {}

  get running(): boolean {
    return (
      !!this.child &&
      this.child.exitCode === null &&
      this.child.signalCode === null
    );
  }

  async start(): Promise<void> {
    if (this.running) return;
    const logDir = path.join(this.o.dir, 'logs');
    fs.mkdirSync(logDir, { recursive: true });
    const log = fs.openSync(
      path.join(logDir, `prometheus-${this.o.name}.log`),
      'a',
    );
    const child = spawn(this.o.binary, this.o.args, {
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.child = child;
    if (child.pid) writePid(this.o.dir, `prometheus-${this.o.name}`, child.pid);
    await this.waitReady(60_000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    removePid(this.o.dir, `prometheus-${this.o.name}`);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>(resolve =>
      child.once('exit', () => resolve()),
    );
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  private ready(): Promise<boolean> {
    return new Promise(resolve => {
      const options = {
        host: '127.0.0.1',
        port: this.o.port,
        path: '/-/ready',
        timeout: 1000,
      };
      const onResponse = (res: http.IncomingMessage) => {
        res.resume();
        resolve(res.statusCode === 200);
      };
      // Readiness only: the certificate may be expired on purpose (certificate-expired fault).
      const req = this.o.https
        ? https.get({ ...options, rejectUnauthorized: false }, onResponse)
        : http.get(options, onResponse);
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(
          `prometheus ${this.o.name} exited at start; see ${path.join(
            this.o.dir,
            'logs',
            `prometheus-${this.o.name}.log`,
          )}`,
        );
      }
      if (await this.ready()) return;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(
      `prometheus ${this.o.name} not ready after ${timeoutMs / 1000}s`,
    );
  }
}
